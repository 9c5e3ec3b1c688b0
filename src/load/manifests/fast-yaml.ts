/**
 * @module The fast path of the manifest reader: `js-yaml` with the YAML 1.1 scalars of `parse-yaml`
 * (as go-yaml v2 reads them) and its `listener` for the key positions, written straight into the same
 * compact `PositionIndex` the `yaml` tree gives. It takes only what it can read exactly as the `yaml`
 * path does: any error, tag, anchor, merge key, non-string key, directive, lone CR, or event sequence it
 * cannot match to the decoded value makes it answer undefined, and the caller reads the text with `yaml`
 * (whose diagnostics, limits and recovery are then the ones of today).
 */
import type { State } from 'js-yaml';
import { FAILSAFE_SCHEMA, Type, load } from 'js-yaml';
import type { PositionIndex } from './position-index.js';
import { pooledString } from './string-pool.js';

/** `intResolve` of `yaml`'s 1.1 schema: sign, prefix, underscores, `parseInt` (so `-0` stays `-0`). */
function intValue(text: string, offset: number, radix: number): number {
  const sign = text[0];
  const digits = text.substring(sign === '-' || sign === '+' ? offset + 1 : offset).replace(/_/g, '');
  const value = Number.parseInt(digits, radix);
  return sign === '-' ? -1 * value : value;
}

/** The implicit scalars of `yaml`'s 1.1 schema in its order, less timestamps and base 60 (`parse-yaml`). */
const SCALARS: readonly [RegExp, (text: string) => unknown][] = [
  [/^(?:~|[Nn]ull|NULL)?$/, () => null],
  [/^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/, () => true],
  [/^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/, () => false],
  [/^[-+]?0b[0-1_]+$/, (text) => intValue(text, 2, 2)],
  [/^[-+]?0[0-7_]+$/, (text) => intValue(text, 1, 8)],
  [/^[-+]?[0-9][0-9_]*$/, (text) => intValue(text, 0, 10)],
  [/^[-+]?0x[0-9a-fA-F_]+$/, (text) => intValue(text, 2, 16)],
  [
    /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    (text) => {
      if (text.slice(-3).toLowerCase() === 'nan') return Number.NaN;
      return text.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    },
  ],
  [
    /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    (text) => Number.parseFloat(text.replace(/_/g, '')),
  ],
  [/^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/, (text) => Number.parseFloat(text.replace(/_/g, ''))],
];

const TAG_PREFIX = 'tag:aksward,2026:';

/** What `typedScalar` answers for a plain scalar that stays a string. */
const STRING = Symbol('string');

/**
 * The value of a plain scalar under the 1.1 rules, or `STRING`. Most plain scalars are names: the first
 * character picks the few patterns that can match (words for null and booleans, at most 5 characters long;
 * numbers start with a sign, a dot or a digit), in the order of `SCALARS`.
 */
function typedScalar(text: string): unknown {
  if (text === '') return null;
  const first = text.charCodeAt(0);
  let from: number;
  let to: number;
  if (first === 0x2b || first === 0x2d || first === 0x2e || (first >= 0x30 && first <= 0x39)) {
    from = 3;
    to = SCALARS.length;
  } else if (text.length <= 5 && WORD_STARTS.has(first)) {
    from = 0;
    to = 3;
  } else {
    return STRING;
  }
  for (let i = from; i < to; i += 1) {
    const scalar = SCALARS[i];
    if (scalar !== undefined && scalar[0].test(text)) return scalar[1](text);
  }
  return STRING;
}

/** First characters of the null and boolean words (`~`, null, yes/y/true/on, no/n/false/off). */
const WORD_STARTS = new Set(Array.from('~NnYyTtFfOo', (c) => c.charCodeAt(0)));

/** One type decides every implicit scalar: `js-yaml` tries implicit types in turn, one test is enough. */
let resolved: unknown;
const IMPLICIT = new Type(`${TAG_PREFIX}scalar`, {
  kind: 'scalar',
  resolve: (data: unknown) => {
    if (typeof data !== 'string') return false;
    resolved = typedScalar(data);
    return resolved !== STRING;
  },
  construct: () => resolved,
});

const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [IMPLICIT] });

const MAP = 1;
const SEQ = 2;
const NONE = -1;

/** `state.kind` of a closed call, as a number. */
const KIND_OTHER = 0;
const KIND_MAPPING = 1;
const KIND_SEQUENCE = 2;

