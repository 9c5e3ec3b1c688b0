/** @module ARM numeric functions: add, sub, mul, div, mod, int, float, min, max, range. */
import type { Entry } from './arm-function-kit.js';
import { isInteger, strict } from './arm-function-kit.js';
import type { Evaluation } from './arm-value.js';
import { checkSize, decided, invalid, typeName, undecidable } from './arm-value.js';

/** An exact integer result, or undecided when it leaves the range JavaScript holds exactly (ARM's is 64-bit). */
const exact = (name: string, value: number): Evaluation =>
  Number.isSafeInteger(value) ? decided(value) : undecidable(`${name}() result exceeds 2^53`);

function arithmetic(name: string, op: (a: number, b: number) => Evaluation) {
  return strict(name, 2, 2, ([a, b]) =>
    isInteger(a) && isInteger(b)
      ? op(a, b)
      : invalid(`${name}() takes two integers, not ${typeName(a)} and ${typeName(b)}`),
  );
}

/** `int`: an integer, a float truncated toward zero, or a string holding an integer. */
function toInt(value: unknown): Evaluation {
  if (typeof value === 'number') return exact('int', Math.trunc(value));
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value))
    return exact('int', Number.parseInt(value, 10));
  return invalid(`int() cannot convert ${typeName(value)}`);
}

function toFloat(value: unknown): Evaluation {
  if (typeof value === 'number') return decided(value);
  if (typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) {
    return decided(Number.parseFloat(value));
  }
  return invalid(`float() cannot convert ${typeName(value)}`);
}

/** `min`/`max` of integers, given as arguments or as one array. */
function extreme(name: string, pick: (a: number, b: number) => number) {
  return strict(name, 1, Infinity, (values) => {
    const [first] = values;
    const items: readonly unknown[] = values.length === 1 && Array.isArray(first) ? first : values;
    const numbers = items.filter((v): v is number => typeof v === 'number');
    if (numbers.length !== items.length) return invalid(`${name}() takes integers`);
    return numbers.length === 0
      ? invalid(`${name}() of an empty array`)
      : decided(numbers.reduce((a, b) => pick(a, b)));
  });
}

/** ARM's documented bounds: at most 10,000 items, and start + count no greater than 2^31 - 1. */
const MAX_RANGE_COUNT = 10_000;

function range([start, count]: readonly unknown[]): Evaluation {
  if (!isInteger(start) || !isInteger(count)) return invalid('range() takes two integers');
  if (count < 0 || count > MAX_RANGE_COUNT) return invalid(`range() count must be 0 to ${MAX_RANGE_COUNT}`);
  if (start + count > 2_147_483_647 || start < -2_147_483_648)
    return invalid('range() goes beyond 32-bit integers');
  return checkSize(Array.from({ length: count }, (_, i) => start + i));
}

export const numericFunctions: readonly Entry[] = [
  ['add', arithmetic('add', (a, b) => exact('add', a + b))],
  [
    'div',
    arithmetic('div', (a, b) => (b === 0 ? invalid('div() by zero') : exact('div', Math.trunc(a / b)))),
  ],
  ['float', strict('float', 1, 1, ([v]) => toFloat(v))],
  ['int', strict('int', 1, 1, ([v]) => toInt(v))],
  ['max', extreme('max', Math.max)],
  ['min', extreme('min', Math.min)],
  // The remainder takes the dividend's sign, as in C#.
  ['mod', arithmetic('mod', (a, b) => (b === 0 ? invalid('mod() by zero') : decided(a % b)))],
  ['mul', arithmetic('mul', (a, b) => exact('mul', a * b))],
  ['range', strict('range', 2, 2, range)],
  ['sub', arithmetic('sub', (a, b) => exact('sub', a - b))],
];
