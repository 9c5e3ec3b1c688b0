/** @module The result of evaluating an ARM value, and the JSON value helpers ARM semantics need (case-insensitive keys). */

/**
 * A decided value, or why not. `undecidable` failures depend on the deployment (a parameter without a
 * default, `reference()`); the others are template errors ARM itself would reject.
 */
export type Evaluation =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string; readonly undecidable: boolean };

export type Failure = Extract<Evaluation, { ok: false }>;

export const decided = (value: unknown): Evaluation => ({ ok: true, value });
export const invalid = (reason: string): Failure => ({ ok: false, reason, undecidable: false });
export const undecidable = (reason: string): Failure => ({ ok: false, reason, undecidable: true });

/**
 * Computed values heavier than this are refused: a template that doubles a string, or nests an array in
 * itself, 40 times is an attack, not a cluster definition.
 */
export const MAX_VALUE_WEIGHT = 1_000_000;

export type PlainObject = Readonly<Record<string, unknown>>;

/**
 * A part of a computed value that is not known offline (`createObject('tenantID', subscription().tenantId)`):
 * the rest of the value stays decided, and whoever reads this part gets "undecidable" with its reason.
 */
export class UnknownPart {
  readonly reason: string;
  constructor(reason: string) {
    this.reason = reason;
  }
}

export const isPlainObject = (value: unknown): value is PlainObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof UnknownPart);

const unknownParts = new WeakMap<object, UnknownPart | null>();

/** The first unknown part inside `value` (itself included), memoised per object like `weightOf`. */
export function findUnknown(value: unknown): UnknownPart | undefined {
  if (value instanceof UnknownPart) return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const known = unknownParts.get(value);
  if (known !== undefined) return known ?? undefined;
  let found: UnknownPart | undefined;
  for (const item of Object.values(value)) {
    found = findUnknown(item);
    if (found) break;
  }
  unknownParts.set(value, found ?? null);
  return found;
}

/** Own key of `object` equal to `key` ignoring case (ARM property names are case-insensitive); the last one wins. */
export function findKey(object: PlainObject, key: string): string | undefined {
  const wanted = key.toLowerCase();
  let found: string | undefined;
  for (const own of Object.keys(object)) if (own.toLowerCase() === wanted) found = own;
  return found;
}

export function getProperty(object: PlainObject, key: string): unknown {
  const own = findKey(object, key);
  return own === undefined ? undefined : object[own];
}

/** Deep equality as ARM's `equals` applies it: strings case-sensitively, numbers by value. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => {
      const other = findKey(b, key);
      return other !== undefined && sameValue(a[key], b[other]);
    });
  }
  return false;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof UnknownPart) return 'an unknown value';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const weights = new WeakMap<object, number>();

/**
 * The size of a value counted as if written out: string lengths, keys and items. Memoised per object,
 * so a value that shares one sub-array a million times is measured in linear time, and found heavy.
 */
export function weightOf(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null) return 1;
  const known = weights.get(value);
  if (known !== undefined) return known;
  let weight = 1;
  for (const [key, item] of Object.entries(value)) {
    weight += key.length + weightOf(item);
    if (weight > MAX_VALUE_WEIGHT) break;
  }
  weights.set(value, weight);
  return weight;
}

/** Fails when a computed value grows past `MAX_VALUE_WEIGHT`. */
export function checkSize(value: unknown): Evaluation {
  return weightOf(value) > MAX_VALUE_WEIGHT ? invalid('computed value is too large') : decided(value);
}
