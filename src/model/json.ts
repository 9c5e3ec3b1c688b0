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

/** An empty record without a prototype: any key read from it is one that was set, whatever the key. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

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
  const out = emptyRecord<string>();
  if (!child) return out;
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
