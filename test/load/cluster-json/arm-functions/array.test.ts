/** Array functions, with the inputs and outputs of ARM's documentation (template-functions-array). */
import { describe } from 'vitest';
import { failures, scopeOf, table } from './table.js';

const scope = scopeOf({
  parameters: {
    intToConvert: { type: 'int', defaultValue: 1 },
    stringToConvert: { type: 'string', defaultValue: 'efgh' },
    objectToConvert: { type: 'object', defaultValue: { a: 'b', c: 'd' } },
    firstArray: { type: 'array', defaultValue: ['1-1', '1-2', '1-3'] },
    secondArray: { type: 'array', defaultValue: ['2-1', '2-2', '2-3'] },
    stringToTest: { type: 'string', defaultValue: 'OneTwoThree' },
    objectToTest: { type: 'object', defaultValue: { one: 'a', two: 'b', three: 'c' } },
    arrayToTest: { type: 'array', defaultValue: ['one', 'two', 'three'] },
    intArray: { type: 'array', defaultValue: [0, 3, 2, 5, 4] },
    emptyArray: { type: 'array', defaultValue: [] },
    lengthObject: {
      type: 'object',
      defaultValue: {
        propA: 'one',
        propB: 'two',
        propC: 'three',
        propD: { 'propD-1': 'sub', 'propD-2': 'sub' },
      },
    },
    isecFirst: { type: 'array', defaultValue: ['one', 'two', 'three'] },
    isecSecond: { type: 'array', defaultValue: ['two', 'three'] },
    unionFirst: { type: 'array', defaultValue: ['one', 'two', 'three'] },
    unionSecond: { type: 'array', defaultValue: ['three', 'four'] },
  },
  variables: {
    nestedFirst: [['one', 'two'], ['three']],
    nestedSecond: [['three'], ['four', 'two']],
  },
});

describe('array()', () => {
  table(scope, [
    ["[array(parameters('intToConvert'))]", [1]],
    ["[array(parameters('stringToConvert'))]", ['efgh']],
    ["[array(parameters('objectToConvert'))]", [{ a: 'b', c: 'd' }]],
    ["[array(parameters('arrayToTest'))]", ['one', 'two', 'three']],
  ]);
});

describe('concat()', () => {
  table(scope, [
    [
      "[concat(parameters('firstArray'), parameters('secondArray'))]",
      ['1-1', '1-2', '1-3', '2-1', '2-2', '2-3'],
    ],
    ["[concat('prefix', '-', 'abc')]", 'prefix-abc'],
  ]);
  failures(scope, 'invalid', [["[concat(createArray(1), 'a')]", 'mixes strings and arrays']]);
});

describe('contains()', () => {
  table(scope, [
    ["[contains(parameters('stringToTest'), 'e')]", true],
    ["[contains(parameters('stringToTest'), 'z')]", false],
    ["[contains(parameters('objectToTest'), 'one')]", true],
    ["[contains(parameters('objectToTest'), 'a')]", false],
    ["[contains(parameters('objectToTest'), 'ONE')]", true],
    ["[contains(parameters('arrayToTest'), 'three')]", true],
    ["[contains(parameters('arrayToTest'), 'four')]", false],
  ]);
});

describe('createArray()', () => {
  table(scope, [
    ["[createArray('a', 'b', 'c')]", ['a', 'b', 'c']],
    ['[createArray(1, 2, 3)]', [1, 2, 3]],
    ["[createArray(parameters('objectToTest'))]", [{ one: 'a', two: 'b', three: 'c' }]],
    ["[createArray(parameters('arrayToTest'))]", [['one', 'two', 'three']]],
    ['[createArray()]', []],
  ]);
});

describe('empty()', () => {
  table(scope, [
    ["[empty(parameters('emptyArray'))]", true],
    ['[empty(createObject())]', true],
    ["[empty('')]", true],
    ["[empty(parameters('arrayToTest'))]", false],
    ['[empty(null())]', true],
  ]);
});

describe('first() and last()', () => {
  table(scope, [
    ["[first(parameters('arrayToTest'))]", 'one'],
    ["[first('One Two Three')]", 'O'],
    ["[last(parameters('arrayToTest'))]", 'three'],
    ["[last('One Two Three')]", 'e'],
    ["[first(parameters('emptyArray'))]", null],
  ]);
});

