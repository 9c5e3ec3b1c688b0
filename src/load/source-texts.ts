/**
 * @module The texts the loaders registered, and the model's `Locator`: an object's property path
 * into the line of its key, on demand. A YAML document's key positions are kept compactly when the
 * loader parses it; any other document is re-parsed lazily, one document (or one List item) at a
 * time, with small caches, so a 40,000-object input never holds its whole syntax tree.
 */
import type { Node } from 'yaml';
import type { Locator, ObjectOrigin, PathSegment, SourceLocation } from '../model/index.js';
import { isJsonText, locateJsonPath, skipWhitespace } from './manifests/json-scan.js';
import { lineStarts, positionAt } from './manifests/line-index.js';
import { locateYamlPath } from './manifests/locate-yaml-path.js';
import type { ParsedYaml } from './manifests/parse-yaml.js';
import { parseYaml } from './manifests/parse-yaml.js';
import type { PositionIndex } from './manifests/position-index.js';
import { lookupPosition } from './manifests/position-index.js';
import type { ListSplit, TextSlice } from './manifests/split-documents.js';
import { itemText, splitDocuments, splitListItems } from './manifests/split-documents.js';

/**
 * One source document of a rendered object (`kubectl kustomize`): the resource it was read from, or a patch
 * that set some of its fields. `value` is the document as decoded, to tell which fields it states.
 */
export interface SourceLayer {
  readonly file: string;
  readonly documentIndex: number;
  /** The document's first line. */
  readonly at: SourceLocation;
  readonly value: unknown;
}

/** The layers of a rendered object, the resource first; `body` is the rendered object, whose paths are asked. */
export interface RenderedLayers {
  readonly body: unknown;
  readonly layers: readonly SourceLayer[];
}

export interface SourceTexts {
  /** Keeps a text (the last registration of a file wins). */
  readonly register: (file: string, text: string) => void;
  /**
   * Keeps the source layers of a rendered object: its paths are located in the layer that states them
   * deepest (a patch only when it states more of the path than the resource).
   */
  readonly registerLayers: (origin: ObjectOrigin, layers: RenderedLayers) => void;
  /** Keeps the key positions of a parsed document of a registered text (`item` for a List item parsed alone). */
  readonly registerPositions: (
    file: string,
    documentIndex: number,
    item: number | undefined,
    index: PositionIndex,
  ) => void;
  readonly locate: Locator;
}

/** A least-recently-used cache: Map keeps insertion order, so the first key is the oldest. */
class LruCache<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #size: number;
  constructor(size: number) {
    this.#size = size;
  }
  get(key: K, create: () => V): V {
    const cached = this.#entries.get(key);
    if (cached !== undefined || this.#entries.has(key)) {
      this.#entries.delete(key);
      this.#entries.set(key, cached as V);
      return cached as V;
    }
    const value = create();
    this.#entries.set(key, value);
    const oldest = this.#entries.keys().next();
    if (this.#entries.size > this.#size && oldest.done !== true) this.#entries.delete(oldest.value);
    return value;
  }
}

type FileIndex =
  | { readonly json: true; readonly starts: readonly number[] }
  | { readonly json: false; readonly documents: readonly TextSlice[] };

type Position = { readonly line: number; readonly column: number };

/** A parsed slice of a file: its syntax tree and the file line its first line is on. */
interface ParsedSlice {
  readonly parsed: ParsedYaml;
  readonly root: Node | null;
  readonly firstLine: number;
}

export interface SourceTextsOptions {
  /** Files whose document index is cached (default 4). */
  readonly files?: number;
  /** Parsed documents or List items cached (default 64). */
  readonly documents?: number;
}

function parseSlice(text: string, firstLine: number): ParsedSlice | undefined {
  const parsed = parseYaml(text);
  return parsed.document.errors.length > 0
    ? undefined
    : { parsed, root: parsed.document.contents, firstLine };
}

function positionIn(slice: ParsedSlice, path: readonly PathSegment[]): Position {
  const offset = locateYamlPath(slice.parsed.document, slice.root, path) ?? 0;
  const position = slice.parsed.lineCounter.linePos(offset);
  return { line: slice.firstLine + position.line - 1, column: position.col };
}

