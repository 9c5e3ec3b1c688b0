/** @module The ARM template functions aksward evaluates offline (logical, comparison, string, array, object). */
import type { ArmFunction } from './arm-function-kit.js';
import { strict } from './arm-function-kit.js';
import { mentionsDeployment, resourceIdFunctions } from './arm-resource-functions.js';
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
  weightOf,
} from './arm-value.js';

/** .NET formatting, which ARM uses for `format()` and `string()`: booleans print as `True`/`False`. */
function display(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null) return '';
  return undefined;
}

/** Composite formatting: `{0}` placeholders, `{{` and `}}` escapes; alignment and format specifiers are refused. */
function formatString(pattern: string, args: readonly unknown[]): Evaluation {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if ((c === '{' || c === '}') && pattern.charAt(i + 1) === c) {
      out += c;
      i++;
    } else if (c === '{') {
      const close = pattern.indexOf('}', i);
      const index = /^\s*(\d+)\s*$/.exec(close < 0 ? '' : pattern.slice(i + 1, close));
      if (!index)
        return invalid('format() placeholder is not {n}: alignment and format specifiers are not supported');
      const arg = args[Number(index[1])];
      const shown = display(arg);
      if (shown === undefined) {
        return arg === undefined
          ? invalid('format() placeholder has no argument')
          : undecidable(`format() of ${typeName(arg)}`);
      }
      out += shown;
      if (out.length > MAX_VALUE_WEIGHT) return invalid('computed value is too large');
      i = close;
    } else if (c === '}') {
      return invalid("format() pattern has an unmatched '}'");
    } else {
      out += c;
    }
  }
  return checkSize(out);
}

const asBool = (name: string, value: unknown): Evaluation =>
  typeof value === 'boolean' ? decided(value) : invalid(`${name}() expects booleans, got ${typeName(value)}`);

/** `and`/`or`: a known deciding argument settles the result even when another argument is undecided. */
function logical(name: string, decisive: boolean): ArmFunction {
  return (args, evaluate) => {
    if (args.length < 2) return invalid(`${name}() takes at least 2 arguments`);
    let pending: Evaluation | undefined;
    for (const arg of args) {
      const result = evaluate(arg);
      const bool = result.ok ? asBool(name, result.value) : result;
      if (bool.ok && bool.value === decisive) return bool;
      if (!bool.ok) pending ??= bool;
    }
    return pending ?? decided(!decisive);
  };
}

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

function mergeObjects(a: PlainObject, b: PlainObject): PlainObject {
  const merged = new Map<string, unknown>(Object.entries(a));
  for (const [key, value] of Object.entries(b)) {
    const own = findKey(Object.fromEntries(merged), key) ?? key;
    const before = merged.get(own);
    merged.delete(own);
    merged.set(key, isPlainObject(before) && isPlainObject(value) ? mergeObjects(before, value) : value);
  }
  return Object.fromEntries(merged);
}

/** `union`: objects merge (later wins, nested objects merged); arrays keep each distinct value once. */
/** More array items than this in `union()` would make its pairwise de-duplication a time bomb. */
const MAX_UNION_ITEMS = 10_000;

function union(values: readonly unknown[]): Evaluation {
  if (values.every(isPlainObject)) {
    return checkSize(values.reduce<PlainObject>((a, b) => mergeObjects(a, b), {}));
  }
  if (!values.every(Array.isArray)) return invalid('union() takes only objects or only arrays');
  const items = values.flat(1);
  if (items.length > MAX_UNION_ITEMS) return invalid(`union() of more than ${MAX_UNION_ITEMS} items`);
  const out: unknown[] = [];
  for (const item of items) if (!out.some((seen) => sameValue(seen, item))) out.push(item);
  return checkSize(out);
}

function toInt(value: unknown): Evaluation {
  if (typeof value === 'number') return decided(Math.trunc(value));
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return decided(Number.parseInt(value, 10));
  return invalid(`int() cannot convert ${typeName(value)}`);
}

/** `bool`: the string "true" in any case is true, any other string false; a non-zero integer is true. */
function toBool(value: unknown): Evaluation {
  if (typeof value === 'boolean') return decided(value);
  if (typeof value === 'string') return decided(value.toLowerCase() === 'true');
  if (typeof value === 'number') return decided(value !== 0);
  return invalid(`bool() cannot convert ${typeName(value)}`);
}