/** Thrown inside the walk: the events do not match the value; the caller uses the `yaml` path. */
class Mismatch extends Error {}

/** An `Int32Array` twice as long, with the same first values. */
function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * The tree of `composeNode` calls of one `load`, in flat arrays reused from one document to the next (a
 * manifest makes tens of calls per object: no object per call). Call 0 stands for the document; each call
 * has where it opened (line, column, offset), where it ended, what it read and its children in order.
 */
class Calls {
  count = 0;
  line = new Int32Array(1024);
  column = new Int32Array(1024);
  offset = new Int32Array(1024);
  end = new Int32Array(1024);
  kind = new Int32Array(1024);
  firstChild = new Int32Array(1024);
  lastChild = new Int32Array(1024);
  nextSibling = new Int32Array(1024);
  childCount = new Int32Array(1024);
  readonly result: unknown[] = [];
  #open = new Int32Array(64);
  #depth = 0;

  reset(): void {
    this.result.fill(undefined, 0, this.count);
    this.count = 0;
    this.#depth = 0;
    this.#add(0, 0, 0);
  }

  #add(line: number, column: number, offset: number): number {
    const call = this.count;
    if (call === this.line.length) {
      this.line = grown(this.line);
      this.column = grown(this.column);
      this.offset = grown(this.offset);
      this.end = grown(this.end);
      this.kind = grown(this.kind);
      this.firstChild = grown(this.firstChild);
      this.lastChild = grown(this.lastChild);
      this.nextSibling = grown(this.nextSibling);
      this.childCount = grown(this.childCount);
    }
    this.count = call + 1;
    this.line[call] = line;
    this.column[call] = column;
    this.offset[call] = offset;
    this.end[call] = offset;
    this.kind[call] = KIND_OTHER;
    this.firstChild[call] = NONE;
    this.lastChild[call] = NONE;
    this.nextSibling[call] = NONE;
    this.childCount[call] = 0;
    this.result[call] = null;
    if (this.#depth === this.#open.length) this.#open = grown(this.#open);
    this.#open[this.#depth] = call;
    this.#depth += 1;
    return call;
  }

  readonly listener = (event: 'open' | 'close', state: State): void => {
    if (event === 'open') {
      const parent = this.#open[this.#depth - 1] ?? 0;
      const call = this.#add(state.line, state.position - state.lineStart + 1, state.position);
      const last = this.lastChild[parent] ?? NONE;
      if (last === NONE) this.firstChild[parent] = call;
      else this.nextSibling[last] = call;
      this.lastChild[parent] = call;
      this.childCount[parent] = (this.childCount[parent] ?? 0) + 1;
      return;
    }
    if (this.#depth <= 1) throw new Mismatch();
    this.#depth -= 1;
    const call = this.#open[this.#depth] ?? 0;
    // An explicit tag (`!!str`, any `!local`) or an anchor: the `yaml` path reads those.
    const tag = (state as State & { tag: string | null }).tag;
    if (
      (tag !== null && tag !== '?' && !tag.startsWith(TAG_PREFIX)) ||
      (state as { anchor?: unknown }).anchor != null
    )
      throw new Mismatch();
    this.end[call] = state.position;
    this.kind[call] =
      state.kind === 'mapping' ? KIND_MAPPING : state.kind === 'sequence' ? KIND_SEQUENCE : KIND_OTHER;
    this.result[call] = state.result;
  };
}

const CALLS = new Calls();

/**
 * Where the position tables are kept: views into shared blocks, not one buffer each (a manifest has tens
 * of thousands of documents, and each buffer costs more than its bytes).
 */
const BLOCK = 1 << 16;
let block = new Int32Array(BLOCK);
let blockUsed = 0;

/** A copy of the first `length` values of `data`, in the current block (a new one when it is full). */
function kept(data: Int32Array, length: number): Int32Array {
  if (length > BLOCK / 4) return data.slice(0, length);
  if (blockUsed + length > BLOCK) {
    block = new Int32Array(BLOCK);
    blockUsed = 0;
  }
  const view = block.subarray(blockUsed, blockUsed + length);
  view.set(data.subarray(0, length));
  blockUsed += length;
  return view;
}

/**
 * Key lists by their JSON text: documents of one kind mostly have the same keys in the same order, and
 * share one list (a list per document was a quarter of the position tables). Bounded like the string pool.
 */
const KEY_LISTS = new Map<string, readonly string[]>();
const KEY_LIST_CAPACITY = 1 << 12;

function sharedKeys(keys: readonly string[]): readonly string[] {
  const text = JSON.stringify(keys);
  const known = KEY_LISTS.get(text);
  if (known !== undefined) return known;
  if (KEY_LISTS.size >= KEY_LIST_CAPACITY) KEY_LISTS.clear();
  KEY_LISTS.set(text, keys);
  return keys;
}

/** Each key's index in the document's `keys`, cleared for the next document. */
const KEY_INDEX = new Map<string, number>();

/** The buffer the records are written into, reused from one document to the next (each index is a copy). */
let scratch = new Int32Array(4096);

/**
 * Builds the position index of one document from its calls, checking each call against the value read.
 * The walk visits every scalar, so it also swaps each string for its pooled copy (`string-pool`).
 */
class Builder {
  data = scratch;
  length = 0;
  readonly keys: string[] = [];
  readonly #keyIndex = KEY_INDEX;
  readonly #calls: Calls;
  readonly #text: string;
  readonly #firstLine: number;

