/**
 * @module Edits of a JSON cluster definition (ARM template, ARM REST, `az aks show`) that keep its layout:
 * jsonc-parser computes minimal text edits. A `null` or missing parent is replaced by the object it needs.
 */
import type { Node } from 'jsonc-parser';
import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';

export type JsonPathSegment = string | number;

/** `properties.agentPoolProfiles[0].enableEncryptionAtHost` → `['properties', 'agentPoolProfiles', 0, ...]`. */
export function parsePropertyPath(path: string): JsonPathSegment[] {
  const segments: JsonPathSegment[] = [];
  for (const part of path.split('.')) {
    const bracket = part.indexOf('[');
    const name = bracket === -1 ? part : part.slice(0, bracket);
    if (name.includes(']')) return [];
    if (name !== '') segments.push(name);
    let rest = bracket === -1 ? '' : part.slice(bracket);
    while (rest !== '') {
      const close = rest.indexOf(']');
      const index = rest.slice(1, close);
      if (!rest.startsWith('[') || close === -1 || !/^\d+$/.test(index)) return [];
      segments.push(Number(index));
      rest = rest.slice(close + 1);
    }
  }
  return segments;
}

function detectIndent(text: string): { insertSpaces: boolean; tabSize: number } {
  const match = /\n([ \t]+)"/.exec(text);
  const indent = match?.[1] ?? '  ';
  return indent.startsWith('\t')
    ? { insertSpaces: false, tabSize: 1 }
    : { insertSpaces: true, tabSize: indent.length };
}

/** The value for `rest` nested as objects: `['a','b'], 1` → `{ a: { b: 1 } }`. */
function nest(rest: readonly JsonPathSegment[], value: unknown): unknown {
  return rest.reduceRight<unknown>((inner, key) => ({ [String(key)]: inner }), value);
}

/**
 * Sets `path` to `value`. Where a parent is `null` or missing, the deepest existing object receives the
 * nested object. Returns undefined when the path crosses an array index that does not exist or a value
 * that is not an object.
 */
export function setJsonValue(
  text: string,
  path: readonly JsonPathSegment[],
  value: unknown,
): string | undefined {
  const root = parseTree(text);
  if (!root) return undefined;
  let depth = path.length;
  let node: Node | undefined;
  // The deepest prefix of the path that exists as an object (or the full path).
  for (; depth >= 0; depth--) {
    node = findNodeAtLocation(root, path.slice(0, depth));
    if (node && (depth === path.length || node.type === 'object')) break;
  }
  if (depth < 0 || !node) return undefined;
  if (depth < path.length) {
    const key = path[depth];
    if (typeof key !== 'string') return undefined;
    // A `null` at the next segment (e.g. `"apiServerAccessProfile": null`) is replaced whole.
    const target = path.slice(0, depth + 1);
    const edits = modify(text, target, nest(path.slice(depth + 1), value), {
      formattingOptions: detectIndent(text),
    });
    return applyEdits(text, edits);
  }
  const edits = modify(text, path as JsonPathSegment[], value, { formattingOptions: detectIndent(text) });
  return applyEdits(text, edits);
}

/** The JSON value at `path`, or undefined. */
export function jsonValueAt(text: string, path: readonly JsonPathSegment[]): unknown {
  const root = parseTree(text);
  const node = root ? findNodeAtLocation(root, path as JsonPathSegment[]) : undefined;
  if (!node) return undefined;
  return node.type === 'object' || node.type === 'array'
    ? JSON.parse(text.slice(node.offset, node.offset + node.length))
    : node.value;
}

/** 1-based line of an offset, by binary search over the offsets of the line breaks. */
function lineFinder(text: string): (offset: number) => number {
  const breaks: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) breaks.push(i);
  return (offset) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((breaks[mid] ?? 0) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

/**
 * The JSON path of the ARM resource object of `type` that starts on (or contains) `line`: templates nest
 * resources in `resources` arrays and nested deployments, so the cluster is found by its line.
 */
export function resourcePathAtLine(text: string, line: number, type: string): JsonPathSegment[] | undefined {
  const root = parseTree(text);
  if (!root) return undefined;
  const lineOf = lineFinder(text);
  let best: { path: JsonPathSegment[]; length: number } | undefined;
  const visit = (node: Node, path: JsonPathSegment[]): void => {
    if (node.type === 'object') {
      const typeNode = node.children?.find((p) => p.children?.[0]?.value === 'type')?.children?.[1];
      if (typeof typeNode?.value === 'string' && typeNode.value.toLowerCase() === type.toLowerCase()) {
        const from = lineOf(node.offset);
        const to = lineOf(node.offset + node.length);
        if (from <= line && line <= to && (!best || node.length < best.length))
          best = { path, length: node.length };
      }
      for (const property of node.children ?? []) {
        const key: unknown = property.children?.[0]?.value;
        const child = property.children?.[1];
        if (typeof key === 'string' && child) visit(child, [...path, key]);
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((child, i) => {
        visit(child, [...path, i]);
      });
    }
  };
  visit(root, []);
  return best?.path;
}
