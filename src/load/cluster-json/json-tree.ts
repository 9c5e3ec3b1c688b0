/** @module A JSON text as a small tree whose every node knows its 1-based line, parsed with `yaml` and never throwing. */
import type { Node, YAMLMap } from 'yaml';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { LoadSink } from '../load-sink.js';
import { checkJsonSyntax } from './json-syntax.js';

export interface JsonObject {
  readonly kind: 'object';
  readonly line: number;
  readonly entries: readonly JsonEntry[];
  /** A template read from another file (a Bicep module, a linked template): its lines are that file's. */
  readonly file?: string;
}
export interface JsonEntry {
  readonly key: string;
  /** The line of the key, which is where a property "is" for a reader. */
  readonly line: number;
  readonly value: JsonNode;
}
export interface JsonArray {
  readonly kind: 'array';
  readonly line: number;
  readonly items: readonly JsonNode[];
}
export interface JsonScalar {
  readonly kind: 'scalar';
  readonly line: number;
  readonly value: string | number | boolean | null;
}
export type JsonNode = JsonObject | JsonArray | JsonScalar;

/** Deeper nesting than any ARM or az output; beyond it `yaml` recurses towards a stack overflow. */
export const MAX_JSON_DEPTH = 200;

/** The entry for `key`, matched case-insensitively as ARM does; the last one wins, as in JSON.parse. */
export function findEntry(node: JsonObject, key: string): JsonEntry | undefined {
  const wanted = key.toLowerCase();
  let found: JsonEntry | undefined;
  for (const entry of node.entries) if (entry.key.toLowerCase() === wanted) found = entry;
  return found;
}

export function getNode(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return node?.kind === 'object' ? findEntry(node, key)?.value : undefined;
}

export function getString(node: JsonNode | undefined, key: string): string | undefined {
  const value = getNode(node, key);
  return value?.kind === 'scalar' && typeof value.value === 'string' ? value.value : undefined;
}

/** The node as a plain JSON value (objects get own `__proto__` keys, never a prototype change). */
export function toPlain(node: JsonNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'array':
      return node.items.map(toPlain);
    case 'object':
      return Object.fromEntries(node.entries.map((entry) => [entry.key, toPlain(entry.value)]));
  }
}

interface Converter {
  readonly lines: LineCounter;
  readonly file: string;
  readonly sink: LoadSink;
}

const lineAt = (cv: Converter, offset: number | undefined): number => cv.lines.linePos(offset ?? 0).line;

/** A key is quoted only when it looks like a property name: a map key (a tag, a label) may hold any text. */
const describeKey = (name: string): string =>
  /^[A-Za-z_$][\w$.-]{0,63}$/.test(name) ? `key "${name}"` : 'a key';

function convertMap(cv: Converter, node: YAMLMap, line: number, depth: number): JsonObject {
  const entries: JsonEntry[] = [];
  const seen = new Map<string, number>();
  for (const pair of node.items) {
    const key = pair.key;
    if (!isScalar(key)) continue;
    const name = String(key.value);
    const keyLine = lineAt(cv, key.range?.[0]);
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) {
      cv.sink.addDiagnostic({
        code: 'conflicting-value',
        level: 'warning',
        message: `${describeKey(name)} repeats the key on line ${earlier} (ARM keys are case-insensitive); the last one is used`,
        file: cv.file,
        line: keyLine,
      });
    }
    seen.set(name.toLowerCase(), keyLine);
    const value = convert(cv, pair.value as Node | null, keyLine, depth + 1);
    entries.push({ key: name, line: keyLine, value });
  }
  return { kind: 'object', line, entries };
}

function convert(cv: Converter, node: Node | null, fallbackLine: number, depth: number): JsonNode {
  if (node === null || isAlias(node) || depth > MAX_JSON_DEPTH) {
    return { kind: 'scalar', line: fallbackLine, value: null };
  }
  const line = lineAt(cv, node.range?.[0]);
  if (isMap(node)) return convertMap(cv, node, line, depth);
  if (isSeq(node)) {
    const items = node.items.map((item) => convert(cv, item as Node | null, line, depth + 1));
    return { kind: 'array', line, items };
  }
  if (isScalar(node)) {
    const { value } = node;
    const plain =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
    return { kind: 'scalar', line, value: plain };
  }
  return { kind: 'scalar', line, value: null };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parses `text`; malformed input (or nesting deeper than `MAX_JSON_DEPTH`) becomes one diagnostic with
 * line and column, and undefined is returned, so a half-read cluster never reaches the model as if whole.
 * The strict check runs first: `yaml` reads JSON faithfully, but also accepts what JSON does not.
 */
export function parseJsonTree(text: string, file: string, sink: LoadSink): JsonNode | undefined {
  // A byte-order mark (PowerShell redirection writes one) is not content; removing it keeps offsets per line.
  const body = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  const syntax = checkJsonSyntax(body, MAX_JSON_DEPTH);
  if (syntax) {
    const { line, column } = lineAndColumn(body, syntax.offset);
    const code = syntax.tooDeep ? 'limit-exceeded' : 'parse-error';
    const message = syntax.tooDeep
      ? `${syntax.message}; the file is not read`
      : `malformed JSON: ${syntax.message}`;
    sink.addDiagnostic({ code, level: 'error', message, file, line, column });
    return undefined;
  }
  const lines = new LineCounter();
  // prettyErrors off: formatting an error context is costly, and no error is expected after the strict check.
  const doc = parseDocument(body, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: false,
    logLevel: 'error',
  });
  const [error] = doc.errors;
  if (error) {
    const pos = lines.linePos(error.pos[0]);
    const message = `malformed JSON (${error.code})`;
    sink.addDiagnostic({
      code: 'parse-error',
      level: 'error',
      message,
      file,
      line: pos.line,
      column: pos.col,
    });
    return undefined;
  }
  return convert({ lines, file, sink }, doc.contents, 1, 0);
}
