/** @module Whole YAML documents of a multi-document manifest, cut out with their separator. */
import { parseAllDocuments } from 'yaml';

/** Removes YAML document `index` from a multi-document text (the separator with it). */
export function removeDocument(text: string, index: number): string {
  const docs = parseAllDocuments(text);
  const doc = docs[index];
  if (!doc) return text;
  const start = doc.range[0];
  const next = docs[index + 1];
  const end = next ? next.range[0] : text.length;
  // Take the document's own `---` line with it, when it has one.
  const before = text.slice(0, start);
  const separator = /(^|\n)---[^\n]*\n?$/.exec(before);
  const from = separator ? before.length - separator[0].length + (separator[1] ?? '').length : start;
  return text.slice(0, from) + text.slice(end);
}
