/**
 * @module One copy of each scalar text read from manifests. A string value `js-yaml` reads is a substring of
 * its own copy of the document, and V8 keeps a substring of 13 characters or more as a view that holds that
 * whole copy alive: an image name kept a 1 KB document text in memory per object. The pool hands out a
 * standalone copy instead, once per distinct text (kinds, API versions, ports, label values repeat across
 * thousands of objects).
 */

/** Distinct texts kept before the pool starts again: it stays small whatever the input. */
const CAPACITY = 1 << 16;

/** Shorter strings are never views: V8 copies them (`SlicedString::kMinLength`). */
const MIN_VIEW_LENGTH = 13;

const pool = new Map<string, string>();

/**
 * A copy of `text` that shares no memory with a larger string: JSON text is built character by character,
 * and parsing it back gives a new string (ordinary string operations may return a view of the original).
 */
function standalone(text: string): string {
  return text.length < MIN_VIEW_LENGTH ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** The pooled string equal to `text`. */
export function pooledString(text: string): string {
  const known = pool.get(text);
  if (known !== undefined) return known;
  if (pool.size >= CAPACITY) pool.clear();
  const copy = standalone(text);
  pool.set(copy, copy);
  return copy;
}
