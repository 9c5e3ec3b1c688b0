/** @module A strict, linear JSON syntax check that says where the first error is (`yaml` alone accepts `{"a": tru,}`). */

export interface JsonSyntaxError {
  /** 0-based offset of the first offending character. */
  readonly offset: number;
  /** What was expected, never the offending text (it may be part of a secret). */
  readonly message: string;
  /** The nesting limit was hit, rather than a syntax error. */
  readonly tooDeep: boolean;
}

type State = 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'commaOrEnd' | 'done';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** The offset after the string starting at `start` (a `"`), or -1 when it is malformed or unterminated. */
function scanString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '"') return i + 1;
    if (text.charCodeAt(i) < 0x20) return -1;
    if (c !== '\\') continue;
    const next = text.charAt(i + 1);
    if (ESCAPES.has(next)) i++;
    else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 5;
    else return -1;
  }
  return -1;
}

/** The offset after a scalar (string, number, literal) at `i`, or -1. */
function scanScalar(text: string, i: number): number {
  const c = text.charAt(i);
  if (c === '"') return scanString(text, i);
  for (const literal of ['true', 'false', 'null']) if (text.startsWith(literal, i)) return i + literal.length;
  NUMBER.lastIndex = i;
  return NUMBER.test(text) ? NUMBER.lastIndex : -1;
}

const fail = (offset: number, message: string, tooDeep = false): JsonSyntaxError => ({
  offset,
  message,
  tooDeep,
});

/** Checks `text` against the JSON grammar (RFC 8259), refusing nesting deeper than `maxDepth`. */
export function checkJsonSyntax(text: string, maxDepth: number): JsonSyntaxError | undefined {
  const stack: string[] = [];
  let state: State = 'value';
  let i = 0;
  const afterValue = (): State => (stack.length === 0 ? 'done' : 'commaOrEnd');
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
    if (i >= text.length) return state === 'done' ? undefined : fail(i, 'unexpected end of input');
    const c = text.charAt(i);
    if (state === 'done') return fail(i, 'unexpected content after the JSON value');
    if ((state === 'valueOrEnd' && c === ']') || (state === 'keyOrEnd' && c === '}')) {
      stack.pop();
      state = afterValue();
      i++;
    } else if ((state === 'value' || state === 'valueOrEnd') && (c === '{' || c === '[')) {
      stack.push(c === '{' ? '}' : ']');
      if (stack.length > maxDepth) return fail(i, `JSON nested deeper than ${maxDepth} levels`, true);
      state = c === '{' ? 'keyOrEnd' : 'valueOrEnd';
      i++;
    } else if (state === 'value' || state === 'valueOrEnd') {
      const end = scanScalar(text, i);
      if (end < 0) return fail(i, 'expected a JSON value');
      state = afterValue();
      i = end;
    } else if (state === 'key' || state === 'keyOrEnd') {
      const end = c === '"' ? scanString(text, i) : -1;
      if (end < 0) return fail(i, 'expected a property name in double quotes');
      state = 'colon';
      i = end;
    } else if (state === 'colon') {
      if (c !== ':') return fail(i, "expected ':' after a property name");
      state = 'value';
      i++;
    } else {
      const close = stack[stack.length - 1] ?? '';
      if (c === ',') state = close === '}' ? 'key' : 'value';
      else if (c === close) {
        stack.pop();
        state = afterValue();
      } else return fail(i, `expected ',' or '${close}'`);
      i++;
    }
  }
}
