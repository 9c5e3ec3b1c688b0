/** Logical and comparison functions, with the inputs and outputs of ARM's documentation. */
import { describe } from 'vitest';
import { failures, scopeOf, table } from './table.js';

const scope = scopeOf({
  parameters: {
    objectToTest: {
      type: 'object',
      defaultValue: {
        null1: null,
        null2: null,
        string: 'default',
        int: 1,
        object: { first: 'default' },
        array: [1],
      },
    },
    noDefault: { type: 'string' },
  },
});

describe('and(), or(), not(), true(), false()', () => {
  table(scope, [
    ['[and(bool(1), bool(0))]', false],
    ['[or(bool(1), bool(0))]', true],
    ['[not(bool(1))]', false],
    ['[not(equals(1, 2))]', true],
    ['[and(true(), true(), true())]', true],
    ['[true()]', true],
    ['[false()]', false],
    ["[and(false(), parameters('noDefault'))]", false],
  ]);
  failures(scope, 'invalid', [
    ["[and(true(), 'yes')]", 'expects booleans'],
    ['[and(true())]', 'at least 2'],
  ]);
  failures(scope, 'undecidable', [["[and(true(), parameters('noDefault'))]", 'no default value']]);
});

describe('bool()', () => {
  table(scope, [
    ["[bool('true')]", true],
    ["[bool('false')]", false],
    ['[bool(0)]', false],
    ['[bool(1)]', true],
    ["[bool('TRUE')]", true],
  ]);
});

describe('if() is lazy', () => {
  table(scope, [
    ["[if(equals('a', 'a'), 'yes', 'no')]", 'yes'],
    ["[if(equals('a', 'b'), 'yes', 'no')]", 'no'],
    ["[if(equals('test', 'test'), json('null'), createObject('test', 'value'))]", null],
    ["[if(true(), 'ok', reference('never').x)]", 'ok'],
    ["[if(false(), parameters('noDefault'), 'ok')]", 'ok'],
  ]);
  failures(scope, 'invalid', [["[if('true', 1, 2)]", 'condition is a string']]);
});

describe('coalesce()', () => {
  table(scope, [
    [
      "[coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2, parameters('objectToTest').string)]",
      'default',
    ],
    [
      "[coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2, parameters('objectToTest').int)]",
      1,
    ],
    [
      "[coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2, parameters('objectToTest').object)]",
      { first: 'default' },
    ],
    [
      "[coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2, parameters('objectToTest').array)]",
      [1],
    ],
    ["[empty(coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2))]", true],
    ["[coalesce('', 'x')]", ''],
  ]);
  failures(scope, 'undecidable', [["[coalesce(parameters('noDefault'), 'x')]", 'no default value']]);
});

describe('equals()', () => {
  table(scope, [
    ['[equals(1, 1)]', true],
    ["[equals('a', 'a')]", true],
    ["[equals(createArray('a', 'b'), createArray('a', 'b'))]", true],
    ["[equals(createObject('a', 'b'), createObject('a', 'b'))]", true],
    ["[equals('A', 'a')]", false],
  ]);
});

describe('greater(), greaterOrEquals(), less(), lessOrEquals()', () => {
  table(scope, [
    ['[greater(1, 2)]', false],
    ["[greater('A', 'a')]", true],
    ['[greaterOrEquals(1, 2)]', false],
    ["[greaterOrEquals('A', 'a')]", true],
    ['[less(1, 2)]', true],
    ["[less('A', 'a')]", false],
    ['[lessOrEquals(1, 2)]', true],
    ["[lessOrEquals('A', 'a')]", false],
    ['[lessOrEquals(2, 2)]', true],
    ["[less('abc', 'abd')]", true],
  ]);
  failures(scope, 'invalid', [["[greater(1, 'a')]", 'two integers or two strings']]);
  failures(scope, 'undecidable', [["[less('a-b', 'a_b')]", 'culture rules']]);
});
