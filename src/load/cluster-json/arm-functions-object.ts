/** @module ARM object functions: createObject, items, json, null, objectKeys, shallowMerge. */
import type { Entry } from './arm-function-kit.js';
import { strict } from './arm-function-kit.js';
import { parseJsonText } from './arm-json-text.js';
import type { Evaluation } from './arm-value.js';
import {
  checkSize,
  decided,
  invalid,
  isPlainObject,
  typeName,
  undecidable,
  UnknownPart,
} from './arm-value.js';

function createObject(values: readonly unknown[]): Evaluation {
  if (values.length % 2 !== 0) return invalid('createObject() takes key/value pairs');
  const entries: [string, unknown][] = [];
  for (let i = 0; i < values.length; i += 2) {
    const key = values[i];
    if (key instanceof UnknownPart) return undecidable(key.reason);
    if (typeof key !== 'string') return invalid('createObject() keys must be strings');
    entries.push([key, values[i + 1]]);
  }
  return checkSize(Object.fromEntries(entries));
}

/** `items`: `[{key, value}]` ordered by key, as ARM returns them. */
function items([value]: readonly unknown[]): Evaluation {
  if (!isPlainObject(value)) return invalid(`items() of ${typeName(value)}`);
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return decided(keys.map((key) => ({ key, value: value[key] })));
}

function json([text]: readonly unknown[]): Evaluation {
  if (typeof text !== 'string') return invalid(`json() of ${typeName(text)}`);
  return parseJsonText(text);
}

/** `shallowMerge([objects])`: top-level properties, a later object's replacing an earlier one's. */
function shallowMerge([list]: readonly unknown[]): Evaluation {
  if (!Array.isArray(list) || !list.every(isPlainObject))
    return invalid('shallowMerge() takes an array of objects');
  const merged = new Map<string, [string, unknown]>();
  for (const object of list)
    for (const [key, value] of Object.entries(object)) merged.set(key.toLowerCase(), [key, value]);
  return checkSize(Object.fromEntries(merged.values()));
}

export const objectFunctions: readonly Entry[] = [
  ['createobject', strict('createObject', 0, Infinity, createObject, 'leaves')],
  ['items', strict('items', 1, 1, items, 'nested')],
  ['json', strict('json', 1, 1, json)],
  ['null', strict('null', 0, 0, () => decided(null))],
  [
    'objectkeys',
    strict('objectKeys', 1, 1, ([v]) =>
      isPlainObject(v) ? decided(Object.keys(v)) : invalid(`objectKeys() of ${typeName(v)}`),
    ),
  ],
  ['shallowmerge', strict('shallowMerge', 1, 1, shallowMerge, 'nested')],
];
