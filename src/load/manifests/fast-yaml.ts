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

/** Plain scalars that may not be strings start with one of these characters (a cheap first test). */
const MAYBE_TYPED = /^[-+.~0-9NnYyTtFfOo]/;
const TAG_PREFIX = 'tag:aksward,2026:';

function typedScalar(text: string): { value: unknown } | undefined {
  if (text !== '' && !MAYBE_TYPED.test(text)) return undefined;
  for (const [test, resolve] of SCALARS) if (test.test(text)) return { value: resolve(text) };
  return undefined;
}

/** One type decides every implicit scalar: `js-yaml` tries implicit types in turn, one test is enough. */
let resolved: unknown;
const IMPLICIT = new Type(`${TAG_PREFIX}scalar`, {
  kind: 'scalar',
  resolve: (data: unknown) => {
    const typed = typeof data === 'string' ? typedScalar(data) : undefined;
    if (typed === undefined) return false;
    resolved = typed.value;
    return true;
  },
  construct: () => resolved,
});

const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [IMPLICIT] });

const MAP = 1;
const SEQ = 2;
const NONE = -1;

/** One `composeNode` call: where it opened (line, column, offset) and what it read. */
interface Call {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  end: number;
  kind: string | null;
  result: unknown;
  readonly children: Call[];
}

/** Thrown inside the walk: the events do not match the value; the caller uses the `yaml` path. */
class Mismatch extends Error {}

class Recorder {
  readonly root: Call[] = [];
  readonly #stack: Call[][] = [this.root];
  readonly #open: Call[] = [];
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  readonly listener = (event: 'open' | 'close', state: State): void => {
    if (event === 'open') {
      const call: Call = {
        line: state.line,
        column: state.position - state.lineStart + 1,
        offset: state.position,
        end: state.position,
        kind: null,
        result: null,
        children: [],
      };
      this.#stack.at(-1)?.push(call);
      this.#stack.push(call.children);
      this.#open.push(call);
      return;
    }
    const call = this.#open.pop();
    this.#stack.pop();
    if (call === undefined) throw new Mismatch();
    // An explicit tag (`!!str`, any `!local`) or an anchor: the `yaml` path reads those.
    const tag = (state as State & { tag: string | null }).tag;
    if (
      (tag !== null && tag !== '?' && !tag.startsWith(TAG_PREFIX)) ||
      (state as { anchor?: unknown }).anchor != null
    )
      throw new Mismatch();
    call.end = state.position;
    call.kind = state.kind;
    call.result = state.result;
  };

  /** A key call is followed by `:` on its line (after spaces); a value or item never is. */
  isKey(call: Call): boolean {
    let at = call.end;
    const text = this.#text;
    while (text.charCodeAt(at) === 0x20 || text.charCodeAt(at) === 0x09) at += 1;
    return text.charCodeAt(at) === 0x3a;
  }
}

class Builder {
  readonly data: number[] = [];
  readonly keys: string[] = [];
  readonly #keyIndex = new Map<string, number>();
  readonly #recorder: Recorder;
  readonly #firstLine: number;

  constructor(recorder: Recorder, firstLine: number) {
    this.#recorder = recorder;
    this.#firstLine = firstLine;
  }

  #key(key: string): number {
    let index = this.#keyIndex.get(key);
    if (index === undefined) {
      index = this.keys.length;
      this.keys.push(key);
      this.#keyIndex.set(key, index);
    }
    return index;
  }

  /** The call that read `value`: a scalar read as a would-be key is wrapped in its caller. */
  static #unwrap(call: Call): Call {
    let current = call;
    while (current.kind !== 'mapping' && current.kind !== 'sequence' && current.children.length === 1) {
      const [only] = current.children;
      if (only === undefined) break;
      current = only;
    }
    return current;
  }

  node(call: Call, value: unknown): number {
    if (Array.isArray(value)) return this.#sequence(Builder.#collection(call, value), value);
    if (typeof value === 'object' && value !== null) {
      return this.#mapping(Builder.#collection(call, value), value as Record<string, unknown>);
    }
    return NONE;
  }

  /** The call whose result is `value` itself, down the chain of calls that only wrap it. */
  static #collection(call: Call, value: unknown): Call {
    let current: Call | undefined = call;
    while (current !== undefined && current.result !== value) current = current.children.at(-1);
    if (current === undefined) throw new Mismatch();
    // A flow collection in a block context is read first as a would-be key, inside the node's own call.
    let found: Call = current;
    let inner = found.children[0];
    while (found.children.length === 1 && inner !== undefined && inner.result === value) {
      found = inner;
      inner = found.children[0];
    }
    return found;
  }

  #record(kind: number, positions: readonly [number, number, number][]): number {
    const offset = this.data.length;
    this.data.push(kind, positions.length);
    for (const [key, line, column] of positions) this.data.push(key, this.#firstLine + line, column, NONE);
    return offset;
  }

  #sequence(call: Call, items: readonly unknown[]): number {
    const calls = call.children;
    if (calls.length !== items.length) throw new Mismatch();
    const offset = this.#record(
      SEQ,
      calls.map((item) => [NONE, item.line, item.column]),
    );
    calls.forEach((item, i) => {
      const read = Builder.#unwrap(item).result;
      if (read !== items[i] && !Object.is(read, items[i])) throw new Mismatch();
      this.data[offset + 2 + i * 4 + 3] = this.node(item, items[i]);
    });
    return offset;
  }

  #mapping(call: Call, value: Record<string, unknown>): number {
    const names = Object.keys(value);
    const entries: { name: string; key: Call; value: Call | undefined }[] = [];
    for (const child of call.children) {
      if (this.#recorder.isKey(child)) {
        const key = Builder.#unwrap(child).result;
        if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean')
          throw new Mismatch();
        const name = String(key);
        if (name === '<<' || name === '__proto__') throw new Mismatch();
        entries.push({ name, key: child, value: undefined });
        continue;
      }
      const last = entries.at(-1);
      if (last !== undefined && last.value === undefined) last.value = child;
      else if (!(child.result === null && child.end === child.offset)) throw new Mismatch();
    }
    if (entries.length !== names.length) throw new Mismatch();
    const offset = this.#record(
      MAP,
      entries.map((entry, i) => {
        if (entry.name !== names[i]) throw new Mismatch();
        return [this.#key(entry.name), entry.key.line, entry.key.column];
      }),
    );
    entries.forEach((entry, i) => {
      const child = value[entry.name];
      if (entry.value === undefined) {
        if (child !== null) throw new Mismatch();
        return;
      }
      this.data[offset + 2 + i * 4 + 3] = this.node(entry.value, child);
    });
    return offset;
  }
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
  const recorder = new Recorder(text);
  try {
    const value = load(text, { schema: SCHEMA, listener: recorder.listener });
    const [root] = recorder.root;
    if (root === undefined || value === undefined || value === null) return undefined;
    const builder = new Builder(recorder, firstLine);
    builder.data.push(firstLine + root.line, root.column, NONE);
    builder.data[2] = builder.node(root, value);
    return { value, positions: { data: Int32Array.from(builder.data), keys: builder.keys } };
  } catch {
    // a syntax error, a duplicate key, a nesting too deep, or events not matched: the `yaml` path decides
    return undefined;
  }
}
