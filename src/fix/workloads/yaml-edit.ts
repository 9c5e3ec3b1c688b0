/**
 * @module Edits of a YAML manifest that keep its formatting and comments: a scalar is replaced where it
 * stands, a missing key is added as lines at the indentation of its mapping, and nothing else of the
 * file is re-serialised. Offsets come from the `yaml` parser's node ranges of the edited document alone
 * (`FileSet` cuts the stream into documents as the loader cuts it), read anew only when an edit reads what an
 * earlier one changes (`Batch`): a workload's hardening is a dozen edits, and a parse costs more than them all.
 */
import type { Document, Node, Pair } from 'yaml';
import { isMap, isScalar, isSeq, parseAllDocuments, stringify } from 'yaml';
import { lineEndOf, lineStartOf } from '../text-lines.js';

export type YamlPath = readonly (string | number)[];

export interface YamlSet {
  readonly path: YamlPath;
  /** A scalar, a list of scalars, or an object of those. */
  readonly value: unknown;
}

export interface YamlDelete {
  readonly path: YamlPath;
  readonly delete: true;
}

/** Appends an item (a scalar or an object) to the list at `path`, creating the list when it is missing. */
export interface YamlAppend {
  readonly path: YamlPath;
  readonly append: unknown;
}

export type YamlEdit = YamlSet | YamlDelete | YamlAppend;

/** `- item` lines for a block list whose dashes stand at `indent`. */
function itemLines(item: unknown, indent: string): string[] {
  return stringify([item], { lineWidth: 0 })
    .trimEnd()
    .split('\n')
    .map((line) => `${indent}${line}`);
}

/** A change of a text: `insert` in place of `[start, end)`. */
interface Splice {
  readonly start: number;
  readonly end: number;
  readonly insert: string;
}

/** Appends to a block list (`node`), after its last item; a flow list is rewritten in flow style. */
function appendItem(text: string, node: Node, item: unknown): Splice | undefined {
  if (!isSeq(node) || !node.range) return undefined;
  if (node.flow) {
    const current: unknown[] = node.toJSON();
    return { start: node.range[0], end: node.range[1], insert: flowText([...current, item]) };
  }
  const first = node.items[0] as Node | undefined;
  if (!first?.range) return undefined;
  // The dash of the first item: the column left of its content.
  let dash = lineStartOf(text, first.range[0]);
  const lineText = text.slice(dash, first.range[0]);
  const at = lineText.indexOf('-');
  if (at === -1) return undefined;
  dash += at;
  const indent = ' '.repeat(dash - lineStartOf(text, dash));
  const lines = itemLines(item, indent).join('\n');
  const end = node.range[1];
  // The list ends at the end of its last item's line.
  const newline = text.indexOf('\n', end - 1);
  const stop = text[end - 1] === '\n' ? end : newline === -1 ? text.length : newline + 1;
  if (stop === text.length && !text.endsWith('\n'))
    return { start: text.length, end: text.length, insert: `\n${lines}` };
  return { start: stop, end: stop, insert: `${lines}\n` };
}

/**
 * Scalars as written, by type and text: a plan writes the same few values (`true`, `RuntimeDefault`, `10001`)
 * thousands of times, and each `stringify` builds a document (150 µs). Bounded: emptied when full.
 */
const SCALAR_TEXTS = new Map<string, string>();
const SCALAR_TEXTS_CAPACITY = 1 << 12;

/** The cache key of a string, number (-0 apart), boolean or null; undefined for anything else. */
function scalarKey(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string') return `s:${value}`;
  if (typeof value === 'boolean') return `b:${String(value)}`;
  if (typeof value === 'number') return `n:${Object.is(value, -0) ? '-0' : String(value)}`;
  return undefined;
}

