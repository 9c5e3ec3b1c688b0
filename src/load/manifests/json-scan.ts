/**
 * @module A minimal JSON scanner: finds where a value, member or element starts without decoding
 * the text, so a 40,000-item `kubectl get -o json` List can be located item by item.
 * It assumes text `JSON.parse` accepted; on anything else it stops and reports what it found.
 */
import type { PathSegment } from '../../model/index.js';

/** True when the text is JSON rather than YAML: its first non-blank character opens an object or array. */
export function isJsonText(text: string): boolean {
  const match = /^\uFEFF?\s*([[{])/.exec(text);
  return match !== null;
}

/** Offset of the first non-whitespace character at or after `offset`. */
export function skipWhitespace(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && /[\s\uFEFF]/.test(text.charAt(i))) i += 1;
  return i;
}

const QUOTE = 34;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

function skipString(text: string, offset: number): number {
  let from = offset + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 92) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** Offset just past the value starting at `offset` (which must be a value's first character). */
export function skipValue(text: string, offset: number): number {
  const first = text.charAt(offset);
  if (first === '"') return skipString(text, offset);
  if (first !== '{' && first !== '[') {
    let i = offset;
    while (i < text.length && !/[\s,\]}]/.test(text.charAt(i))) i += 1;
    return i;
  }
  let depth = 0;
  let i = offset;
  while (i < text.length) {
    const char = text.charCodeAt(i);
    if (char === QUOTE) {
      i = skipString(text, i);
      continue;
    }
    if (char === OPEN_BRACE || char === OPEN_BRACKET) depth += 1;
    else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) depth -= 1;
    i += 1;
    if (depth === 0) return i;
  }
  return text.length;
}

/** Offsets of each element of the array starting at `offset`. */
export function elementStarts(text: string, offset: number): number[] {
  const starts: number[] = [];
  let i = skipWhitespace(text, offset + 1);
  while (i < text.length && text.charAt(i) !== ']') {
    starts.push(i);
    i = skipWhitespace(text, skipValue(text, i));
    if (text.charAt(i) === ',') i = skipWhitespace(text, i + 1);
  }
  return starts;
}

/** The member named `name` of the object starting at `offset`: where its key and its value start. */
export function findMember(
  text: string,
  offset: number,
  name: string,
): { key: number; value: number } | undefined {
  let i = skipWhitespace(text, offset + 1);
  let found: { key: number; value: number } | undefined;
  while (text.charAt(i) === '"') {
    const keyEnd = skipString(text, i);
    const value = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
    // JSON.parse keeps the last of duplicate keys; so does Go's encoding/json.
    if (decodeKey(text.slice(i, keyEnd)) === name) found = { key: i, value };
    i = skipWhitespace(text, skipValue(text, value));
    if (text.charAt(i) === ',') i = skipWhitespace(text, i + 1);
  }
  return found;
}

function decodeKey(source: string): string | undefined {
  if (!source.includes('\\')) return source.slice(1, -1);
  try {
    const key: unknown = JSON.parse(source);
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Follows `path` from the value starting at `offset`; returns the offset of the deepest key (or
 * array element) that exists, and where that key's value starts.
 */
export function locateJsonPath(
  text: string,
  offset: number,
  path: readonly PathSegment[],
): { at: number; value: number } {
  let at = offset;
  let value = offset;
  for (const segment of path) {
    const char = text.charAt(value);
    if (char === '{') {
      const member = findMember(text, value, String(segment));
      if (member === undefined) break;
      at = member.key;
      value = member.value;
    } else if (char === '[' && typeof segment === 'number') {
      const element = elementStarts(text, value)[segment];
      if (element === undefined) break;
      at = element;
      value = element;
    } else {
      break;
    }
  }
  return { at, value };
}
