/**
 * @module A compact copy of where a parsed YAML document's keys and sequence items start, taken while
 * the loader holds the syntax tree, so a finding's property path becomes a line without parsing the
 * document again. It answers exactly as `locateYamlPath` on the same tree; a document with aliases or
 * merge keys (which that walk resolves through the tree) gets no index and is re-parsed on demand.
 */
import type { Pair } from 'yaml';
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { PathSegment } from '../../model/index.js';
import type { ParsedYaml } from './parse-yaml.js';

/**
 * `data` holds the root's position (`line`, `column`, node offset) and then one record per mapping or
 * sequence: `kind`, entry count, and per entry `key` (an index into `keys`, -1 for a sequence item),
 * `line`, `column` (-1 when the node has no position) and the offset of its child record (-1 for a leaf).
 */
export interface PositionIndex {
  readonly data: Int32Array;
  readonly keys: readonly string[];
}

const MAP = 1;
const SEQ = 2;
const ENTRY = 4;
const NONE = -1;

/** Thrown inside the walk when the document needs the tree itself to be located (aliases, merge keys). */
class NeedsTree extends Error {}

function startOf(node: unknown): number | undefined {
  if (isScalar(node) || isMap(node) || isSeq(node) || isAlias(node)) return node.range?.[0];
  return undefined;
}

/** As `locate-yaml-path`: a merge key is `<<` (a symbol under YAML 1.1 when merges are on). */
function isMergePair(pair: Pair): boolean {
  return isScalar(pair.key) && (typeof pair.key.value === 'symbol' || pair.key.source === '<<');
}

interface Entry {
  readonly key: number;
  readonly start: number | undefined;
  readonly child: unknown;
}

class IndexBuilder {
  readonly #data: number[] = [];
  readonly #keys: string[] = [];
  readonly #keyIndex = new Map<string, number>();
  readonly #parsed: ParsedYaml;
  readonly #firstLine: number;

  constructor(parsed: ParsedYaml, firstLine: number) {
    this.#parsed = parsed;
    this.#firstLine = firstLine;
  }

  build(): PositionIndex {
    const root = this.#parsed.document.contents;
    // `locateYamlPath` answers undefined for a root without position, and the locator then uses offset 0.
    const [line, column] = this.#position(startOf(root) ?? 0);
    this.#data.push(line, column, NONE);
    this.#data[2] = this.#node(root);
    return { data: Int32Array.from(this.#data), keys: this.#keys };
  }

  #position(offset: number | undefined): [number, number] {
    if (offset === undefined) return [NONE, NONE];
    const position = this.#parsed.lineCounter.linePos(offset);
    return [this.#firstLine + position.line - 1, position.col];
  }

  #key(key: string): number {
    let index = this.#keyIndex.get(key);
    if (index === undefined) {
      index = this.#keys.length;
      this.#keys.push(key);
      this.#keyIndex.set(key, index);
    }
    return index;
  }

  /** Writes the record of a mapping or sequence (children after it) and returns its offset; -1 for a leaf. */
  #node(node: unknown): number {
    if (isAlias(node)) throw new NeedsTree();
    if (isSeq(node)) {
      return this.#record(
        SEQ,
        node.items.map((item) => ({ key: NONE, start: startOf(item), child: item })),
      );
    }
    if (!isMap(node)) return NONE;
    const entries: Entry[] = [];
    for (const pair of node.items) {
      if (isMergePair(pair) || isAlias(pair.key)) throw new NeedsTree();
      // Only scalar keys can match a path segment (`keyMatches`); others are never walked into.
      if (!isScalar(pair.key)) continue;
      entries.push({ key: this.#key(String(pair.key.value)), start: startOf(pair.key), child: pair.value });
    }
    return this.#record(MAP, entries);
  }

  #record(kind: number, entries: readonly Entry[]): number {
    const offset = this.#data.length;
    this.#data.push(kind, entries.length);
    for (const entry of entries) this.#data.push(entry.key, ...this.#position(entry.start), NONE);
    entries.forEach((entry, i) => {
      this.#data[offset + 2 + i * ENTRY + 3] = this.#node(entry.child);
    });
    return offset;
  }
}

/** The index of a parsed document whose first line is `firstLine` in its file; undefined when it needs the tree. */
export function buildPositionIndex(parsed: ParsedYaml, firstLine: number): PositionIndex | undefined {
  try {
    return new IndexBuilder(parsed, firstLine).build();
  } catch (error) {
    // A nesting deeper than the stack allows is located the slow way too (`locateYamlPath` loops).
    if (error instanceof NeedsTree || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** The entry a segment leads to inside a record, as `locateYamlPath` walks (first matching key). */
function entryFor(index: PositionIndex, node: number, segment: PathSegment): number {
  const { data, keys } = index;
  const kind = data[node] ?? NONE;
  const count = data[node + 1] ?? 0;
  if (kind === SEQ) {
    const inRange = typeof segment === 'number' && Number.isInteger(segment) && segment >= 0;
    return inRange && segment < count ? node + 2 + segment * ENTRY : NONE;
  }
  const wanted = String(segment);
  for (let entry = node + 2; entry < node + 2 + count * ENTRY; entry += ENTRY) {
    if (keys[data[entry] ?? NONE] === wanted) return entry;
  }
  return NONE;
}

/** Line and column of the deepest key (or item) of `prefix` then `path` that exists, else of the root. */
export function lookupPosition(
  index: PositionIndex,
  prefix: readonly PathSegment[],
  path: readonly PathSegment[],
): { line: number; column: number } {
  const { data } = index;
  let line = data[0] ?? NONE;
  let column = data[1] ?? NONE;
  let node = data[2] ?? NONE;
  const length = prefix.length + path.length;
  for (let i = 0; i < length && node !== NONE; i += 1) {
    const segment = i < prefix.length ? prefix[i] : path[i - prefix.length];
    const entry = segment === undefined ? NONE : entryFor(index, node, segment);
    if (entry === NONE) break;
    const entryLine = data[entry + 1] ?? NONE;
    if (entryLine !== NONE) {
      line = entryLine;
      column = data[entry + 2] ?? NONE;
    }
    node = data[entry + 3] ?? NONE;
  }
  return { line, column };
}
