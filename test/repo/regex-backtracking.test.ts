/**
 * @module Every regular expression literal in src/ is run against adversarial text: long runs of one
 * character, and of the literal pieces of the pattern itself (`${${${…`, `://` followed by a long run). A pattern
 * that backtracks catastrophically (exponential) or quadratically takes minutes on 200 KB and fails by
 * the test's timeout; a linear one takes milliseconds. A static check flags nested unbounded quantifiers
 * (star height above one, as safe-regex measures it) unless the pattern is listed below with why it is safe.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

interface Found {
  readonly where: string;
  readonly regex: RegExp;
}

function regexLiterals(): Found[] {
  const out: Found[] = [];
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const text = readFileSync(path.join(SRC, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(source);
        const end = literal.lastIndexOf('/');
        const flags = literal.slice(end + 1).replace(/[gy]/g, '');
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        out.push({ where: `${file}:${line + 1}`, regex: new RegExp(literal.slice(1, end), flags) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

const REGEXES = regexLiterals();

/**
 * Nested unbounded quantifiers that are safe because every repetition of the outer one must start with
 * a character the inner one cannot consume (the split is forced). Checked dynamically all the same.
 */
const NESTED_BUT_UNAMBIGUOUS = new Set([
  // `(?:\.name|\.digits|\[…\])*`: each step starts with `.` or `[`, which no inner class accepts.
  String.raw`^([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\.\d+|\[\s*(?:\d+|"(?:[^"\\]|\\.)*")\s*\])*)$`,
  // PEM header words: each repetition ends with a space, which `[A-Z0-9]+` cannot consume.
  String.raw`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----`,
  // `key=value;` pairs: each repetition starts with `;`, which neither inner class accepts.
  String.raw`^[^;=]+=[^;]*(?:;[^;=]+=[^;]*)+;?$`,
  // Image reference components: each repetition starts with a separator, which `[a-z0-9]+` cannot consume.
  String.raw`^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$`,
  String.raw`^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$`,
]);

/** The star height of a pattern: how deeply unbounded quantifiers (`*`, `+`, `{n,}`) nest. */
function starHeight(source: string): number {
  const stack: number[] = [0];
  let lastAtom = 0;
  let max = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    let atom = 0;
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') {
      stack.push(0);
      continue;
    } else if (c === ')') atom = stack.pop() ?? 0;
    else if (c === '*' || c === '+' || (c === '{' && /^\{\d+,\}/.test(source.slice(i)))) {
      const height = lastAtom + 1;
      stack[stack.length - 1] = Math.max(stack.at(-1) ?? 0, height);
      max = Math.max(max, height);
      lastAtom = height;
      continue;
    } else if (c === '|' || c === '?') continue;
    stack[stack.length - 1] = Math.max(stack.at(-1) ?? 0, atom);
    lastAtom = atom;
  }
  return max;
}

/** Characters in the pattern's own text, plus a letter, a digit and white space. */
function alphabet(source: string): string[] {
  const chars = new Set(['a', 'Z', '0', ' ', '\n', '\t']);
  for (const c of source.replace(/\\[dDwWsSbB]/g, '')) if (c.charCodeAt(0) < 128) chars.add(c);
  return [...chars];
}

/** Runs of literal characters in the pattern (`://`, `-----BEGIN `, `${`): what a match must pass through. */
function literalPieces(source: string): string[] {
  const pieces = source
    .replace(/\[(?:\\.|[^\]\\])*\]/g, '(')
    .replace(/\\([^dDwWsSbBnrt])/g, '$1')
    .split(/[()[\]{}*+?|^$\\]/)
    .filter((piece) => piece.length >= 2);
  return [...new Set(pieces)];
}

const N = 200_000;

function attacks(source: string): string[] {
  const chars = alphabet(source);
  const out: string[] = [];
  for (const a of chars) out.push(a.repeat(N));
  for (const piece of literalPieces(source)) {
    out.push(piece.repeat(Math.ceil(N / piece.length)));
    for (const c of chars) out.push(piece + c.repeat(N));
  }
  return out;
}

describe('regular expressions over input text', () => {
  it('finds the patterns of src/', () => {
    expect(REGEXES.length).toBeGreaterThan(50);
    expect(REGEXES.some((r) => r.where.startsWith('rules/secrets/credential-detector.ts'))).toBe(true);
  });

  it('has no nested unbounded quantifiers outside the checked list', () => {
    const nested = REGEXES.filter(
      ({ regex }) => starHeight(regex.source) > 1 && !NESTED_BUT_UNAMBIGUOUS.has(regex.source),
    ).map(({ where, regex }) => `${where} ${regex.source}`);
    expect(nested).toEqual([]);
  });

  it('measures star height', () => {
    expect(starHeight('(a+)+$')).toBe(2);
    expect(starHeight('(?:a|b)*c+')).toBe(1);
    expect(starHeight('^(?:[a-z]{2,})*$')).toBe(2);
    expect(starHeight('[(*]+x')).toBe(1);
  });

  it.each(REGEXES.map((r) => [r.where, r.regex] as const))(
    '%s stays linear on 200 KB of adversarial text',
    { timeout: 60_000 },
    (_where, regex) => {
      // What is checked is that every attack returns: a backtracking pattern would hit the timeout.
      const texts = attacks(regex.source);
      const answers = texts.map((text) => regex.test(text));
      expect(answers).toHaveLength(texts.length);
    },
  );
});