function scalarText(value: unknown): string {
  const key = scalarKey(value);
  const known = key === undefined ? undefined : SCALAR_TEXTS.get(key);
  if (known !== undefined) return known;
  const text = stringify(value, { lineWidth: 0 }).trimEnd();
  if (key !== undefined) {
    if (SCALAR_TEXTS.size >= SCALAR_TEXTS_CAPACITY) SCALAR_TEXTS.clear();
    SCALAR_TEXTS.set(key, text);
  }
  return text;
}

/** Block-style lines for `key: value` at `indent`; sequences indented as the document does. */
function blockLines(key: string, value: unknown, indent: string, seqIndent: string): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}${key}: []`];
    return [`${indent}${key}:`, ...value.flatMap((item) => itemLines(item, `${indent}${seqIndent}`))];
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return [`${indent}${key}: {}`];
    return [`${indent}${key}:`, ...entries.flatMap(([k, v]) => blockLines(k, v, `${indent}  `, seqIndent))];
  }
  return [`${indent}${key}: ${scalarText(value)}`];
}

function flowText(value: unknown): string {
  return stringify(value, { lineWidth: 0, collectionStyle: 'flow' }).trimEnd();
}

/** Whether the document indents sequence items under their key (`key:\n  - a`) or not (`key:\n- a`). */
function sequenceIndent(text: string, doc: Document): string {
  let indent = '  ';
  const visit = (node: unknown): boolean => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        if (isSeq(value) && !value.flow && key?.range && value.range) {
          const keyColumn = key.range[0] - lineStartOf(text, key.range[0]);
          const itemColumn = value.range[0] - lineStartOf(text, value.range[0]);
          indent = ' '.repeat(Math.max(0, itemColumn - keyColumn));
          return true;
        }
        if (visit(value)) return true;
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (visit(item)) return true;
    }
    return false;
  };
  visit(doc.contents);
  return indent;
}

function pairOf(node: unknown, key: string): Pair | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
}

/** The parse of one document's text the edits read their offsets from (the first of its stream). */
export type ParsedDocument = Document.Parsed | undefined;

/** Parses the text of one document for `editDocumentText` and `replaceDocumentText`. */
export function parseDocumentText(text: string): ParsedDocument {
  return parseAllDocuments(text)[0];
}

/** What an edit sets at the end of its path: a value, or an item appended to a list. */
type Leaf = { readonly value: unknown } | { readonly append: unknown };

/** The value an insert writes for the keys `rest` below the inserted key, down to the leaf. */
function nestedValue(rest: readonly string[], leaf: Leaf): unknown {
  return rest.reduceRight<unknown>(
    (inner, key) => ({ [key]: inner }),
    'append' in leaf ? [leaf.append] : leaf.value,
  );
}

/**
 * Keys added at the end of a block mapping, as `key: value` lines at the indentation of its first key. Several
 * edits that add keys to one mapping, or below a key added by an earlier one, are one insert.
 */
interface BlockInsert {
  readonly map: Node;
  readonly at: number;
  /**
   * How deep the mapping is (the steps down to it). Mappings that end at one offset are nested: the lines added
   * to the inner one come first, whichever edit came first (the outer one's lines end the inner mapping).
   */
  readonly depth: number;
  readonly indent: string;
  /** The mapping does not end with a line break: the lines go after one. */
  readonly newlineFirst: boolean;
  readonly entries: [string, unknown][];
}

function insertSplice(insert: BlockInsert, seqIndent: string): Splice {
  const lines = insert.entries
    .flatMap(([key, value]) => blockLines(key, value, insert.indent, seqIndent))
    .join('\n');
  return { start: insert.at, end: insert.at, insert: insert.newlineFirst ? `\n${lines}` : `${lines}\n` };
}

/**
 * The value of `existing` (an entry an insert writes) once an edit that reads the text it writes sets or appends
 * `leaf` at `rest` below it; undefined when that edit would not do the same on the written text (a value over a
 * mapping, a flow collection: an empty one is written `{}` or `[]`).
 */
function mergedValue(existing: unknown, rest: readonly string[], leaf: Leaf): { value: unknown } | undefined {
  const scalar = (v: unknown): boolean => v === null || typeof v !== 'object';
  if (rest.length === 0) {
    if ('append' in leaf)
      return Array.isArray(existing) && existing.length > 0
        ? { value: [...(existing as unknown[]), leaf.append] }
        : undefined;
    return scalar(existing) && scalar(leaf.value) ? { value: leaf.value } : undefined;
  }
  if (existing === null || typeof existing !== 'object' || Array.isArray(existing)) return undefined;
  const map = existing as Record<string, unknown>;
  const [head = '', ...tail] = rest;
  if (Object.keys(map).length === 0 || head === '__proto__') return undefined;
  if (!Object.hasOwn(map, head)) return { value: { ...map, [head]: nestedValue(tail, leaf) } };
  const inner = mergedValue(map[head], tail, leaf);
  return inner && { value: { ...map, [head]: inner.value } };
}

/** A node an edit stood on, and the key or index it looked up there (none: where it stopped). */
interface Step {
  readonly node: unknown;
  readonly key?: string | number;
}

/** What one edit does to the text its parse was read from. */
type Planned =
  | { readonly kind: 'failed' | 'unchanged'; readonly steps: readonly Step[] }
  | {
      readonly kind: 'splice';
      readonly steps: readonly Step[];
      readonly anchor: unknown;
      readonly splice: Splice;
    }
  | {
      readonly kind: 'insert';
      readonly steps: readonly Step[];
      readonly insert: BlockInsert;
      readonly rest: readonly string[];
      readonly leaf: Leaf;
    };

/** Adds `key` (with `rest` below it, down to `leaf`) to the mapping `map`: a block insert, or a flow rewrite. */
function planInsert(
  text: string,
  map: Node,
  key: string,
  rest: readonly string[],
  leaf: Leaf,
  steps: readonly Step[],
): Planned {
  if (!isMap(map) || !map.range) return { kind: 'failed', steps };
  const value = nestedValue(rest, leaf);
  if (map.flow) {
    const current = (map.toJSON() ?? {}) as Record<string, unknown>;
    const splice = { start: map.range[0], end: map.range[1], insert: flowText({ ...current, [key]: value }) };
    return { kind: 'splice', steps, anchor: map, splice };
  }
  const firstKey = map.items[0]?.key as Node | undefined;
  if (!firstKey?.range) return { kind: 'failed', steps };
  const indent = ' '.repeat(firstKey.range[0] - lineStartOf(text, firstKey.range[0]));
  const at = map.range[1];
  const insert = {
    map,
    at,
    depth: steps.length,
    indent,
    newlineFirst: text[at - 1] !== '\n',
    entries: [[key, value]] as [string, unknown][],
  };
  return { kind: 'insert', steps, insert, rest, leaf };
}

/** Plans one edit on a document's text (`doc`: its parse), read as the path crosses maps and lists. */
function planOne(text: string, doc: ParsedDocument, edit: YamlEdit): Planned {
  const steps: Step[] = [];
  if (!doc || !('contents' in doc)) return { kind: 'failed', steps };
  let node: unknown = doc.contents;
  const leaf: Leaf =
    'append' in edit ? { append: edit.append } : 'value' in edit ? { value: edit.value } : { value: null };
  for (let i = 0; i < edit.path.length; i++) {
    const segment = edit.path[i];
    const last = i === edit.path.length - 1;
    steps.push({ node, ...(segment === undefined ? {} : { key: segment }) });
    if (typeof segment === 'number') {
      if (!isSeq(node)) return { kind: 'failed', steps };
      node = node.items[segment];
      if (node === undefined) return { kind: 'failed', steps };
      continue;
    }
    if (segment === undefined || !isMap(node)) return { kind: 'failed', steps };
    const pair = pairOf(node, segment);
    const rest = edit.path.slice(i + 1);
    if ('append' in edit) {
      if (!pair) {
        if (rest.some((k) => typeof k === 'number')) return { kind: 'failed', steps };
        return planInsert(text, node, segment, rest as string[], leaf, steps);
      }
      if (!last) {
        node = pair.value;
        continue;
      }
      steps.push({ node: pair.value });
      const splice = appendItem(text, pair.value as Node, edit.append);
      return splice ? { kind: 'splice', steps, anchor: pair.value, splice } : { kind: 'failed', steps };
    }
    if ('delete' in edit) {
      if (!pair) return last ? { kind: 'unchanged', steps } : { kind: 'failed', steps };
      if (!last) {
        node = pair.value;
        continue;
      }
      const splice = deletePair(text, node.flow === true, pair);
      return splice ? { kind: 'splice', steps, anchor: node, splice } : { kind: 'failed', steps };
    }
    if (!pair) {
      // Build the missing keys as one nested value.
      if (rest.some((k) => typeof k === 'number')) return { kind: 'failed', steps };
      return planInsert(text, node, segment, rest as string[], leaf, steps);
    }
    if (last) {
      const value = pair.value as Node | null;
      steps.push({ node: value });
      if (value?.range && (isScalar(value) || (value as { flow?: boolean }).flow)) {
        // A scalar, or a flow collection (`add: [NET_ADMIN]`), is replaced on its own line.
        const written =
          typeof edit.value === 'object' && edit.value !== null
            ? flowText(edit.value)
            : scalarText(edit.value);
        return {
          kind: 'splice',
          steps,
          anchor: value,
          splice: { start: value.range[0], end: value.range[1], insert: written },
        };
      }
      return { kind: 'failed', steps };
    }
    node = pair.value;
    if (isMap(node) && node.flow) {
      // A flow map on the way (`securityContext: {}`): rewrite it whole, in flow style.
      steps.push({ node });
      const current = (node.toJSON() ?? {}) as Record<string, unknown>;
      const updated = setNested(current, rest, edit.value);
      const range = node.range;
      if (!range) return { kind: 'failed', steps };
      return {
        kind: 'splice',
        steps,
        anchor: node,
        splice: { start: range[0], end: range[1], insert: flowText(updated) },
      };
    }
  }
  return { kind: 'failed', steps };
}
function setNested(target: Record<string, unknown>, path: YamlPath, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return target;
  const key = String(head);
  const inner = target[key];
  return {
    ...target,
    [key]:
      rest.length === 0
        ? value
        : setNested(
            inner !== null && typeof inner === 'object' ? (inner as Record<string, unknown>) : {},
            rest,
            value,
          ),
  };
}

function deletePair(text: string, flow: boolean, pair: Pair): Splice | undefined {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  if (flow || !key?.range) return undefined;
  const start = lineStartOf(text, key.range[0]);
  const end = value?.range ? value.range[2] : key.range[2];
  const lineEnd = text.indexOf('\n', Math.max(end - 1, key.range[1]));
  const stop = lineEnd === -1 ? text.length : lineEnd + 1;
  return { start, end: Math.max(stop, end), insert: '' };
}

/** The first and last offsets of the lines a splice touches. */
function lineSpan(text: string, splice: Splice): readonly [number, number] {
  return [lineStartOf(text, splice.start), lineEndOf(text, splice.end)];
}

const touch = (a: readonly [number, number], b: readonly [number, number]): boolean =>
  a[0] <= b[1] && b[0] <= a[1];

/**
 * The edits planned on one parse of a text, made together (`flush`). An edit joins only when it reads the text as
 * it would read it with the others made: it stands on no node another one changes, touches none of their lines,
 * and looks up no key another one adds, unless it adds below that key (its lines then join that insert's).
 */
class Batch {
  readonly #splices: { anchor: unknown; splice: Splice; span: readonly [number, number] }[] = [];
  readonly #inserts = new Map<unknown, { insert: BlockInsert; span: readonly [number, number] }>();

  get empty(): boolean {
    return this.#splices.length === 0 && this.#inserts.size === 0;
  }

  /** A batch with the same edits, that takes more without changing this one (an insert's entries are copied). */
  copy(): Batch {
    const copy = new Batch();
    copy.#splices.push(...this.#splices);
    for (const [map, { insert, span }] of this.#inserts)
      copy.#inserts.set(map, { insert: { ...insert, entries: [...insert.entries] }, span });
    return copy;
  }

  /** Takes `planned` (read on `text`, the text of this batch) if it joins; false when it must wait for a new parse. */
  add(text: string, planned: Planned): boolean {
    for (const { anchor } of this.#splices) if (planned.steps.some((s) => s.node === anchor)) return false;
    const own = planned.kind === 'insert' ? this.#inserts.get(planned.insert.map) : undefined;
    for (const [map, { insert }] of this.#inserts)
      for (const step of planned.steps)
        if (
          step.node === map &&
          typeof step.key === 'string' &&
          insert.entries.some(([key]) => key === step.key) &&
          !(planned.kind === 'insert' && map === planned.insert.map)
        )
          return false;
    if (planned.kind !== 'splice' && planned.kind !== 'insert') return true;
    const splice =
      planned.kind === 'splice'
        ? planned.splice
        : { start: planned.insert.at, end: planned.insert.at, insert: '' };
    const span = lineSpan(text, splice);
    if (this.#splices.some((p) => touch(p.span, span))) return false;
    for (const [map, other] of this.#inserts) {
      if (map === own?.insert.map || !touch(other.span, span)) continue;
      // Lines added at one offset to two nested mappings: the inner one's first (see `BlockInsert.depth`).
      const nested =
        planned.kind === 'insert' &&
        planned.insert.at === other.insert.at &&
        planned.insert.depth !== other.insert.depth;
      if (!nested) return false;
    }
    if (planned.kind === 'splice') {
      this.#splices.push({ anchor: planned.anchor, splice, span });
      return true;
    }
    if (own === undefined) {
      this.#inserts.set(planned.insert.map, {
        insert: { ...planned.insert, entries: [...planned.insert.entries] },
        span,
      });
      return true;
    }
    const [key, value] = planned.insert.entries[0] ?? ['', undefined];
    const at = own.insert.entries.findIndex(([k]) => k === key);
    if (at === -1) {
      own.insert.entries.push([key, value]);
      return true;
    }
    const merged = mergedValue(own.insert.entries[at]?.[1], planned.rest, planned.leaf);
    if (merged === undefined) return false;
    own.insert.entries[at] = [key, merged.value];
    return true;
  }

  /** `text` with every edit of the batch made. */
  apply(text: string, seqIndent: string): string {
    const splices = [
      ...this.#splices.map((p) => ({ splice: p.splice, depth: 0 })),
      ...[...this.#inserts.values()].map((i) => ({
        splice: insertSplice(i.insert, seqIndent),
        depth: i.insert.depth,
      })),
    ]
      .sort((a, b) => a.splice.start - b.splice.start || b.depth - a.depth)
      .map((s) => s.splice);
    let out = '';
    let at = 0;
    for (const splice of splices) {
      out += text.slice(at, splice.start) + splice.insert;
      at = splice.end;
    }
    return out + text.slice(at);
  }
}

/** The parse of a text and its sequence indentation: what an edit is planned on. */
interface Read {
  readonly doc: ParsedDocument;
  readonly seqIndent: string;
}

const readOf = (text: string, doc: ParsedDocument): Read => ({
  doc,
  seqIndent: doc && 'contents' in doc ? sequenceIndent(text, doc) : '  ',
});

/**
 * Where the edits of a document left off: the text they were planned on (`base`), its parse, and the edits made
 * on that parse, which turn `base` into `text`. Edits that come later to the same text are planned on the same
 * parse, as if they had come with these (see `resumeEdits`): a document edited by two steps of a plan is parsed
 * once, not once per step.
 */
export interface EditPoint {
  /** The document's text after the edits. */
  readonly text: string;
  readonly base: string;
  readonly read: Read;
  readonly batch: Batch;
}

/** The text edits made, the edits that could not be made, and where they left off. */
export interface EditResult {
  readonly text: string;
  readonly failed: readonly YamlEdit[];
  /** Undefined when the last edits were made on a parse of their own: the text must be parsed anew. */
  readonly point: EditPoint | undefined;
}

/** The edits, planned on `read` (the parse of `base`) after the edits `batch` holds already. */
function editFrom(
  base: string,
  start: Read,
  startBatch: Batch,
  edits: readonly YamlEdit[],
  options: { readonly batched?: boolean },
): EditResult {
  let current = base;
  // The parse of `current` and its sequence indentation, read when an edit is planned on it.
  // Declared wide: `flush`, a closure, sets it to undefined.
  let read = start as Read | undefined;
  let batch = startBatch;
  const plan = (edit: YamlEdit): Planned => {
    read ??= readOf(current, parseDocumentText(current));
    return planOne(current, read.doc, edit);
  };
  const flush = (): void => {
    if (batch.empty || read === undefined) return;
    current = batch.apply(current, read.seqIndent);
    batch = new Batch();
    read = undefined;
  };
  const failed: YamlEdit[] = [];
  for (const edit of edits) {
    let planned = plan(edit);
    if (!batch.add(current, planned)) {
      flush();
      planned = plan(edit);
      batch.add(current, planned);
    }
    if (planned.kind === 'failed') failed.push(edit);
    if (options.batched === false) flush();
  }
  if (read === undefined) return { text: current, failed, point: undefined };
  const text = batch.empty ? current : batch.apply(current, read.seqIndent);
  return { text, failed, point: { text, base: current, read, batch } };
}

/**
 * Applies edits to the text of one YAML document (a slice of a stream, `splitDocuments`). Returns the new text
 * and the edits that could not be made (a path through a scalar, an alias, a missing list item). Each edit reads
 * the text as the edits before it left it; edits that do not read what the others change are planned on one
 * parse and made together (`batched: false` parses anew after every change, as a reference).
 */
export function editDocumentText(
  text: string,
  edits: readonly YamlEdit[],
  parsed: ParsedDocument = parseDocumentText(text),
  options: { readonly batched?: boolean } = {},
): EditResult {
  return editFrom(text, readOf(text, parsed), new Batch(), edits, options);
}

/**
 * Applies more edits to the text `point` left (`point.text`), planned on the parse the earlier edits were
 * planned on: the same text and failed edits as `editDocumentText(point.text, edits)`, without parsing the text
 * anew unless an edit reads what an earlier one changed.
 */
export function resumeEdits(point: EditPoint, edits: readonly YamlEdit[]): EditResult {
  return editFrom(point.base, point.read, point.batch.copy(), edits, {});
}

/**
 * A document's text with its content replaced by `replacement`: its `---` line and the comments before its
 * content stay (the `---` kept apart from the document before it). The replacement's own leading comment lines
 * (a generated file's header) are left out. Undefined when the text holds no content to replace.
 */
export function replaceDocumentText(
  text: string,
  replacement: string,
  doc: ParsedDocument = parseDocumentText(text),
): string | undefined {
  const start = (doc?.contents as Node | null | undefined)?.range?.[0];
  if (doc === undefined || start === undefined) return undefined;
  const lines = replacement.split('\n');
  const first = lines.findIndex((line) => !line.startsWith('#'));
  const body = lines.slice(first === -1 ? lines.length : first).join('\n');
  return text.slice(0, start) + body.replace(/\n*$/, '\n') + text.slice(doc.range[2]);
}