function locateJson(
  origin: ObjectOrigin,
  text: string,
  starts: readonly number[],
  path: readonly PathSegment[],
) {
  const root = skipWhitespace(text, 0);
  // The object's own first line and column lead straight to it inside a large List.
  const direct = (starts[origin.at.line - 1] ?? -1) + (origin.at.column ?? 0) - 1;
  const start =
    origin.basePath.length > 0 && text.charAt(direct) === '{'
      ? direct
      : locateJsonPath(text, root, origin.basePath).value;
  return positionAt(starts, locateJsonPath(text, start, path).at);
}

/** The item of a `kind: List` document an object is (`basePath` `['items', n]`), or undefined. */
function listItemOf(origin: ObjectOrigin): number | undefined {
  const [first, item] = origin.basePath;
  return origin.basePath.length === 2 && first === 'items' && typeof item === 'number' ? item : undefined;
}

/** Key of a document (`item` undefined) or of one List item parsed alone. */
const sliceKey = (documentIndex: number, item: number | undefined): string =>
  item === undefined ? String(documentIndex) : `${documentIndex}:${item}`;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys that identify an element of a list kustomize merges (strategic merge patch keys). */
const MERGE_KEYS = ['name', 'containerPort', 'mountPath', 'devicePath', 'ip', 'topologyKey', 'key', 'port'];

/** The index in `list` of the element that is `element` of the rendered list at `index`. */
function matchElement(element: unknown, list: readonly unknown[], index: number): number | undefined {
  if (isRecord(element)) {
    const key = MERGE_KEYS.find((k) => typeof element[k] === 'string' || typeof element[k] === 'number');
    if (key !== undefined) {
      const found = list.findIndex((item) => isRecord(item) && item[key] === element[key]);
      return found === -1 ? undefined : found;
    }
  }
  return index < list.length ? index : undefined;
}

/** The part of a rendered object's path that a layer states, with list indices as the layer has them. */
export function statedPath(body: unknown, layer: unknown, path: readonly PathSegment[]): PathSegment[] {
  const out: PathSegment[] = [];
  let rendered = body;
  let stated = layer;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(rendered) || !Array.isArray(stated)) break;
      const element: unknown = rendered[segment];
      const index = matchElement(element, stated, segment);
      if (index === undefined) break;
      out.push(index);
      rendered = element;
      stated = stated[index];
    } else {
      if (!isRecord(stated) || !(segment in stated)) break;
      out.push(segment);
      rendered = isRecord(rendered) ? rendered[segment] : undefined;
      stated = stated[segment];
    }
  }
  return out;
}

class SourceTextStore {
  readonly #texts = new Map<string, string>();
  readonly #layers = new WeakMap<ObjectOrigin, RenderedLayers>();
  /** Files whose text is JSON, located by scanning the text (`isJsonText`, decided once per text). */
  readonly #json = new Set<string>();
  /** Key positions by file, then by `sliceKey`: what the loader saw when it parsed the same slice. */
  readonly #positions = new Map<string, Map<string, PositionIndex>>();
  readonly #options: SourceTextsOptions;
  #indexes!: LruCache<string, FileIndex>;
  #splits!: LruCache<string, ListSplit | undefined>;
  #slices!: LruCache<string, ParsedSlice | undefined>;

  constructor(options: SourceTextsOptions) {
    this.#options = options;
    this.#clearCaches();
  }

