/**
 * @module Splits a YAML stream into documents, and a `List` document into its items, by lines.
 * Exact for documents: YAML forbids `---` and `...` at column 0 inside any content (spec 1.2
 * §9.1.4 `c-forbidden`), so such a line always marks a document boundary. Reading one document
 * (or one List item) at a time keeps memory proportional to the largest object, not the stream.
 */

/** A part of a text that starts at a line start. */
export interface TextSlice {
  /** Offset of the first character. */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
  /** 1-based line of `start`. */
  readonly line: number;
}

interface Line {
  readonly start: number;
  /** Start of the next line (or the text length). */
  readonly next: number;
  /** The line without its line break (and without a leading byte-order mark). */
  readonly text: string;
  readonly number: number;
}

function* linesOf(text: string): Generator<Line> {
  let start = 0;
  let number = 1;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const next = newline === -1 ? text.length : newline + 1;
    let line = text.slice(start, newline === -1 ? text.length : newline);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (start === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    yield { start, next, text: line, number };
    start = next;
    number += 1;
  }
}

const DOCUMENT_START = /^---(?:[ \t]|$)/;
const DOCUMENT_END = /^\.\.\.(?:[ \t]|$)/;

/** True when a line holds neither content nor anything but a comment. */
export function isBlankOrComment(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || trimmed.startsWith('#');
}

interface OpenDocument {
  start: number;
  line: number;
  explicit: boolean;
  content: boolean;
}

/** The line of `text` from `start` to `end` (its line break excluded), as `linesOf` gives it. */
function lineText(text: string, start: number, end: number): string {
  let line = text.slice(start, end);
  if (line.endsWith('\r')) line = line.slice(0, -1);
  if (start === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
  return line;
}

/**
 * The documents of a stream. A document opened by `---` counts even when empty (the yaml library
 * and kubectl both see it); leading comments and directives belong to the document they precede.
 * Lines are looked at without being cut out of the text unless they may change something: a marker
 * starts with `-` or `.` (or a byte-order mark), and once a document has content no other line matters.
 */
export function splitDocuments(text: string): TextSlice[] {
  const documents: TextSlice[] = [];
  let open: OpenDocument = { start: 0, line: 1, explicit: false, content: false };
  const close = (end: number): void => {
    if (open.explicit || open.content) documents.push({ start: open.start, end, line: open.line });
  };
  let start = 0;
  let number = 1;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const next = newline === -1 ? text.length : newline + 1;
    const first = text.charCodeAt(start);
    // `-`, `.` or a byte-order mark (0xFEFF) may open a marker; anything else only ends a document's prelude.
    if (first === 0x2d || first === 0x2e || first === 0xfeff || !open.content) {
      const line = lineText(text, start, end);
      if (DOCUMENT_START.test(line)) {
        close(start);
        const keepPrelude = !open.explicit && !open.content;
        open = {
          start: keepPrelude ? open.start : start,
          line: keepPrelude ? open.line : number,
          explicit: true,
          content: !isBlankOrComment(line.slice(3)),
        };
      } else if (DOCUMENT_END.test(line)) {
        close(next);
        open = { start: next, line: number + 1, explicit: false, content: false };
      } else if (!isBlankOrComment(line) && !(line.startsWith('%') && !open.content)) {
        open.content = true;
      }
    }
    start = next;
    number += 1;
  }
  close(text.length);
  return documents;
}

/** A `List` document cut into its top-level `items`, for item-at-a-time parsing. */
export interface ListSplit {
  /** The document without its item lines (`items:` is left with no value). */
  readonly skeleton: string;
  /** Each item, relative to the document text; `line` is relative to the document's first line. */
  readonly items: readonly TextSlice[];
  /** Column (0-based) of the items' `-` indicator. */
  readonly indent: number;
}

const ITEMS_KEY = /^items:[ \t]*(?:#.*)?$/;
/** What any line `ITEMS_KEY` matches starts with (the first line may start with a byte-order mark). */
const MAYBE_ITEMS_KEY = /^\uFEFF?items:/m;

function leadingSpaces(line: string): number {
  let count = 0;
  while (line.charCodeAt(count) === 32) count += 1;
  return count;
}

/**
 * Cuts a block-style `items:` sequence at column 0 (the shape `kubectl get -o yaml` prints) into
 * its entries: an entry starts at a `-` in the sequence's column, and runs until the next one or
 * the first less-indented content line; YAML block content of an entry is always indented more.
 * Returns undefined for any other shape; the caller then parses the document whole.
 */
export function splitListItems(documentText: string): ListSplit | undefined {
  // Most documents are no List: without an `items:` line at column 0 there is nothing to cut.
  if (!MAYBE_ITEMS_KEY.test(documentText)) return undefined;
  const lines = [...linesOf(documentText)];
  const keyIndex = lines.findIndex((line) => ITEMS_KEY.test(line.text));
  if (keyIndex === -1) return undefined;
  const first = lines.slice(keyIndex + 1).find((line) => !isBlankOrComment(line.text));
  const indent = first === undefined ? -1 : leadingSpaces(first.text);
  if (first === undefined || !isSequenceEntry(first.text, indent)) return undefined;
  const items: TextSlice[] = [];
  let open: { start: number; line: number } | undefined;
  let listEnd = documentText.length;
  for (const line of lines.slice(lines.indexOf(first))) {
    if (isBlankOrComment(line.text)) continue;
    const spaces = leadingSpaces(line.text);
    if (line.text[spaces] === '\t') return undefined;
    if (spaces > indent) continue;
    if (open) items.push({ start: open.start, end: line.start, line: open.line });
    open = undefined;
    if (spaces < indent || !isSequenceEntry(line.text, indent)) {
      listEnd = line.start;
      break;
    }
    open = { start: line.start, line: line.number };
  }
  if (open) items.push({ start: open.start, end: listEnd, line: open.line });
  const keyLine = lines[keyIndex];
  if (keyLine === undefined) return undefined;
  const skeleton = documentText.slice(0, keyLine.next) + documentText.slice(listEnd);
  return { skeleton, items, indent };
}

function isSequenceEntry(line: string, indent: number): boolean {
  return line[indent] === '-' && (line.length === indent + 1 || /[ \t]/.test(line[indent + 1] ?? ''));
}

/** The text of one list item as a block mapping: its `-` becomes a space, so columns stay exact. */
export function itemText(documentText: string, split: ListSplit, item: TextSlice): string {
  const dash = item.start + split.indent;
  return documentText.slice(item.start, dash) + ' ' + documentText.slice(dash + 1, item.end);
}