  constructor(calls: Calls, text: string, firstLine: number) {
    this.#calls = calls;
    this.#text = text;
    this.#firstLine = firstLine;
  }

  #push4(a: number, b: number, c: number, d: number): void {
    if (this.length + 4 > this.data.length) this.data = grown(this.data);
    const at = this.length;
    this.data[at] = a;
    this.data[at + 1] = b;
    this.data[at + 2] = c;
    this.data[at + 3] = d;
    this.length = at + 4;
  }

  #key(key: string): number {
    let index = this.#keyIndex.get(key);
    if (index === undefined) {
      index = this.keys.length;
      this.keys.push(pooledString(key));
      this.#keyIndex.set(key, index);
    }
    return index;
  }

  /** A key call is followed by `:` on its line (after spaces); a value or item never is. */
  #isKey(call: number): boolean {
    let at = this.#calls.end[call] ?? 0;
    const text = this.#text;
    while (text.charCodeAt(at) === 0x20 || text.charCodeAt(at) === 0x09) at += 1;
    return text.charCodeAt(at) === 0x3a;
  }

  /** The call that read a key or item: a scalar read as a would-be key is wrapped in its caller. */
  #unwrap(call: number): number {
    const calls = this.#calls;
    let current = call;
    while (calls.kind[current] === KIND_OTHER && calls.childCount[current] === 1) {
      current = calls.firstChild[current] ?? NONE;
    }
    return current;
  }

  /** The call whose result is `value` itself, down the chain of calls that only wrap it. */
  #collection(call: number, value: unknown): number {
    const calls = this.#calls;
    let current = call;
    while (current !== NONE && calls.result[current] !== value) current = calls.lastChild[current] ?? NONE;
    if (current === NONE) throw new Mismatch();
    // A flow collection in a block context is read first as a would-be key, inside the node's own call.
    let inner = calls.firstChild[current] ?? NONE;
    while (calls.childCount[current] === 1 && inner !== NONE && calls.result[inner] === value) {
      current = inner;
      inner = calls.firstChild[current] ?? NONE;
    }
    return current;
  }

  node(call: number, value: unknown): number {
    if (Array.isArray(value)) return this.#sequence(this.#collection(call, value), value);
    if (typeof value === 'object' && value !== null) {
      return this.#mapping(this.#collection(call, value), value as Record<string, unknown>);
    }
    return NONE;
  }

  /** Starts the record of a collection: `kind`, entry count (set by the caller), entries pushed next. */
  #open(kind: number): number {
    const offset = this.length;
    if (offset + 2 > this.data.length) this.data = grown(this.data);
    this.data[offset] = kind;
    this.data[offset + 1] = 0;
    this.length = offset + 2;
    return offset;
  }

  #sequence(call: number, items: unknown[]): number {
    const calls = this.#calls;
    if (calls.childCount[call] !== items.length) throw new Mismatch();
    const offset = this.#open(SEQ);
    this.data[offset + 1] = items.length;
    for (let item = calls.firstChild[call] ?? NONE; item !== NONE; item = calls.nextSibling[item] ?? NONE) {
      this.#push4(NONE, this.#firstLine + (calls.line[item] ?? 0), calls.column[item] ?? 0, NONE);
    }
    let i = 0;
    for (let item = calls.firstChild[call] ?? NONE; item !== NONE; item = calls.nextSibling[item] ?? NONE) {
      const read = calls.result[this.#unwrap(item)];
      if (read !== items[i] && !Object.is(read, items[i])) throw new Mismatch();
      if (typeof read === 'string') items[i] = pooledString(read);
      const child = this.node(item, items[i]);
      if (Array.isArray(read)) items[i] = trimmed(read);
      this.data[offset + 2 + i * 4 + 3] = child;
      i += 1;
    }
    return offset;
  }

  /**
   * The record of a mapping: each key call (followed by `:`) opens an entry, the call after it is its value
   * (none: an empty value, null). The value calls are kept in the child slots until their records are made.
   */
  #mapping(call: number, value: Record<string, unknown>): number {
    const calls = this.#calls;
    const names = Object.keys(value);
    const offset = this.#open(MAP);
    let count = 0;
    let awaiting = false;
    for (
      let child = calls.firstChild[call] ?? NONE;
      child !== NONE;
      child = calls.nextSibling[child] ?? NONE
    ) {
      if (this.#isKey(child)) {
        const key = calls.result[this.#unwrap(child)];
        if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean')
          throw new Mismatch();
        const name = String(key);
        if (name === '<<' || name === '__proto__' || name !== names[count]) throw new Mismatch();
        this.#push4(
          this.#key(name),
          this.#firstLine + (calls.line[child] ?? 0),
          calls.column[child] ?? 0,
          NONE,
        );
        count += 1;
        awaiting = true;
        continue;
      }
      if (awaiting) {
        this.data[offset + 2 + (count - 1) * 4 + 3] = child;
        awaiting = false;
      } else if (!(calls.result[child] === null && calls.end[child] === calls.offset[child])) {
        throw new Mismatch();
      }
    }
    if (count !== names.length) throw new Mismatch();
    this.data[offset + 1] = count;
    for (let i = 0; i < count; i += 1) {
      const slot = offset + 2 + i * 4 + 3;
      const name = names[i] ?? '';
      const valueCall = this.data[slot] ?? NONE;
      const child = value[name];
      if (valueCall === NONE) {
        if (child !== null) throw new Mismatch();
        continue;
      }
      if (typeof child === 'string') value[name] = pooledString(child);
      this.data[slot] = this.node(valueCall, child);
      if (Array.isArray(child)) value[name] = trimmed(child);
    }
    return offset;
  }
}