function toStringValue(value: unknown): Evaluation {
  const shown = display(value);
  if (shown !== undefined) return decided(shown);
  // Weighed before serialising: the text of a heavy value may not fit in memory.
  const weighed = checkSize(value);
  return weighed.ok ? checkSize(JSON.stringify(value)) : weighed;
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

const caseFunction = (name: string, upper: boolean): ArmFunction =>
  strict(name, 1, 1, ([value]) =>
    typeof value === 'string'
      ? decided(upper ? value.toUpperCase() : value.toLowerCase())
      : invalid(`${name}() of ${typeName(value)}`),
  );

const ifFunction: ArmFunction = (args, evaluate) => {
  const [condition, whenTrue, whenFalse] = args;
  if (args.length !== 3 || !condition || !whenTrue || !whenFalse) return invalid('if() takes 3 arguments');
  const decision = evaluate(condition);
  if (!decision.ok) return decision;
  if (typeof decision.value !== 'boolean') return invalid(`if() condition is ${typeName(decision.value)}`);
  return evaluate(decision.value ? whenTrue : whenFalse);
};

const coalesce: ArmFunction = (args, evaluate) => {
  for (const arg of args) {
    const result = evaluate(arg);
    if (!result.ok || result.value !== null) return result;
  }
  return decided(null);
};

/** `tryGet(object, key...)`: what Bicep's `.?` compiles to; a missing key gives null instead of an error. */
const tryGet = strict('tryGet', 2, Infinity, ([target, ...keys]) => {
  let current: unknown = target;
  for (const key of keys) {
    if (isPlainObject(current) && typeof key === 'string') {
      const own = findKey(current, key);
      current = own === undefined ? null : current[own];
    } else if (Array.isArray(current) && typeof key === 'number') {
      current = current[key] ?? null;
    } else {
      return decided(null);
    }
  }
  return decided(current);
});

const split = strict('split', 2, 2, ([text, separator]) => {
  if (typeof text !== 'string') return invalid(`split() of ${typeName(text)}`);
  const separators = Array.isArray(separator) ? separator : [separator];
  if (!separators.every((s): s is string => typeof s === 'string'))
    return invalid('split() separators must be strings');
  return decided(separators.reduce<string[]>((parts, s) => parts.flatMap((p) => p.split(s)), [text]));
});

const firstOrLast = (name: string, last: boolean): ArmFunction =>
  strict(name, 1, 1, ([value]) => {
    if (typeof value === 'string' || Array.isArray(value)) {
      const item: unknown = last ? value[value.length - 1] : value[0];
      return decided(item ?? (typeof value === 'string' ? '' : null));
    }
    return invalid(`${name}() of ${typeName(value)}`);
  });

const contains = strict('contains', 2, 2, ([container, item]) => {
  if (typeof container === 'string' && typeof item === 'string') return decided(container.includes(item));
  if (Array.isArray(container)) return decided(container.some((v) => sameValue(v, item)));
  if (isPlainObject(container) && typeof item === 'string')
    return decided(findKey(container, item) !== undefined);
  return invalid(`contains() of ${typeName(container)}`);
});

/** Functions keyed by lower-case name: ARM function names are case-insensitive. */
export const ARM_FUNCTIONS: ReadonlyMap<string, ArmFunction> = new Map<string, ArmFunction>([
  ['and', logical('and', false)],
  ['bool', strict('bool', 1, 1, ([v]) => toBool(v))],
  ['coalesce', coalesce],
  ['concat', strict('concat', 1, Infinity, concat)],
  ['contains', contains],
  ['createarray', strict('createArray', 0, Infinity, (values) => checkSize([...values]))],
  ['createobject', strict('createObject', 0, Infinity, createObject)],
  ['empty', strict('empty', 1, 1, ([v]) => isEmpty(v))],
  ['equals', strict('equals', 2, 2, equals)],
  ['false', strict('false', 0, 0, () => decided(false))],
  ['first', firstOrLast('first', false)],
  [
    'format',
    strict('format', 1, Infinity, ([pattern, ...rest]) =>
      typeof pattern === 'string'
        ? formatString(pattern, rest)
        : invalid(`format() pattern is ${typeName(pattern)}`),
    ),
  ],
  ['if', ifFunction],
  ['int', strict('int', 1, 1, ([v]) => toInt(v))],
  ['last', firstOrLast('last', true)],
  ['length', strict('length', 1, 1, ([v]) => length(v))],
  [
    'not',
    strict('not', 1, 1, ([v]) => {
      const b = asBool('not', v);
      return b.ok ? decided(!b.value) : b;
    }),
  ],
  ['null', strict('null', 0, 0, () => decided(null))],
  ['or', logical('or', true)],
  ['split', split],
  ['string', strict('string', 1, 1, ([v]) => toStringValue(v))],
  ['tolower', caseFunction('toLower', false)],
  ['toupper', caseFunction('toUpper', true)],
  ['true', strict('true', 0, 0, () => decided(true))],
  ['tryget', tryGet],
  ['union', strict('union', 1, Infinity, union)],
  ...resourceIdFunctions,
]);

function equals([a, b]: readonly unknown[]): Evaluation {
  if (mentionsDeployment(a) || mentionsDeployment(b)) {
    return undecidable(
      "equals() on a resource id that depends on the deployment's subscription or resource group",
    );
  }
  return decided(sameValue(a, b));
}

function createObject(values: readonly unknown[]): Evaluation {
  if (values.length % 2 !== 0) return invalid('createObject() takes key/value pairs');
  const entries: [string, unknown][] = [];
  for (let i = 0; i < values.length; i += 2) {
    const key = values[i];
    if (typeof key !== 'string') return invalid('createObject() keys must be strings');
    entries.push([key, values[i + 1]]);
  }
  return checkSize(Object.fromEntries(entries));
}
