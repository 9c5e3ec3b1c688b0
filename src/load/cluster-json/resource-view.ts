/** @module Walks an ARM property path through a JSON tree (and through evaluated template expressions) to a `Lookup`. */
import type { DiagnosticLevel } from '../diagnostics.js';
import type { Lookup } from '../normalize/cluster-source.js';
import type { ArmScope } from './arm-evaluator.js';
import type { LinkedTemplates } from './linked-templates.js';
import { resolveString, resolveValue } from './arm-evaluator.js';
import { findKey, findUnknown, getProperty, isPlainObject, typeName, UnknownPart } from './arm-value.js';
import type { JsonNode, JsonObject } from './json-tree.js';
import { findEntry, getNode, toPlain } from './json-tree.js';

/** A problem met while reading, for the loader to turn into a diagnostic. */
export interface ReadProblem {
  readonly code: 'unresolved-value' | 'wrong-type' | 'limit-exceeded';
  /** `undecidable` expressions depend on the deployment (info); the rest are template errors (warning). */
  readonly undecidable: boolean;
  readonly message: string;
  readonly line: number;
}

/** How a format reads its values: literally (az, REST), or as template values whose strings may be expressions. */
export interface ValueReader {
  readonly file: string;
  readonly scope?: ArmScope;
  readonly report: (problem: ReadProblem, level?: DiagnosticLevel) => void;
  /** The reporter of another file, for a nested template read from it (a Bicep module, a linked template). */
  readonly reporterFor?: (file: string) => (problem: ReadProblem, level?: DiagnosticLevel) => void;
  /** Local templates that deployments link to, read beforehand (`readLinkedTemplates`). */
  readonly linked?: LinkedTemplates;
}

/** Where a walk stands: on a JSON node, on an evaluated value, or already settled as absent or unknown. */
export type Cursor =
  | { readonly kind: 'node'; readonly node: JsonNode; readonly line: number; readonly path: string }
  | { readonly kind: 'value'; readonly value: unknown; readonly line: number; readonly path: string }
  | { readonly kind: 'absent'; readonly line: number; readonly path: string }
  | { readonly kind: 'unknown'; readonly reason: string; readonly line: number; readonly path: string };

export const joinPath = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

export function rootCursor(node: JsonNode, path = ''): Cursor {
  return { kind: 'node', node, line: node.line, path };
}

function unknownAt(
  reader: ValueReader,
  cursor: { line: number; path: string },
  reason: string,
  problem?: Omit<ReadProblem, 'line'>,
): Cursor {
  if (problem) reader.report({ ...problem, line: cursor.line });
  return { kind: 'unknown', reason, line: cursor.line, path: cursor.path };
}

/** A part of a computed value that is unknown offline: reported once where it is read, unknown from there on. */
function unknownPart(cursor: { line: number; path: string }, part: UnknownPart, reader: ValueReader): Cursor {
  return unknownAt(reader, cursor, part.reason, {
    code: 'unresolved-value',
    undecidable: true,
    message: `${cursor.path}: ${part.reason}`,
  });
}

/** Null means "not set" in az and REST output; a template string is evaluated when it is an expression. */
function settle(cursor: Cursor, reader: ValueReader): Cursor {
  if (cursor.kind === 'value') {
    if (cursor.value instanceof UnknownPart) return unknownPart(cursor, cursor.value, reader);
    return cursor.value === null ? { kind: 'absent', line: cursor.line, path: cursor.path } : cursor;
  }
  if (cursor.kind !== 'node' || cursor.node.kind !== 'scalar') return cursor;
  const { value } = cursor.node;
  if (value === null) return { kind: 'absent', line: cursor.line, path: cursor.path };
  if (typeof value !== 'string' || !reader.scope) return cursor;
  const result = resolveString(value, reader.scope);
  if (result.ok)
    return settle({ kind: 'value', value: result.value, line: cursor.line, path: cursor.path }, reader);
  const message = `${cursor.path}: ${result.reason}`;
  return unknownAt(reader, cursor, result.reason, {
    code: 'unresolved-value',
    undecidable: result.undecidable,
    message,
  });
}

/** A template object property built by a property `copy` loop has no value before deployment. */
function copyLoopOf(node: JsonObject, key: string): boolean {
  const copy = getNode(node, 'copy');
  if (copy?.kind !== 'array') return false;
  return copy.items.some((loop) => {
    const name = getNode(loop, 'name');
    return (
      name?.kind === 'scalar' &&
      typeof name.value === 'string' &&
      name.value.toLowerCase() === key.toLowerCase()
    );
  });
}

/** Reports that the cursor is not an object; the unknown it returns stands at `path` (the key asked for). */
function notAnObject(
  cursor: Cursor,
  found: string,
  reader: ValueReader,
  path: string,
  level?: DiagnosticLevel,
): Cursor {
  const reason = `${cursor.path || 'the resource'} is ${found}, not an object`;
  reader.report({ code: 'wrong-type', undecidable: false, message: reason, line: cursor.line }, level);
  return { kind: 'unknown', reason, line: cursor.line, path };
}

