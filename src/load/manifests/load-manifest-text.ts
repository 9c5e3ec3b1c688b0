/** @module Kubernetes YAML/JSON text (multi-document, List kinds, Helm output) into model objects. */
import { posix } from 'node:path';
import type { PathSegment, SourceLocation } from '../../model/index.js';
import type { LoadSink } from '../load-sink.js';
import type { DocumentPlace, NamespaceTally, ValueSource } from './emit-object.js';
import { addDiagnostic, emitObject, isListKind, isPlainObject, reportedAt } from './emit-object.js';
import { helmTemplate } from './helm-source.js';
import { elementStarts, findMember, isJsonText, locateJsonPath, skipWhitespace } from './json-scan.js';
import { lineStarts, positionAt } from './line-index.js';
import { locateYamlPath } from './locate-yaml-path.js';
import { fastYaml } from './fast-yaml.js';
import type { PositionIndex } from './position-index.js';
import { buildPositionIndex, lookupPosition } from './position-index.js';
import { firstError, parseYaml, toPlainValue } from './parse-yaml.js';
import type { ListSplit, TextSlice } from './split-documents.js';
import { itemText, splitDocuments, splitListItems } from './split-documents.js';

export interface ManifestOptions {
  /** How the text was produced, when rendered (`helm template` piped in, `kubectl kustomize`). */
  readonly renderedBy?: 'kustomize';
  /** Counts the namespaced objects that name no namespace. */
  readonly tally?: NamespaceTally;
}

/**
 * Reads every document of `text`; returns the number of objects read. Never throws on bad input.
 * Output of `kubectl kustomize` is named after its kustomization file and points at that file's
 * first line: the rendered stream's lines exist nowhere the user can open.
 */
export function loadManifestText(
  text: string,
  file: string,
  sink: LoadSink,
  options: ManifestOptions = {},
): number {
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    const { line, column } = positionAt(lineStarts(text.slice(0, nul + 1)), nul);
    addDiagnostic(sink, 'parse-error', 'error', 'binary content (a NUL byte); not read', {
      file,
      line,
      column,
    });
    return 0;
  }
  const rendered = options.renderedBy === 'kustomize';
  const unindexed: UnindexedTally = { documents: 0 };
  const base = {
    file,
    ...(rendered ? { renderedFrom: posix.dirname(file) } : {}),
    ...(options.tally === undefined ? {} : { tally: options.tally }),
    unindexed,
  };
  // A text that looks like JSON is located as JSON (`source-texts`), even when read as YAML.
  const json = isJsonText(text);
  if (json && !rendered) sink.registerText(file, text);
  if (json) {
    const value = parseJson(text);
    // Not JSON after all (`{a: 1}` is YAML flow style): the YAML reading reports any error with its line.
    if (value.ok) return loadJson(text, value.value, { ...base, documentIndex: 0 }, sink);
  }
  const count = loadYamlStream(text, base, sink);
  // The text is what locates the objects of a document without key positions; the others never read it.
  if (!rendered && !json && unindexed.documents > 0) sink.registerText(file, text);
  return count;
}

/** Documents (or List items) that yielded objects but no key positions: their lines need the text. */
interface UnindexedTally {
  documents: number;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch {
    // the message may quote the text; the YAML reading reports a clean one
    return { ok: false };
  }
}

/** A document value; a List yields its items, each with `basePath` `['items', i]`. */
function emitDocument(
  root: ValueSource,
  place: DocumentPlace,
  sink: LoadSink,
  itemSource: (index: number, value: unknown) => ValueSource,
): number {
  const value = root.value;
  if (value === null || value === undefined) return 0;
  if (
    isPlainObject(value) &&
    typeof value.apiVersion === 'string' &&
    typeof value.kind === 'string' &&
    isListKind(value.kind) &&
    (Array.isArray(value.items) || value.kind === 'List')
  ) {
    const list = { apiVersion: value.apiVersion, kind: value.kind };
    const items: unknown[] = Array.isArray(value.items) ? value.items : [];
    let count = 0;
    items.forEach((item, index) => {
      count += emitObject(itemSource(index, item), place, ['items', index], sink, list);
    });
    return count;
  }
  return emitObject(root, place, [], sink);
}

function loadJson(text: string, value: unknown, place: DocumentPlace, sink: LoadSink): number {
  const starts = lineStarts(text);
  const locateFrom =
    (offset: number) =>
    (path: readonly PathSegment[]): SourceLocation => ({
      file: place.file,
      ...positionAt(starts, locateJsonPath(text, offset, path).at),
    });
  const root = skipWhitespace(text, 0);
  const itemsArray =
    isPlainObject(value) && Array.isArray(value.items) ? findMember(text, root, 'items') : undefined;
  const itemStarts = itemsArray === undefined ? [] : elementStarts(text, itemsArray.value);
  return emitDocument({ value, locate: locateFrom(root) }, place, sink, (index, item) => ({
    value: item,
    locate: locateFrom(itemStarts[index] ?? root),
  }));
}

type YamlPlace = DocumentPlace & { readonly unindexed: UnindexedTally };

