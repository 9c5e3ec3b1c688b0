/** @module ARM array functions (several also take strings or objects): concat, contains, union, take, skip... */
import type { ArmFunction, Entry } from './arm-function-kit.js';
import { isInteger, strict } from './arm-function-kit.js';
import { display } from './arm-format.js';
import type { Evaluation, PlainObject } from './arm-value.js';
import {
  checkSize,
  decided,
  findKey,
  invalid,
  isPlainObject,
  MAX_VALUE_WEIGHT,
  sameValue,
  typeName,
  undecidable,
  UnknownPart,
  weightOf,
} from './arm-value.js';

function concat(values: readonly unknown[]): Evaluation {
  // Weigh the parts before joining them: the joined value may not fit in memory.
  if (values.reduce<number>((sum, value) => sum + weightOf(value), 0) > MAX_VALUE_WEIGHT) {
    return invalid('computed value is too large');
  }
  if (values.length > 0 && values.every(Array.isArray)) return decided(values.flat(1));
  let out = '';
  for (const value of values) {
    if (Array.isArray(value) || isPlainObject(value)) return invalid('concat() mixes strings and arrays');
    out += display(value) ?? '';
  }
  return checkSize(out);
}

/** Object keys merged case-insensitively: a later key replaces an earlier one that differs only in case. */
function assign(target: Map<string, [string, unknown]>, key: string, value: unknown): void {
  target.set(key.toLowerCase(), [key, value]);
}

function mergeObjects(a: PlainObject, b: PlainObject): PlainObject {
  const merged = new Map<string, [string, unknown]>();
  for (const [key, value] of Object.entries(a)) assign(merged, key, value);
  for (const [key, value] of Object.entries(b)) {
    const before = merged.get(key.toLowerCase())?.[1];
    assign(merged, key, isPlainObject(before) && isPlainObject(value) ? mergeObjects(before, value) : value);
  }
  return Object.fromEntries(merged.values());
}

/** More array items than this in `union()`/`intersection()` would make their pairwise comparison a time bomb. */
const MAX_SET_ITEMS = 10_000;

/** `union`: objects merge (later wins, nested objects merged, arrays replaced); arrays keep each distinct value once. */
function union(values: readonly unknown[]): Evaluation {
  if (values.every(isPlainObject)) {
    return checkSize(values.reduce<PlainObject>((a, b) => mergeObjects(a, b), {}));
  }
  if (!values.every(Array.isArray)) return invalid('union() takes only objects or only arrays');
  const items = values.flat(1);
  if (items.length > MAX_SET_ITEMS) return invalid(`union() of more than ${MAX_SET_ITEMS} items`);
  const out: unknown[] = [];
  for (const item of items) if (!out.some((seen) => sameValue(seen, item))) out.push(item);
  return checkSize(out);
}

/** `intersection`: the items (or key/value pairs) of the first argument that every other argument has. */
function intersection(values: readonly unknown[]): Evaluation {
  const [first, ...rest] = values;
  if (isPlainObject(first) && rest.every(isPlainObject)) {
    const kept = Object.entries(first).filter(([key, value]) =>
      rest.every((other) => {
        const own = findKey(other, key);
        return own !== undefined && sameValue(other[own], value);
      }),
    );
    return decided(Object.fromEntries(kept));
  }
  if (!Array.isArray(first) || !rest.every(Array.isArray)) {
    return invalid('intersection() takes only objects or only arrays');
  }
  if (values.flat(1).length > MAX_SET_ITEMS)
    return invalid(`intersection() of more than ${MAX_SET_ITEMS} items`);
  const out: unknown[] = [];
  for (const item of first) {
    if (out.some((seen) => sameValue(seen, item))) continue;
    if (rest.every((other) => other.some((v) => sameValue(v, item)))) out.push(item);
  }
  return decided(out);
}

function isEmpty(value: unknown): Evaluation {
  if (value === null) return decided(true);
  if (typeof value === 'string' || Array.isArray(value)) return decided(value.length === 0);
  if (isPlainObject(value)) return decided(Object.keys(value).length === 0);
  return invalid(`empty() of ${typeName(value)}`);
}

function length(value: unknown): Evaluation {
  if (typeof value === 'string' || Array.isArray(value)) return decided(value.length);
  if (isPlainObject(value)) return decided(Object.keys(value).length);
  return invalid(`length() of ${typeName(value)}`);
}

const firstOrLast = (name: string, last: boolean): ArmFunction =>
  strict(
    name,
    1,
    1,
    ([value]) => {
      if (typeof value === 'string' || Array.isArray(value)) {
        const item: unknown = last ? value[value.length - 1] : value[0];
        return decided(item ?? (typeof value === 'string' ? '' : null));
      }
      return invalid(`${name}() of ${typeName(value)}`);
    },
    'nested',
  );