  #clearCaches(): void {
    this.#indexes = new LruCache(this.#options.files ?? 4);
    this.#splits = new LruCache(this.#options.files ?? 4);
    this.#slices = new LruCache(this.#options.documents ?? 64);
  }

  register(file: string, text: string): void {
    const previous = this.#texts.get(file);
    this.#texts.set(file, text);
    if (isJsonText(text)) this.#json.add(file);
    else this.#json.delete(file);
    // A file registered again with another text: cached positions are stale.
    if (previous !== undefined && previous !== text) {
      this.#clearCaches();
      this.#positions.delete(file);
    }
  }

  registerPositions(
    file: string,
    documentIndex: number,
    item: number | undefined,
    index: PositionIndex,
  ): void {
    let byFile = this.#positions.get(file);
    if (byFile === undefined) {
      byFile = new Map<string, PositionIndex>();
      this.#positions.set(file, byFile);
    }
    byFile.set(sliceKey(documentIndex, item), index);
  }

  registerLayers(origin: ObjectOrigin, layers: RenderedLayers): void {
    this.#layers.set(origin, layers);
  }

  locate(origin: ObjectOrigin, path: readonly PathSegment[]): SourceLocation {
    const layered = this.#layers.get(origin);
    if (layered !== undefined) return this.#locateLayered(layered, path) ?? origin.at;
    // Positions first: a file whose documents all have them is not kept as text (see `loadManifestText`).
    const known = this.#json.has(origin.file) ? undefined : this.#knownPosition(origin, path);
    if (known !== undefined) return this.#located(origin, known);
    const text = this.#texts.get(origin.file);
    if (text === undefined) return origin.at;
    const index = this.#indexes.get(origin.file, () =>
      this.#json.has(origin.file)
        ? { json: true, starts: lineStarts(text) }
        : { json: false, documents: splitDocuments(text) },
    );
    const found = index.json
      ? locateJson(origin, text, index.starts, path)
      : this.#locateYaml(origin, text, index.documents, path);
    return found === undefined ? origin.at : this.#located(origin, found);
  }

  /** The path in the layer stating most of it; the resource (first) unless a patch states strictly more. */
  #locateLayered(layered: RenderedLayers, path: readonly PathSegment[]): SourceLocation | undefined {
    let best: { layer: SourceLayer; path: PathSegment[] } | undefined;
    for (const layer of layered.layers) {
      const stated = statedPath(layered.body, layer.value, path);
      if (best === undefined || stated.length > best.path.length) best = { layer, path: stated };
    }
    if (best === undefined) return undefined;
    const { file, documentIndex, at } = best.layer;
    return this.locate({ file, documentIndex, basePath: [], at }, best.path);
  }

  #located(origin: ObjectOrigin, found: Position): SourceLocation {
    const template = origin.at.template;
    return { file: origin.file, ...found, ...(template === undefined ? {} : { template }) };
  }

  /**
   * The position from the loader's own parse of the slice `#locateYaml` would parse: the List item
   * alone for an item, the whole document otherwise. Undefined when the loader kept none for it.
   */
  #knownPosition(origin: ObjectOrigin, path: readonly PathSegment[]): Position | undefined {
    const byFile = this.#positions.get(origin.file);
    if (byFile === undefined) return undefined;
    const item = listItemOf(origin);
    if (item !== undefined) {
      const parsedItem = byFile.get(sliceKey(origin.documentIndex, item));
      return parsedItem === undefined ? undefined : lookupPosition(parsedItem, [], path);
    }
    const whole = byFile.get(sliceKey(origin.documentIndex, undefined));
    return whole === undefined ? undefined : lookupPosition(whole, origin.basePath, path);
  }

  /** A List item is parsed alone (a 40,000-item dump is never parsed whole); anything else, its document. */
  #locateYaml(
    origin: ObjectOrigin,
    text: string,
    documents: readonly TextSlice[],
    path: readonly PathSegment[],
  ): Position | undefined {
    const slice = documents[origin.documentIndex];
    if (slice === undefined) return undefined;
    const key = `${origin.file}\0${origin.documentIndex}`;
    const item = listItemOf(origin);
    if (item !== undefined) {
      const parsedItem = this.#slices.get(`${key}\0${item}`, () => this.#parseItem(key, text, slice, item));
      if (parsedItem !== undefined) return positionIn(parsedItem, path);
    }
    const whole = this.#slices.get(key, () => parseSlice(text.slice(slice.start, slice.end), slice.line));
    return whole === undefined ? undefined : positionIn(whole, [...origin.basePath, ...path]);
  }

  #parseItem(key: string, text: string, slice: TextSlice, item: number): ParsedSlice | undefined {
    const documentText = text.slice(slice.start, slice.end);
    const split = this.#splits.get(key, () => splitListItems(documentText));
    const itemSlice = split?.items[item];
    if (split === undefined || itemSlice === undefined) return undefined;
    return parseSlice(itemText(documentText, split, itemSlice), slice.line + itemSlice.line - 1);
  }
}

export function createSourceTexts(options: SourceTextsOptions = {}): SourceTexts {
  const store = new SourceTextStore(options);
  return {
    register: (file, text) => {
      store.register(file, text);
    },
    registerPositions: (file, documentIndex, item, index) => {
      store.registerPositions(file, documentIndex, item, index);
    },
    registerLayers: (origin, layers) => {
      store.registerLayers(origin, layers);
    },
    locate: (origin, path) => store.locate(origin, path),
  };
}