function loadYamlStream(text: string, base: Omit<YamlPlace, 'documentIndex'>, sink: LoadSink): number {
  const { maxDocuments } = sink.limits;
  let count = 0;
  for (const [documentIndex, slice] of splitDocuments(text).entries()) {
    if (documentIndex >= maxDocuments) {
      const message = `more than ${maxDocuments} documents (limits.maxDocuments); the rest of the file is not read`;
      addDiagnostic(
        sink,
        'limit-exceeded',
        'error',
        message,
        reportedAt(base, { file: base.file, line: slice.line }),
      );
      break;
    }
    const documentText = text.slice(slice.start, slice.end);
    const template = helmTemplate(documentText);
    const place = { ...base, documentIndex, ...(template === undefined ? {} : { template }) };
    count += loadYamlDocument(documentText, slice.line, place, sink);
  }
  return count;
}

/** An anchor anywhere makes items depend on each other: such a document is parsed whole. */
const ANCHOR = /(?:^|[\s,[{])&[^\s,[\]{}]/;

function loadYamlDocument(text: string, firstLine: number, place: YamlPlace, sink: LoadSink): number {
  const split = ANCHOR.test(text) ? undefined : splitListItems(text);
  const count = split === undefined ? undefined : loadSplitList(text, firstLine, split, place, sink);
  return count ?? loadWholeDocument(text, firstLine, place, sink);
}

interface Parsed {
  /** The key positions, when the document has objects (built from the `yaml` tree only then). */
  readonly positions: () => PositionIndex | undefined;
  readonly value: unknown;
  readonly locate: (path: readonly PathSegment[]) => SourceLocation;
}

/** Parses one document or item; a syntax error or alias bomb becomes a diagnostic and yields undefined. */
function parseAt(
  text: string,
  firstLine: number,
  place: DocumentPlace,
  sink: LoadSink,
  what: string,
): Parsed | undefined {
  const fast = fastYaml(text, firstLine);
  if (fast !== undefined) {
    const { positions } = fast;
    const locate = (path: readonly PathSegment[]): SourceLocation => ({
      file: place.file,
      ...lookupPosition(positions, [], path),
    });
    return { positions: () => positions, value: fast.value, locate };
  }
  const parsed = parseYaml(text);
  const toLocation = (offset: number): SourceLocation => {
    const position = parsed.lineCounter.linePos(offset);
    return { file: place.file, line: firstLine + position.line - 1, column: position.col };
  };
  const error = firstError(parsed);
  if (error !== undefined) {
    const at = reportedAt(place, toLocation(error.offset));
    addDiagnostic(sink, 'parse-error', 'error', `YAML syntax error in ${what}: ${error.message}`, at);
    return undefined;
  }
  const root = parsed.document.contents;
  const locate = (path: readonly PathSegment[]): SourceLocation =>
    toLocation(locateYamlPath(parsed.document, root, path) ?? 0);
  const plain = toPlainValue(parsed, sink.limits.maxAliasCount);
  if ('value' in plain) {
    return { positions: () => buildPositionIndex(parsed, firstLine), value: plain.value, locate };
  }
  const at = reportedAt(place, locate([]));
  if ('limit' in plain) {
    const message = `${what} expands more than ${sink.limits.maxAliasCount} aliases (limits.maxAliasCount; a "billion laughs" document?); not read`;
    addDiagnostic(sink, 'limit-exceeded', 'error', message, at);
  } else {
    addDiagnostic(sink, 'parse-error', 'error', `${what} cannot be decoded: ${plain.error}`, at);
  }
  return undefined;
}

/**
 * Hands the source texts the key positions of a document (or List item) that yielded objects, while its
 * syntax tree is at hand: findings on it are then located without parsing it again. Rendered output
 * is not registered (its lines point at the kustomization), so neither are its positions.
 */
function registerPositions(sink: LoadSink, place: YamlPlace, item: number | undefined, parsed: Parsed): void {
  if (place.renderedFrom !== undefined) return;
  const index = sink.registerPositions === undefined ? undefined : parsed.positions();
  if (index === undefined) place.unindexed.documents += 1;
  else sink.registerPositions?.(place.file, place.documentIndex, item, index);
}

function loadWholeDocument(text: string, firstLine: number, place: YamlPlace, sink: LoadSink): number {
  const document = parseAt(text, firstLine, place, sink, `document ${place.documentIndex + 1}`);
  if (document === undefined) return 0;
  const count = emitDocument(document, place, sink, (index, item) => ({
    value: item,
    locate: (path) => document.locate(['items', index, ...path]),
  }));
  if (count > 0) registerPositions(sink, place, undefined, document);
  return count;
}

/** A List read item by item; undefined when the document is not a List after all. */
function loadSplitList(
  text: string,
  firstLine: number,
  split: ListSplit,
  place: YamlPlace,
  sink: LoadSink,
): number | undefined {
  const skeleton = parseYaml(split.skeleton);
  const header = firstError(skeleton) ? undefined : toPlainValue(skeleton, sink.limits.maxAliasCount);
  const value = header !== undefined && 'value' in header ? header.value : undefined;
  if (!isPlainObject(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string')
    return undefined;
  if (!isListKind(value.kind) || value.items !== null) return undefined;
  const list = { apiVersion: value.apiVersion, kind: value.kind };
  let count = 0;
  split.items.forEach((item: TextSlice, index) => {
    const what = `item ${index} of document ${place.documentIndex + 1}`;
    const line = firstLine + item.line - 1;
    const parsed = parseAt(itemText(text, split, item), line, place, sink, what);
    const emitted = parsed === undefined ? 0 : emitObject(parsed, place, ['items', index], sink, list);
    if (parsed !== undefined && emitted > 0) registerPositions(sink, place, index, parsed);
    count += emitted;
  });
  return count;
}