describe('flatten()', () => {
  table(scope, [
    [
      "[flatten(createArray(createArray('one', 'two'), createArray('three'), createArray('four', 'five')))]",
      ['one', 'two', 'three', 'four', 'five'],
    ],
    ['[flatten(createArray(createArray(createArray(1)), createArray(2)))]', [[1], 2]],
  ]);
  failures(scope, 'invalid', [['[flatten(createArray(1, createArray(2)))]', 'array of arrays']]);
});

describe('indexOf() and lastIndexOf() on arrays', () => {
  table(scope, [
    ["[indexOf(createArray('abc', 'def', 'ghi'), 'def')]", 1],
    ["[indexOf(createArray('abc', 'def', 'ghi'), 'jkl')]", -1],
    ["[lastIndexOf(createArray('abc', 'def', 'ghi', 'abc'), 'abc')]", 3],
    ['[indexOf(createArray(1, 2, 3, 2), 2)]', 1],
    ['[lastIndexOf(createArray(1, 2, 3, 2), 2)]', 3],
    ["[indexOf(createArray(createArray('a')), createArray('a'))]", 0],
  ]);
});

describe('intersection()', () => {
  table(scope, [
    [
      "[intersection(parameters('objectToTest'), createObject('one', 'a', 'two', 'z', 'three', 'c'))]",
      { one: 'a', three: 'c' },
    ],
    ["[intersection(parameters('isecFirst'), parameters('isecSecond'))]", ['two', 'three']],
  ]);
});

describe('length()', () => {
  table(scope, [
    ["[length(parameters('arrayToTest'))]", 3],
    ["[length('One Two Three')]", 13],
    ["[length(parameters('lengthObject'))]", 4],
  ]);
});

describe('max() and min()', () => {
  table(scope, [
    ["[max(parameters('intArray'))]", 5],
    ['[max(0,3,2,5,4)]', 5],
    ["[min(parameters('intArray'))]", 0],
    ['[min(0,3,2,5,4)]', 0],
  ]);
  failures(scope, 'invalid', [["[max(parameters('emptyArray'))]", 'empty array']]);
});

describe('range()', () => {
  table(scope, [
    ['[range(5, 3)]', [5, 6, 7]],
    ['[range(0, 0)]', []],
  ]);
  failures(scope, 'invalid', [
    ['[range(0, 100000000)]', 'count must be 0 to 10000'],
    ['[range(2147483647, 1)]', 'beyond 32-bit'],
    ['[range(0, -1)]', 'count must be'],
  ]);
});

describe('skip() and take()', () => {
  table(scope, [
    ["[skip(parameters('arrayToTest'), 2)]", ['three']],
    ["[skip('one two three', 4)]", 'two three'],
    ["[skip(parameters('arrayToTest'), -1)]", ['one', 'two', 'three']],
    ["[skip(parameters('arrayToTest'), 9)]", []],
    ["[take(parameters('arrayToTest'), 2)]", ['one', 'two']],
    ["[take('one two three', 2)]", 'on'],
    ["[take(parameters('arrayToTest'), 0)]", []],
  ]);
});

describe('union()', () => {
  table(scope, [
    [
      "[union(createObject('one', 'a', 'two', 'b', 'three', 'c1'), createObject('three', 'c2', 'four', 'd', 'five', 'e'))]",
      { one: 'a', two: 'b', three: 'c2', four: 'd', five: 'e' },
    ],
    ["[union(parameters('unionFirst'), parameters('unionSecond'))]", ['one', 'two', 'three', 'four']],
    [
      "[union(variables('nestedFirst'), variables('nestedSecond'))]",
      [['one', 'two'], ['three'], ['four', 'two']],
    ],
  ]);
});

describe('tryGet(), indexFromEnd() and tryIndexFromEnd()', () => {
  table(scope, [
    ["[tryGet(parameters('objectToTest'), 'one')]", 'a'],
    ["[tryGet(parameters('objectToTest'), 'missing')]", null],
    ["[tryGet(parameters('arrayToTest'), 5)]", null],
    ["[indexFromEnd(parameters('arrayToTest'), 1)]", 'three'],
    ["[tryIndexFromEnd(parameters('arrayToTest'), 3)]", 'one'],
    ["[tryIndexFromEnd(parameters('arrayToTest'), 4)]", null],
  ]);
  failures(scope, 'invalid', [["[indexFromEnd(parameters('arrayToTest'), 4)]", 'out of range']]);
});
