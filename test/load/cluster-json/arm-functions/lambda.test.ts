/** Lambda functions, with the inputs and outputs of ARM's documentation (template-functions-lambda). */
import { describe } from 'vitest';
import { failures, scopeOf, table } from './table.js';

const dogs = [
  { name: 'Evie', age: 5, interests: ['Ball', 'Frisbee'] },
  { name: 'Casper', age: 3, interests: ['Other dogs'] },
  { name: 'Indy', age: 2, interests: ['Butter'] },
  { name: 'Kira', age: 8, interests: ['Rubs'] },
];
const [evie, casper, indy, kira] = dogs;

const scope = scopeOf({
  variables: {
    dogs,
    ages: "[map(variables('dogs'), lambda('dog', lambdaVariables('dog').age))]",
    propertyDogs: dogs.map(({ name, ...properties }) => ({ name, properties })),
  },
});

describe('filter()', () => {
  table(scope, [
    [
      "[filter(variables('dogs'), lambda('dog', greaterOrEquals(lambdaVariables('dog').age, 5)))]",
      [evie, kira],
    ],
    ["[filter(range(0, 10), lambda('i', greater(lambdaVariables('i'), 5)))]", [6, 7, 8, 9]],
    ["[filter(range(0, 10), lambda('i', equals(0, mod(lambdaVariables('i'), 2))))]", [0, 2, 4, 6, 8]],
    [
      "[filter(createArray('a', 'b', 'c'), lambda('x', 'i', not(equals(lambdaVariables('i'), 1))))]",
      ['a', 'c'],
    ],
  ]);
  failures(scope, 'invalid', [["[filter(createArray(1), lambda('x', 'yes'))]", 'not a boolean']]);
});

describe('map()', () => {
  table(scope, [
    [
      "[map(variables('dogs'), lambda('dog', lambdaVariables('dog').name))]",
      ['Evie', 'Casper', 'Indy', 'Kira'],
    ],
    [
      "[map(variables('dogs'), lambda('dog', format('Hello {0}!', lambdaVariables('dog').name)))]",
      ['Hello Evie!', 'Hello Casper!', 'Hello Indy!', 'Hello Kira!'],
    ],
    [
      "[map(range(0, length(variables('dogs'))), lambda('i', createObject('i', lambdaVariables('i'), 'dog', variables('dogs')[lambdaVariables('i')].name, 'greeting', format('Ahoy, {0}!', variables('dogs')[lambdaVariables('i')].name))))]",
      [
        { i: 0, dog: 'Evie', greeting: 'Ahoy, Evie!' },
        { i: 1, dog: 'Casper', greeting: 'Ahoy, Casper!' },
        { i: 2, dog: 'Indy', greeting: 'Ahoy, Indy!' },
        { i: 3, dog: 'Kira', greeting: 'Ahoy, Kira!' },
      ],
    ],
    [
      "[map(createArray('a', 'b'), lambda('x', 'i', concat(lambdaVariables('x'), string(lambdaVariables('i')))))]",
      ['a0', 'b1'],
    ],
  ]);
});

describe('reduce()', () => {
  table(scope, [
    [
      "[reduce(variables('ages'), 0, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))]",
      18,
    ],
    [
      "[reduce(variables('ages'), 1, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))]",
      19,
    ],
    [
      "[reduce(createArray(createObject('foo', 123), createObject('bar', 456), createObject('baz', 789)), createObject(), lambda('cur', 'next', union(lambdaVariables('cur'), lambdaVariables('next'))))]",
      { foo: 123, bar: 456, baz: 789 },
    ],
  ]);
});

describe('sort()', () => {
  table(scope, [
    [
      "[sort(variables('dogs'), lambda('a', 'b', less(lambdaVariables('a').age, lambdaVariables('b').age)))]",
      [indy, casper, evie, kira],
    ],
    [
      "[sort(createArray('c', 'a', 'b'), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]",
      ['a', 'b', 'c'],
    ],
  ]);
});

describe('toObject()', () => {
  const byName = { Evie: evie, Casper: casper, Indy: indy, Kira: kira };
  table(scope, [
    ["[toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name))]", byName],
    [
      "[toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name), lambda('entry', lambdaVariables('entry')))]",
      byName,
    ],
    [
      "[toObject(variables('propertyDogs'), lambda('entry', lambdaVariables('entry').name), lambda('entry', lambdaVariables('entry').properties))]",
      {
        Evie: { age: 5, interests: ['Ball', 'Frisbee'] },
        Casper: { age: 3, interests: ['Other dogs'] },
        Indy: { age: 2, interests: ['Butter'] },
        Kira: { age: 8, interests: ['Rubs'] },
      },
    ],
  ]);
  failures(scope, 'undecidable', [
    ["[toObject(createArray('a', 'A'), lambda('x', lambdaVariables('x')))]", 'same key twice'],
  ]);
});

describe('groupBy() and mapValues()', () => {
  table(scope, [
    [
      "[groupBy(createArray('foo', 'bar', 'baz'), lambda('x', substring(lambdaVariables('x'), 0, 1)))]",
      { f: ['foo'], b: ['bar', 'baz'] },
    ],
    [
      "[mapValues(createObject('foo', 'foo'), lambda('val', toUpper(lambdaVariables('val'))))]",
      { foo: 'FOO' },
    ],
  ]);
});

describe('lambda() and lambdaVariables() misuse', () => {
  failures(scope, 'invalid', [
    ["[lambda('x', 1)]", 'can only be an argument'],
    ["[lambdaVariables('x')]", 'not in scope'],
    ["[map(createArray(1), 'notALambda')]", 'expects a lambda() argument'],
    ["[map(createArray(1), lambda('a', 'b', 'c', 1))]", 'lambda takes 1 to 2 variables'],
  ]);
});