/** `contains`: a substring (case-sensitive), an array item (deep equality), or an object key (case-insensitive). */
const contains = strict('contains', 2, 2, ([container, item]) => {
  if (typeof container === 'string' && (typeof item === 'string' || typeof item === 'number')) {
    return decided(container.includes(String(item)));
  }
  if (Array.isArray(container)) return decided(container.some((v) => sameValue(v, item)));
  if (isPlainObject(container) && typeof item === 'string')
    return decided(findKey(container, item) !== undefined);
  return invalid(`contains() of ${typeName(container)}`);
});

/** `skip`/`take`: counts below zero act as zero, above the length as the length. */
const slice = (name: string, take: boolean): ArmFunction =>
  strict(
    name,
    2,
    2,
    ([value, count]) => {
      if (!isInteger(count)) return invalid(`${name}() count must be an integer`);
      if (typeof value !== 'string' && !Array.isArray(value))
        return invalid(`${name}() of ${typeName(value)}`);
      const n = Math.max(0, count);
      return decided(take ? value.slice(0, n) : value.slice(n));
    },
    'nested',
  );

/**
 * `indexOf`/`lastIndexOf`: in a string case-insensitively (as ARM documents), in an array by deep
 * equality; -1 when absent.
 */
const position = (name: string, last: boolean): ArmFunction =>
  strict(name, 2, 2, ([container, item]) => {
    if (typeof container === 'string' && typeof item === 'string') {
      const haystack = container.toLowerCase();
      const needle = item.toLowerCase();
      return decided(last ? haystack.lastIndexOf(needle) : haystack.indexOf(needle));
    }
    if (Array.isArray(container)) {
      const match = (v: unknown): boolean => sameValue(v, item);
      return decided(last ? container.findLastIndex(match) : container.findIndex(match));
    }
    return invalid(`${name}() of ${typeName(container)}`);
  });

/** `indexFromEnd(array, n)` (Bicep `a[^n]`), and `tryIndexFromEnd` (Bicep `a[?^n]`), which gives null out of range. */
const fromEnd = (name: string, orNull: boolean): ArmFunction =>
  strict(
    name,
    2,
    2,
    ([array, index]) => {
      if (!Array.isArray(array)) return invalid(`${name}() of ${typeName(array)}`);
      if (!isInteger(index)) return invalid(`${name}() index must be an integer`);
      if (index >= 1 && index <= array.length) return decided(array[array.length - index]);
      return orNull ? decided(null) : invalid(`${name}() index ${index} is out of range`);
    },
    'nested',
  );

/** `tryGet(object, key...)`: what Bicep's `.?` compiles to; a missing key gives null instead of an error. */
const tryGet = strict(
  'tryGet',
  2,
  Infinity,
  ([target, ...keys]) => {
    let current: unknown = target;
    for (const key of keys) {
      if (current instanceof UnknownPart) return undecidable(current.reason);
      if (isPlainObject(current) && typeof key === 'string') {
        const own = findKey(current, key);
        current = own === undefined ? null : current[own];
      } else if (Array.isArray(current) && isInteger(key)) {
        current = current[key] ?? null;
      } else {
        return decided(null);
      }
    }
    return decided(current);
  },
  'nested',
);

function flatten([value]: readonly unknown[]): Evaluation {
  if (!Array.isArray(value) || !value.every(Array.isArray))
    return invalid('flatten() takes an array of arrays');
  return checkSize(value.flat(1));
}

export const arrayFunctions: readonly Entry[] = [
  ['array', strict('array', 1, 1, ([v]) => decided(Array.isArray(v) ? v : [v]), 'nested')],
  ['concat', strict('concat', 1, Infinity, concat, 'nested')],
  ['contains', contains],
  ['createarray', strict('createArray', 0, Infinity, (values) => checkSize([...values]), 'leaves')],
  ['empty', strict('empty', 1, 1, ([v]) => isEmpty(v), 'nested')],
  ['first', firstOrLast('first', false)],
  ['flatten', strict('flatten', 1, 1, flatten, 'nested')],
  ['indexfromend', fromEnd('indexFromEnd', false)],
  ['indexof', position('indexOf', false)],
  ['intersection', strict('intersection', 2, Infinity, intersection)],
  ['last', firstOrLast('last', true)],
  ['lastindexof', position('lastIndexOf', true)],
  ['length', strict('length', 1, 1, ([v]) => length(v), 'nested')],
  ['skip', slice('skip', false)],
  ['take', slice('take', true)],
  ['tryget', tryGet],
  ['tryindexfromend', fromEnd('tryIndexFromEnd', true)],
  ['union', strict('union', 1, Infinity, union, 'nested')],
];