/**
 * A copy of a sequence exactly as long as its items. `js-yaml` builds a sequence by pushing, and V8 grows an
 * array's storage ahead of its length: a one-item `ports` list kept room for 16 more. Copied once the sequence's
 * positions are recorded (they are found through the original's identity), nested sequences already trimmed.
 */
function trimmed(items: readonly unknown[]): unknown[] {
  return items.slice();
}

export interface FastYaml {
  readonly value: unknown;
  readonly positions: PositionIndex;
}

/** Everything the fast path leaves to `yaml`, found before parsing: directives and a lone CR. */
const SLOW_TEXT = /^%|\r(?!\n)/m;

/**
 * Reads one document (or List item) whose first line is `firstLine` in its file; undefined when the
 * `yaml` path must read it (see the module note). Never throws.
 */
export function fastYaml(text: string, firstLine: number): FastYaml | undefined {
  if (SLOW_TEXT.test(text)) return undefined;
  const calls = CALLS;
  calls.reset();
  try {
    const value = load(text, { schema: SCHEMA, listener: calls.listener });
    const root = calls.firstChild[0] ?? NONE;
    if (root === NONE || value === undefined || value === null) return undefined;
    const builder = new Builder(calls, text, firstLine);
    builder.data[0] = firstLine + (calls.line[root] ?? 0);
    builder.data[1] = calls.column[root] ?? 0;
    builder.length = 3;
    builder.data[2] = builder.node(root, value);
    scratch = builder.data;
    const keys = sharedKeys(builder.keys);
    return { value, positions: { data: kept(builder.data, builder.length), keys } };
  } catch {
    // a syntax error, a duplicate key, a nesting too deep, or events not matched: the `yaml` path decides
    return undefined;
  } finally {
    calls.reset();
    KEY_INDEX.clear();
  }
}
