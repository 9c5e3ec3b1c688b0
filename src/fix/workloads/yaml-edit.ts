/**
 * @module Edits of a YAML manifest that keep its formatting and comments: a scalar is replaced where it
 * stands, a missing key is added as lines at the indentation of its mapping, and nothing else of the
 * file is re-serialised. Offsets come from the `yaml` parser's node ranges, read anew after each edit, of
 * the edited document alone (`FileSet` cuts the stream into documents as the loader cuts it).
 */
import type { Document, Node, Pair } from 'yaml';
import { isMap, isScalar, isSeq, parseAllDocuments, stringify } from 'yaml';
import { lineStartOf } from '../text-lines.js';

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

/** Appends to a block list (`node`), after its last item; a flow list is rewritten in flow style. */
function appendItem(text: string, node: Node, item: unknown): string | undefined {
  if (!isSeq(node) || !node.range) return undefined;
  if (node.flow) {
    const current: unknown[] = node.toJSON();
    return text.slice(0, node.range[0]) + flowText([...current, item]) + text.slice(node.range[1]);
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
  if (stop === text.length && !text.endsWith('\n')) return `${text}\n${lines}`;
  return `${text.slice(0, stop)}${lines}\n${text.slice(stop)}`;
}

function scalarText(value: unknown): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
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

/**
 * Applies one edit to a document's text (`doc`: its parse); undefined when the path crosses something that
 * is not a map or list.
 */
function applyOne(text: string, doc: ParsedDocument, edit: YamlEdit): string | undefined {
  if (!doc || !('contents' in doc)) return undefined;
  const seqIndent = sequenceIndent(text, doc);
  let node: unknown = doc.contents;
  for (let i = 0; i < edit.path.length; i++) {
    const segment = edit.path[i];
    const last = i === edit.path.length - 1;
    if (typeof segment === 'number') {
      if (!isSeq(node)) return undefined;
      node = node.items[segment];
      if (node === undefined) return undefined;
      continue;
    }
    if (segment === undefined || !isMap(node)) return undefined;
    const pair = pairOf(node, segment);
    if ('append' in edit) {
      if (!last) {
        if (!pair) {
          const rest = edit.path.slice(i + 1);
          if (rest.some((k) => typeof k === 'number')) return undefined;
          const nested = rest.reduceRight<unknown>((inner, key) => ({ [String(key)]: inner }), [edit.append]);
          return insertKey(text, node, segment, nested, seqIndent);
        }
        node = pair.value;
        continue;
      }
      if (!pair) return insertKey(text, node, segment, [edit.append], seqIndent);
      return appendItem(text, pair.value as Node, edit.append);
    }
    if ('delete' in edit) {
      if (!pair) return last ? text : undefined;
      if (!last) {
        node = pair.value;
        continue;
      }
      return deletePair(text, node.flow === true, pair);
    }
    const rest = edit.path.slice(i + 1);
    if (!pair) {
      // Build the missing keys as one nested value.
      const nested = rest.reduceRight<unknown>((inner, key) => ({ [String(key)]: inner }), edit.value);
      if (rest.some((k) => typeof k === 'number')) return undefined;
      return insertKey(text, node, segment, nested, seqIndent);
    }
    if (last) {
      const value = pair.value as Node | null;
      if (value?.range && (isScalar(value) || (value as { flow?: boolean }).flow)) {
        // A scalar, or a flow collection (`add: [NET_ADMIN]`), is replaced on its own line.
        const written =
          typeof edit.value === 'object' && edit.value !== null
            ? flowText(edit.value)
            : scalarText(edit.value);
        return text.slice(0, value.range[0]) + written + text.slice(value.range[1]);
      }
      return undefined;
    }
    node = pair.value;
    if (isMap(node) && node.flow) {
      // A flow map on the way (`securityContext: {}`): rewrite it whole, in flow style.
      const current = (node.toJSON() ?? {}) as Record<string, unknown>;
      const updated = setNested(current, rest, edit.value);
      const range = node.range;
      if (!range) return undefined;
      return text.slice(0, range[0]) + flowText(updated) + text.slice(range[1]);
    }
  }
  return undefined;
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

function insertKey(
  text: string,
  map: Node,
  key: string,
  value: unknown,
  seqIndent: string,
): string | undefined {
  if (!isMap(map) || !map.range) return undefined;
  if (map.flow) {
    const current = (map.toJSON() ?? {}) as Record<string, unknown>;
    return text.slice(0, map.range[0]) + flowText({ ...current, [key]: value }) + text.slice(map.range[1]);
  }
  const firstKey = map.items[0]?.key as Node | undefined;
  if (!firstKey?.range) return undefined;
  const indent = ' '.repeat(firstKey.range[0] - lineStartOf(text, firstKey.range[0]));
  const lines = blockLines(key, value, indent, seqIndent).join('\n');
  const end = map.range[1];
  if (text[end - 1] === '\n') return `${text.slice(0, end)}${lines}\n${text.slice(end)}`;
  return `${text.slice(0, end)}\n${lines}${text.slice(end)}`;
}

function deletePair(text: string, flow: boolean, pair: Pair): string | undefined {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  if (flow || !key?.range) return undefined;
  const start = lineStartOf(text, key.range[0]);
  const end = value?.range ? value.range[2] : key.range[2];
  const lineEnd = text.indexOf('\n', Math.max(end - 1, key.range[1]));
  const stop = lineEnd === -1 ? text.length : lineEnd + 1;
  return text.slice(0, start) + text.slice(Math.max(stop, end));
}

/**
 * Applies edits to the text of one YAML document (a slice of a stream, `splitDocuments`). Returns the new text
 * and the edits that could not be made (a path through a scalar, an alias, a missing list item).
 */
export function editDocumentText(
  text: string,
  edits: readonly YamlEdit[],
  parsed?: ParsedDocument,
): { readonly text: string; readonly failed: readonly YamlEdit[] } {
  let current = text;
  // The parse of `current`, kept while an edit leaves the text as it is (a failed edit, a value already set).
  let doc = parsed;
  let docOf: string | undefined = parsed === undefined ? undefined : text;
  const failed: YamlEdit[] = [];
  for (const edit of edits) {
    if (docOf !== current) {
      doc = parseDocumentText(current);
      docOf = current;
    }
    const next = applyOne(current, doc, edit);
    if (next === undefined) failed.push(edit);
    else current = next;
  }
  return { text: current, failed };
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
