/**
 * @module A JSON document written a piece at a time: its one long array (the findings of the JSON report, the
 * results of SARIF) serialised a batch at a time in its place, each batch indented as `JSON.stringify` indents
 * the whole document, so the bytes are the same and the whole text is never held.
 */
import { forEachBatch } from './chunked.js';
import { jsonText } from './escape.js';

/** Where the long array sits in the document: object keys and array indexes from the top. */
export type ArrayPath = readonly (string | 0)[];

/** Stands for the array in the document's text until it is written in its place. */
const MARK = '\u0000aksward-array\u0000';

/** `value` placed at `path` in otherwise empty containers (arrays at index 0). */
function nest(path: ArrayPath, value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => (key === 0 ? [inner] : { [key]: inner }), value);
}

/**
 * Writes `document` with the array `items` at `path` (whatever the document holds there is replaced), each
 * item as `toJson` gives it. The text equals `jsonText` of the document holding the array.
 */
export function writeJsonDocument<T>(
  document: unknown,
  path: ArrayPath,
  items: readonly T[],
  toJson: (item: T) => unknown,
  write: (text: string) => void,
): void {
  const key = path.at(-1);
  if (typeof key !== 'string') throw new TypeError('the streamed array must be the value of a key');
  const text = jsonText(place(document, path, MARK));
  const mark = JSON.stringify(MARK);
  // The key with the mark as its value: inside a JSON string every quote is escaped, so this text can only be
  // the document's own structure, whatever the values hold.
  const needle = `${JSON.stringify(key)}: ${mark}`;
  const at = text.indexOf(needle) + needle.length - mark.length;
  write(text.slice(0, at));
  if (items.length === 0) write('[]');
  else {
    // The frame of a batch: the containers down to the array, empty but for the batch's elements.
    const frame = jsonText(nest(path, [MARK]));
    const head = frame.slice(0, frame.indexOf(mark));
    const tail = frame.slice(frame.indexOf(mark) + mark.length);
    write(head.slice(head.lastIndexOf('[')));
    forEachBatch(items, (batch, start) => {
      if (start > 0) write(`,${head.slice(head.lastIndexOf('\n'))}`);
      const text = jsonText(nest(path, batch.map(toJson)));
      write(text.slice(head.length, text.length - tail.length));
    });
    write(tail.slice(0, tail.indexOf(']') + 1));
  }
  write(text.slice(at + mark.length));
}

/** A copy of `document` with the value at `path` replaced by `value` (the containers on the way copied). */
function place(document: unknown, path: ArrayPath, value: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  if (key === 0 && Array.isArray(document)) {
    const items = document as readonly unknown[];
    return [place(items[0], rest, value), ...items.slice(1)];
  }
  if (
    typeof key === 'string' &&
    typeof document === 'object' &&
    document !== null &&
    !Array.isArray(document)
  )
    return { ...document, [key]: place((document as Record<string, unknown>)[key], rest, value) };
  throw new TypeError(`no ${String(key)} on the way to the streamed array`);
}
