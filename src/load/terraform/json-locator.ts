/** @module Lines and columns of property paths in a JSON text, found by scanning only along each path. */
// `terraform show -json` prints one line of many megabytes; a YAML AST of it (the `yaml` package with a
// LineCounter) took 4.5 s for 1.3 MB here, while this scan visits only the containers on each path and
// reads each container at most once.
import type { SourceLocation } from '../../model/index.js';

export type JsonPath = readonly (string | number)[];

export interface Located {
  readonly at: SourceLocation;
  /** False when the text lacks the end of the path: `at` is then the deepest part it has. */
  readonly complete: boolean;
}

export type JsonLocator = (path: JsonPath) => Located;

const WHITESPACE = /[ \t\r\n]*/y;
const STRUCTURE = /["{}[\]]/g;
const PRIMITIVE_END = /[,}\]\s]/g;

interface Child {
  /** Where the key (in an object) or the element (in an array) starts: the position findings point at. */
  readonly keyAt: number;
  readonly valueAt: number;
}

interface Member extends Child {
  readonly step: string | number | undefined;
}

/** How far the members of one object or array have been read: each container is scanned at most once. */
interface Progress {
  readonly index: number;
  readonly offset: number;
  readonly done: boolean;
}

class JsonScanner {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  skipWhitespace(i: number): number {
    WHITESPACE.lastIndex = i;
    WHITESPACE.test(this.text);
    return WHITESPACE.lastIndex;
  }

  /** The index just past the string whose opening quote is at `i`. */
  skipString(i: number): number {
    let j = i + 1;
    for (;;) {
      const quote = this.text.indexOf('"', j);
      if (quote === -1) return this.text.length;
      let backslashes = 0;
      for (let k = quote - 1; this.text[k] === '\\'; k--) backslashes++;
      if (backslashes % 2 === 0) return quote + 1;
      j = quote + 1;
    }
  }

  /** The index just past the value starting at `i`. */
  skipValue(i: number): number {
    const c = this.text[i];
    if (c === '"') return this.skipString(i);
    if (c !== '{' && c !== '[') {
      PRIMITIVE_END.lastIndex = i;
      return PRIMITIVE_END.exec(this.text)?.index ?? this.text.length;
    }
    let depth = 0;
    STRUCTURE.lastIndex = i;
    for (let m = STRUCTURE.exec(this.text); m; m = STRUCTURE.exec(this.text)) {
      if (m[0] === '"') STRUCTURE.lastIndex = this.skipString(m.index);
      else if (m[0] === '{' || m[0] === '[') depth++;
      else if (--depth === 0) return m.index + 1;
    }
    return this.text.length;
  }

  /** Where reading the members of the container whose value starts at `at` begins. */
  begin(at: number): Progress {
    const open = this.text[at];
    if (open !== '{' && open !== '[') return { index: 0, offset: at, done: true };
    const offset = this.skipWhitespace(at + 1);
    const close = this.text[offset];
    return { index: 0, offset, done: close === '}' || close === ']' || offset >= this.text.length };
  }

  /** Reads the member at `progress` of an object (`isObject`) or array; returns it and the progress after it. */
  member(progress: Progress, isObject: boolean): [Member, Progress] {
    let valueAt = progress.offset;
    let step: string | number | undefined = progress.index;
    if (isObject) {
      const keyEnd = this.skipString(progress.offset);
      step = this.key(progress.offset, keyEnd);
      valueAt = this.skipWhitespace(this.skipWhitespace(keyEnd) + 1);
    }
    const end = this.skipWhitespace(this.skipValue(valueAt));
    const more = this.text[end] === ',';
    const next = {
      index: progress.index + 1,
      offset: more ? this.skipWhitespace(end + 1) : end,
      done: !more,
    };
    return [{ step, keyAt: progress.offset, valueAt }, next];
  }

  private key(start: number, end: number): string | undefined {
    const raw = this.text.slice(start, end);
    if (!raw.includes('\\')) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      // A malformed key matches no path.
      return undefined;
    }
  }
}

function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  };
}

/**
 * A locator over one JSON text. It remembers where every member it has passed starts, and how far
 * each container has been read, so locating all resources of a large plan stays linear in its size.
 */
export function jsonLocator(text: string, file: string): JsonLocator {
  const scanner = new JsonScanner(text);
  const position = lineIndex(text);
  const starts = new Map<string, Child>([['[]', { keyAt: 0, valueAt: scanner.skipWhitespace(0) }]]);
  const progress = new Map<string, Progress>();
  const at = (offset: number): SourceLocation => ({ file, ...position(offset) });

  const child = (prefix: JsonPath, container: Child, step: string | number): Child | undefined => {
    const containerKey = JSON.stringify(prefix);
    const isObject = text[container.valueAt] === '{';
    if (isObject !== (typeof step === 'string')) return undefined;
    let state = progress.get(containerKey) ?? scanner.begin(container.valueAt);
    let found: Child | undefined;
    while (!state.done && !found) {
      const [member, next] = scanner.member(state, isObject);
      state = next;
      if (member.step === undefined) continue;
      const key = JSON.stringify([...prefix, member.step]);
      // Terraform never writes a key twice; were one repeated, its first place is kept.
      if (!starts.has(key)) starts.set(key, member);
      if (member.step === step) found = member;
    }
    progress.set(containerKey, state);
    return found ?? starts.get(JSON.stringify([...prefix, step]));
  };

  return (path) => {
    let depth = path.length;
    while (!starts.has(JSON.stringify(path.slice(0, depth)))) depth--;
    let current = starts.get(JSON.stringify(path.slice(0, depth))) ?? { keyAt: 0, valueAt: 0 };
    for (; depth < path.length; depth++) {
      const step = path[depth];
      const next = step === undefined ? undefined : child(path.slice(0, depth), current, step);
      if (!next) return { at: at(current.keyAt), complete: false };
      current = next;
    }
    return { at: at(current.keyAt), complete: true };
  };
}
