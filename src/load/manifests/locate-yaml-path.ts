/** @module Finds the source offset of a property path in a parsed YAML document (the key, not the value). */
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { PathSegment } from '../../model/index.js';

/** Merge chains deeper than this are not followed (an alias cycle would never end). */
const MAX_MERGE_DEPTH = 8;

function resolve(document: Document.Parsed, node: unknown): unknown {
  return isAlias(node) ? node.resolve(document) : node;
}

function keyMatches(pair: Pair, segment: string): boolean {
  // `on:` is the boolean key `true` under YAML 1.1, as the path built from the decoded object says.
  return isScalar(pair.key) && typeof pair.key.value !== 'symbol' && String(pair.key.value) === segment;
}

function isMergePair(pair: Pair): boolean {
  return isScalar(pair.key) && (typeof pair.key.value === 'symbol' || pair.key.source === '<<');
}

/** The pair holding `segment`: the map's own key first, then the maps merged in with `<<` (YAML 1.1). */
function findPair(document: Document.Parsed, map: YAMLMap, segment: string, depth = 0): Pair | undefined {
  const own = map.items.find((pair) => keyMatches(pair, segment));
  if (own !== undefined || depth >= MAX_MERGE_DEPTH) return own;
  for (const pair of map.items) {
    if (!isMergePair(pair)) continue;
    const source = resolve(document, pair.value);
    const sources = isSeq(source) ? source.items.map((item) => resolve(document, item)) : [source];
    for (const merged of sources) {
      const found = isMap(merged) ? findPair(document, merged, segment, depth + 1) : undefined;
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function startOf(node: unknown): number | undefined {
  if (isScalar(node) || isMap(node) || isSeq(node) || isAlias(node)) return node.range?.[0];
  return undefined;
}

/**
 * The offset of the deepest key (or sequence item) on `path` that exists below `root`; `root`'s own
 * start when the first segment is already absent. Undefined when `root` has no position.
 */
export function locateYamlPath(
  document: Document.Parsed,
  root: Node | null,
  path: readonly PathSegment[],
): number | undefined {
  let offset = startOf(root);
  let node: unknown = root;
  for (const segment of path) {
    node = resolve(document, node);
    if (isMap(node)) {
      const pair = findPair(document, node, String(segment));
      if (pair === undefined) break;
      offset = startOf(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      offset = startOf(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}
