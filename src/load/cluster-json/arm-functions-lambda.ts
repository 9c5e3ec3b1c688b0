/** @module ARM lambda functions: filter, map, reduce, sort, toObject, groupBy, mapValues, with `lambda()` arguments. */
import type { ArmExpr } from './arm-expression-parser.js';
import type { ArmFunction, CallSite, Entry, Evaluate } from './arm-function-kit.js';
import type { Evaluation, Failure } from './arm-value.js';
import {
  checkSize,
  decided,
  invalid,
  isPlainObject,
  typeName,
  undecidable,
  UnknownPart,
} from './arm-value.js';

/** A `lambda('a', 'b', body)` argument: its variable names (lower case) and body. */
interface Lambda {
  readonly names: readonly string[];
  readonly body: ArmExpr;
}

function readLambda(name: string, expr: ArmExpr | undefined, min: number, max: number): Lambda | Failure {
  if (expr?.kind !== 'call' || expr.name.toLowerCase() !== 'lambda')
    return invalid(`${name}() expects a lambda() argument`);
  const body = expr.args.at(-1);
  const params = expr.args.slice(0, -1);
  const names = params.map((p) =>
    p.kind === 'literal' && typeof p.value === 'string' ? p.value.toLowerCase() : undefined,
  );
  if (!body || names.some((n) => n === undefined)) return invalid('lambda() takes variable names and a body');
  if (names.length < min || names.length > max)
    return invalid(`${name}() lambda takes ${min === max ? min : `${min} to ${max}`} variables`);
  return { names: names as string[], body };
}

/** Calls `lambda` with `values` bound to its variables (extra values, such as an unused index, are dropped). */
function apply(site: CallSite, lambda: Lambda, values: readonly unknown[]): Evaluation {
  const locals = new Map(lambda.names.map((n, i) => [n, values[i]]));
  return site.bind(locals)(lambda.body);
}

/** A result a function must inspect (a filter's boolean, a key): an unknown part of it leaves the call undecided. */
const known = (result: Evaluation): Evaluation =>
  result.ok && result.value instanceof UnknownPart ? undecidable(result.value.reason) : result;

type Collection = { ok: true; items: readonly unknown[] } | Failure;

function evaluateArray(name: string, expr: ArmExpr | undefined, evaluate: Evaluate): Collection {
  if (!expr) return invalid(`${name}() takes an array`);
  const result = known(evaluate(expr));
  if (!result.ok) return result;
  return Array.isArray(result.value)
    ? { ok: true, items: result.value }
    : invalid(`${name}() of ${typeName(result.value)}`);
}

/** `map`/`filter`: the lambda gets each item and, when it declares a second variable, the item's index. */
const perItem =
  (
    name: string,
    keep: (item: unknown, result: unknown) => Evaluation | undefined,
    inspect: boolean,
  ): ArmFunction =>
  (args, evaluate, site) => {
    if (args.length !== 2) return invalid(`${name}() takes 2 arguments`);
    const lambda = readLambda(name, args[1], 1, 2);
    if ('ok' in lambda) return lambda;
    const array = evaluateArray(name, args[0], evaluate);
    if (!array.ok) return array;
    const out: unknown[] = [];
    for (const [i, item] of array.items.entries()) {
      const applied = apply(site, lambda, [item, i]);
      const result = inspect ? known(applied) : applied;
      if (!result.ok) return result;
      const kept = keep(item, result.value);
      if (kept && !kept.ok) return kept;
      if (kept) out.push(kept.value);
    }
    return checkSize(out);
  };

const map = perItem('map', (_, result) => decided(result), false);
const filter = perItem(
  'filter',
  (item, result) => {
    if (typeof result !== 'boolean')
      return invalid(`filter() lambda returns ${typeName(result)}, not a boolean`);
    return result ? decided(item) : undefined;
  },
  true,
);

const reduce: ArmFunction = (args, evaluate, site) => {
  if (args.length !== 3 || !args[1]) return invalid('reduce() takes 3 arguments');
  const lambda = readLambda('reduce', args[2], 2, 3);
  if ('ok' in lambda) return lambda;
  const array = evaluateArray('reduce', args[0], evaluate);
  if (!array.ok) return array;
  let current = evaluate(args[1]);
  for (const [i, item] of array.items.entries()) {
    if (!current.ok) return current;
    current = apply(site, lambda, [current.value, item, i]);
    if (current.ok) current = checkSize(current.value);
  }
  return current;
};

