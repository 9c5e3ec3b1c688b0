/** Numeric functions, with the inputs and outputs of ARM's documentation (template-functions-numeric). */
import { describe } from 'vitest';
import { failures, scopeOf, table } from './table.js';

const scope = scopeOf({});

describe('add(), sub(), mul(), div(), mod()', () => {
  table(scope, [
    ['[add(5, 3)]', 8],
    ['[sub(7, 3)]', 4],
    ['[mul(5, 3)]', 15],
    ['[div(8, 3)]', 2],
    ['[div(-8, 3)]', -2],
    ['[mod(7, 3)]', 1],
    ['[mod(-7, 3)]', -1],
  ]);
  failures(scope, 'invalid', [
    ['[div(1, 0)]', 'by zero'],
    ['[mod(1, 0)]', 'by zero'],
    ["[add(1, '2')]", 'two integers'],
  ]);
  failures(scope, 'undecidable', [['[mul(9007199254740991, 2)]', 'exceeds 2^53']]);
});

describe('int() and float()', () => {
  table(scope, [
    ["[int('4')]", 4],
    ['[int(4.7)]', 4],
    ["[float('3.0')]", 3],
    ["[float('2.5')]", 2.5],
    ['[float(1)]', 1],
  ]);
  failures(scope, 'invalid', [
    ["[int('four')]", 'cannot convert'],
    ["[float('x')]", 'cannot convert'],
  ]);
});

describe('min() and max()', () => {
  table(scope, [
    ['[min(createArray(0, 3, 2, 5, 4))]', 0],
    ['[max(0, 3, 2, 5, 4)]', 5],
  ]);
  failures(scope, 'invalid', [["[min(1, 'a')]", 'takes integers']]);
});
