/**
 * @module Defensive readers for decoded manifests: any field may hold any type, and a key may be any text,
 * `__proto__` and `constructor` included: only own properties are read, and maps are built without a prototype.
 */
import type { JsonObject } from './kube-object.js';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value[key]` when it is an own property of an object; never an inherited `constructor` or `toString`. */
export function ownValue(value: unknown, key: string): unknown {
  return isObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/**
 * The prototype of every record: empty, frozen, and itself without a prototype, so a record inherits no key.
 * A record made by `Object.create(null)` would be a hash table in V8 (about 170 bytes even empty, slower to
 * read); one made on this prototype is an ordinary fast object, and there is one per label map of the model.
 */
const NO_KEYS: object = Object.freeze(Object.create(null) as object);

/** An empty record with no inherited key: any key read from it is one that was set, whatever the key. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(NO_KEYS) as Record<string, T>;
}

/** The empty record every model map that holds nothing shares (frozen: it is read, never written). */
export const NO_ENTRIES: Readonly<Record<string, never>> = Object.freeze(emptyRecord<never>());

export function objectAt(value: unknown, key: string): JsonObject | undefined {
  const child = ownValue(value, key);
  return isObject(child) ? child : undefined;
}

export function arrayAt(value: unknown, key: string): readonly unknown[] {
  const child = ownValue(value, key);
  return Array.isArray(child) ? child : [];
}

export function stringAt(value: unknown, key: string): string | undefined {
  const child = ownValue(value, key);
  return typeof child === 'string' ? child : undefined;
}

export function booleanAt(value: unknown, key: string): boolean | undefined {
  const child = ownValue(value, key);
  return typeof child === 'boolean' ? child : undefined;
}

export function numberAt(value: unknown, key: string): number | undefined {
  const child = ownValue(value, key);
  return typeof child === 'number' && Number.isFinite(child) ? child : undefined;
}

/** A `map[string]string` (labels, nodeSelector); entries of other types are dropped. */
export function stringMapAt(value: unknown, key: string): Readonly<Record<string, string>> {
  const child = objectAt(value, key);
  if (!child) return NO_ENTRIES;
  const out = emptyRecord<string>();
  for (const [k, v] of Object.entries(child)) if (typeof v === 'string') out[k] = v;
  return out;
}

type Piece = { readonly text: string } | { readonly value: unknown };

/**
 * JSON with sorted keys: the same object decoded from two files, whatever their key order, gives one text.
 * Iterative, so a manifest nested 50,000 levels deep (which JSON input may be) cannot overflow the stack.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const work: Piece[] = [{ value }];
  for (let piece = work.pop(); piece !== undefined; piece = work.pop()) {
    if ('text' in piece) {
      out.push(piece.text);
      continue;
    }
    const current = piece.value;
    const pieces: Piece[] = [];
    if (Array.isArray(current)) {
      current.forEach((item: unknown, index) =>
        pieces.push(...(index > 0 ? [{ text: ',' }] : []), { value: item }),
      );
      pieces.unshift({ text: '[' });
      pieces.push({ text: ']' });
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      entries.forEach(([key, item], index) =>
        pieces.push({ text: `${index > 0 ? ',' : ''}${JSON.stringify(key)}:` }, { value: item }),
      );
      pieces.unshift({ text: '{' });
      pieces.push({ text: '}' });
    } else {
      // undefined, a function or a symbol has no JSON text (`JSON.stringify` would give undefined)
      const scalar =
        current === undefined || typeof current === 'function' || typeof current === 'symbol'
          ? 'null'
          : JSON.stringify(current);
      out.push(scalar);
      continue;
    }
    for (let index = pieces.length - 1; index >= 0; index -= 1) {
      const next = pieces[index];
      if (next !== undefined) work.push(next);
    }
  }
  return out.join('');
}

const contents = new WeakMap<JsonObject, string>();

/** An object's `canonicalJson`, computed once however often it is compared. */
export function canonicalContent(body: JsonObject): string {
  let content = contents.get(body);
  if (content === undefined) {
    content = canonicalJson(body);
    contents.set(body, content);
  }
  return content;
}