/** A stable merge sort whose comparison may fail; `before(a, b)` true puts `a` first. */
function mergeSort(items: readonly unknown[], before: (a: unknown, b: unknown) => Evaluation): Evaluation {
  if (items.length <= 1) return decided([...items]);
  const middle = items.length >> 1;
  const left = mergeSort(items.slice(0, middle), before);
  if (!left.ok) return left;
  const right = mergeSort(items.slice(middle), before);
  if (!right.ok) return right;
  const [a, b] = [left.value as unknown[], right.value as unknown[]];
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    // Take from the right only when it strictly sorts before the left: equal items keep their order.
    const rightFirst = known(before(b[j], a[i]));
    if (!rightFirst.ok) return rightFirst;
    if (typeof rightFirst.value !== 'boolean') return invalid('sort() lambda must return a boolean');
    out.push(rightFirst.value ? b[j++] : a[i++]);
  }
  return decided([...out, ...a.slice(i), ...b.slice(j)]);
}

const sort: ArmFunction = (args, evaluate, site) => {
  if (args.length !== 2) return invalid('sort() takes 2 arguments');
  const lambda = readLambda('sort', args[1], 2, 2);
  if ('ok' in lambda) return lambda;
  const array = evaluateArray('sort', args[0], evaluate);
  if (!array.ok) return array;
  return mergeSort(array.items, (a, b) => apply(site, lambda, [a, b]));
};

/** Builds an object key by key; a key given twice (ignoring case) is left undecided: ARM does not document it. */
function keyed(
  name: string,
  items: readonly unknown[],
  keyOf: (item: unknown) => Evaluation,
  valueOf: (item: unknown, key: string) => Evaluation | 'group',
): Evaluation {
  const entries = new Map<string, [string, unknown]>();
  for (const item of items) {
    const key = known(keyOf(item));
    if (!key.ok) return key;
    if (typeof key.value !== 'string')
      return invalid(`${name}() key is ${typeName(key.value)}, not a string`);
    const lower = key.value.toLowerCase();
    const value = valueOf(item, key.value);
    if (value === 'group') {
      const group = entries.get(lower)?.[1];
      entries.set(lower, [
        entries.get(lower)?.[0] ?? key.value,
        [...((group as unknown[] | undefined) ?? []), item],
      ]);
      continue;
    }
    if (!value.ok) return value;
    if (entries.has(lower)) return undecidable(`${name}() produces the same key twice`);
    entries.set(lower, [key.value, value.value]);
  }
  return checkSize(Object.fromEntries(entries.values()));
}

const toObject: ArmFunction = (args, evaluate, site) => {
  if (args.length < 2 || args.length > 3) return invalid('toObject() takes 2 to 3 arguments');
  const keyLambda = readLambda('toObject', args[1], 1, 1);
  if ('ok' in keyLambda) return keyLambda;
  const valueLambda = args[2] ? readLambda('toObject', args[2], 1, 1) : undefined;
  if (valueLambda && 'ok' in valueLambda) return valueLambda;
  const array = evaluateArray('toObject', args[0], evaluate);
  if (!array.ok) return array;
  return keyed(
    'toObject',
    array.items,
    (item) => apply(site, keyLambda, [item]),
    (item) => (valueLambda ? apply(site, valueLambda, [item]) : decided(item)),
  );
};

const groupBy: ArmFunction = (args, evaluate, site) => {
  if (args.length !== 2) return invalid('groupBy() takes 2 arguments');
  const keyLambda = readLambda('groupBy', args[1], 1, 1);
  if ('ok' in keyLambda) return keyLambda;
  const array = evaluateArray('groupBy', args[0], evaluate);
  if (!array.ok) return array;
  return keyed(
    'groupBy',
    array.items,
    (item) => apply(site, keyLambda, [item]),
    () => 'group',
  );
};

const mapValues: ArmFunction = (args, evaluate, site) => {
  if (args.length !== 2 || !args[0]) return invalid('mapValues() takes 2 arguments');
  const lambda = readLambda('mapValues', args[1], 1, 1);
  if ('ok' in lambda) return lambda;
  const object = known(evaluate(args[0]));
  if (!object.ok) return object;
  if (!isPlainObject(object.value)) return invalid(`mapValues() of ${typeName(object.value)}`);
  const entries: [string, unknown][] = [];
  for (const [key, value] of Object.entries(object.value)) {
    const mapped = apply(site, lambda, [value]);
    if (!mapped.ok) return mapped;
    entries.push([key, mapped.value]);
  }
  return checkSize(Object.fromEntries(entries));
};

export const lambdaFunctions: readonly Entry[] = [
  ['filter', filter],
  ['groupby', groupBy],
  ['map', map],
  ['mapvalues', mapValues],
  ['reduce', reduce],
  ['sort', sort],
  ['toobject', toObject],
];