/**
 * Reports (at `level`) when the settled cursor holds something other than an object; absent and
 * unknown pass. Later walks through the same cursor repeat the same message, which the reporter drops.
 */
export function expectObject(cursor: Cursor, reader: ValueReader, level: DiagnosticLevel): void {
  if (cursor.kind === 'value' && !isPlainObject(cursor.value))
    notAnObject(cursor, typeName(cursor.value), reader, cursor.path, level);
  if (cursor.kind === 'node' && cursor.node.kind !== 'object')
    notAnObject(cursor, nodeTypeName(cursor.node), reader, cursor.path, level);
}

const nodeTypeName = (node: JsonNode): string =>
  node.kind === 'scalar' ? typeName(node.value) : `an ${node.kind}`;

/** One step down: `key` matched case-insensitively, as ARM property names are. */
export function descend(cursor: Cursor, key: string, reader: ValueReader): Cursor {
  const path = joinPath(cursor.path, key);
  switch (cursor.kind) {
    case 'absent':
    case 'unknown':
      return { ...cursor, path };
    case 'value': {
      if (!isPlainObject(cursor.value)) return notAnObject(cursor, typeName(cursor.value), reader, path);
      const own = findKey(cursor.value, key);
      if (own === undefined) return { kind: 'absent', line: cursor.line, path };
      const next = {
        kind: 'value',
        value: getProperty(cursor.value, own),
        line: cursor.line,
        path: joinPath(cursor.path, own),
      } as const;
      return settle(next, reader);
    }
    case 'node': {
      const { node } = cursor;
      if (node.kind !== 'object') return notAnObject(cursor, nodeTypeName(node), reader, path);
      if (reader.scope && copyLoopOf(node, key)) {
        const reason = `${path} is built by a property copy loop`;
        return unknownAt(reader, { line: cursor.line, path }, reason, {
          code: 'unresolved-value',
          undecidable: true,
          message: reason,
        });
      }
      const entry = findEntry(node, key);
      if (!entry) return { kind: 'absent', line: cursor.line, path };
      return settle(
        { kind: 'node', node: entry.value, line: entry.line, path: joinPath(cursor.path, entry.key) },
        reader,
      );
    }
  }
}

export function walk(start: Cursor, keys: readonly string[], reader: ValueReader): Cursor {
  let cursor = settle(start, reader);
  for (const key of keys) cursor = descend(cursor, key, reader);
  return cursor;
}

/** The settled value under the cursor, with every nested expression resolved. */
export function finish(cursor: Cursor, reader: ValueReader): Lookup {
  const at = { file: reader.file, line: cursor.line };
  switch (cursor.kind) {
    case 'absent':
      return { kind: 'absent', at, path: cursor.path };
    case 'unknown':
      return { kind: 'unknown', reason: cursor.reason, at, path: cursor.path };
    case 'value': {
      // A value read whole (a list, an object) is unknown when any part of it is.
      const part = findUnknown(cursor.value);
      if (part) return finish(unknownPart(cursor, part, reader), reader);
      return { kind: 'value', value: cursor.value, at, path: cursor.path };
    }
    case 'node': {
      const plain = toPlain(cursor.node);
      if (!reader.scope) return { kind: 'value', value: plain, at, path: cursor.path };
      const result = resolveValue(plain, reader.scope);
      if (result.ok)
        return finish({ kind: 'value', value: result.value, line: cursor.line, path: cursor.path }, reader);
      const settled = unknownAt(reader, cursor, result.reason, {
        code: 'unresolved-value',
        undecidable: result.undecidable,
        message: `${cursor.path}: ${result.reason}`,
      });
      return finish(settled, reader);
    }
  }
}

/** Narrows `listItems`' answer (a readonly array does not narrow with `Array.isArray`). */
export const isCursorList = (items: readonly Cursor[] | Cursor): items is readonly Cursor[] =>
  Array.isArray(items);

/** The items of an array under the cursor (evaluated where the array is an expression), or why they cannot be listed. */
export function listItems(cursor: Cursor, reader: ValueReader): readonly Cursor[] | Cursor {
  const settled = settle(cursor, reader);
  const at = (i: number): string => `${settled.path}[${i}]`;
  switch (settled.kind) {
    case 'absent':
      return [];
    case 'unknown':
      return settled;
    case 'value':
      if (!Array.isArray(settled.value)) return notArray(settled, typeName(settled.value), reader);
      return settled.value.map((value: unknown, i) =>
        settle({ kind: 'value', value, line: settled.line, path: at(i) }, reader),
      );
    case 'node': {
      const { node } = settled;
      if (node.kind !== 'array') return notArray(settled, nodeTypeName(node), reader);
      return node.items.map((item, i) =>
        settle({ kind: 'node', node: item, line: item.line, path: at(i) }, reader),
      );
    }
  }
}

function notArray(cursor: Cursor, found: string, reader: ValueReader): Cursor {
  const reason = `${cursor.path} is ${found}, not an array`;
  return unknownAt(reader, cursor, reason, { code: 'wrong-type', undecidable: false, message: reason });
}
