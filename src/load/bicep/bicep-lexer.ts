/** @module Bicep source into tokens with their lines; an interpolated string keeps its `${...}` parts as tokens. */

export type BicepToken =
  | { readonly kind: 'ident'; readonly value: string; readonly line: number; readonly offset: number }
  | { readonly kind: 'number'; readonly value: number; readonly line: number; readonly offset: number }
  | {
      readonly kind: 'string';
      /** The literal parts; `parts.length === holes.length + 1`. */
      readonly parts: readonly string[];
      /** The tokens of each `${...}` hole. */
      readonly holes: readonly (readonly BicepToken[])[];
      readonly line: number;
      readonly offset: number;
      /** The offset just past the closing quote. */
      readonly end: number;
    }
  | { readonly kind: 'punct'; readonly value: string; readonly line: number; readonly offset: number }
  | { readonly kind: 'newline'; readonly line: number; readonly offset: number }
  | { readonly kind: 'eof'; readonly line: number; readonly offset: number };

export class BicepSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'BicepSyntaxError';
    this.line = line;
  }
}

/** Longest first: the lexer takes the first that matches. */
const PUNCTUATION = [
  ...['??', '.?', '==', '!=', '=~', '!~', '<=', '>=', '&&', '||', '=>', '::'],
  ...[
    '{',
    '}',
    '[',
    ']',
    '(',
    ')',
    ',',
    ':',
    '.',
    '?',
    '!',
    '<',
    '>',
    '+',
    '-',
    '*',
    '/',
    '%',
    '=',
    '@',
    '|',
  ],
];

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '\\': '\\',
  "'": "'",
  $: '$',
};

const isIdentStart = (c: string): boolean => /[A-Za-z_]/.test(c);
const isIdentPart = (c: string): boolean => /[A-Za-z0-9_]/.test(c);

class Lexer {
  pos = 0;
  line = 1;
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }

  peek(ahead = 0): string {
    return this.text[this.pos + ahead] ?? '';
  }

  advance(count = 1): void {
    for (let i = 0; i < count; i++) if (this.text[this.pos++] === '\n') this.line++;
  }

  /** Skips blanks and comments; newlines are tokens (they end declarations and object entries). */
  skipTrivia(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r') this.advance();
      else if (c === '/' && this.peek(1) === '/') {
        while (this.pos < this.text.length && this.peek() !== '\n') this.advance();
      } else if (c === '/' && this.peek(1) === '*') {
        const line = this.line;
        const close = this.text.indexOf('*/', this.pos + 2);
        if (close === -1) throw new BicepSyntaxError('unterminated /* comment', line);
        this.advance(close + 2 - this.pos);
      } else return;
    }
  }

  /** `'''...'''`: no escapes, no interpolation; a newline right after the opening quotes is dropped. */
  multiline(): BicepToken {
    const line = this.line;
    const offset = this.pos;
    const close = this.text.indexOf("'''", this.pos + 3);
    if (close === -1) throw new BicepSyntaxError('unterminated multi-line string', line);
    let body = this.text.slice(this.pos + 3, close);
    if (body.startsWith('\r\n')) body = body.slice(2);
    else if (body.startsWith('\n')) body = body.slice(1);
    this.advance(close + 3 - this.pos);
    return { kind: 'string', parts: [body], holes: [], line, offset, end: this.pos };
  }

  escape(line: number): string {
    const c = this.peek();
    if (c === 'u' && this.peek(1) === '{') {
      const close = this.text.indexOf('}', this.pos);
      const code = Number.parseInt(this.text.slice(this.pos + 2, close), 16);
      if (close === -1 || !Number.isFinite(code) || code > 0x10ffff)
        throw new BicepSyntaxError('invalid \\u{...} escape', line);
      this.advance(close + 1 - this.pos);
      return String.fromCodePoint(code);
    }
    const mapped = ESCAPES[c];
    if (mapped === undefined) throw new BicepSyntaxError(`invalid escape \\${c}`, this.line);
    this.advance();
    return mapped;
  }

  string(depth: number): BicepToken {
    if (this.text.startsWith("'''", this.pos)) return this.multiline();
    const line = this.line;
    const offset = this.pos;
    this.advance();
    const parts: string[] = [];
    const holes: BicepToken[][] = [];
    let current = '';
    for (;;) {
      const c = this.peek();
      if (c === '' || c === '\n') throw new BicepSyntaxError('unterminated string', line);
      if (c === "'") {
        this.advance();
        parts.push(current);
        return { kind: 'string', parts, holes, line, offset, end: this.pos };
      }
      if (c === '\\') {
        this.advance();
        current += this.escape(line);
      } else if (c === '$' && this.peek(1) === '{') {
        this.advance(2);
        parts.push(current);
        current = '';
        holes.push(this.tokens(depth + 1, true));
      } else {
        current += c;
        this.advance();
      }
    }
  }

  number(): BicepToken {
    const line = this.line;
    const offset = this.pos;
    while (/[0-9]/.test(this.peek())) this.advance();
    const value = Number(this.text.slice(offset, this.pos));
    if (!Number.isSafeInteger(value)) throw new BicepSyntaxError('integer out of range', line);
    return { kind: 'number', value, line, offset };
  }

  /** Tokens up to the end (or, inside `${`, up to its closing `}`, which is consumed). */
  tokens(depth: number, inHole: boolean): BicepToken[] {
    if (depth > MAX_INTERPOLATION_DEPTH) throw new BicepSyntaxError('strings nest too deeply', this.line);
    const out: BicepToken[] = [];
    let braces = 0;
    for (;;) {
      this.skipTrivia();
      const c = this.peek();
      const line = this.line;
      const offset = this.pos;
      if (c === '') {
        if (inHole) throw new BicepSyntaxError('unterminated ${ in a string', line);
        out.push({ kind: 'eof', line, offset });
        return out;
      }
      if (c === '\n') {
        this.advance();
        out.push({ kind: 'newline', line, offset });
      } else if (c === "'") out.push(this.string(depth));
      else if (/[0-9]/.test(c)) out.push(this.number());
      else if (isIdentStart(c)) {
        while (isIdentPart(this.peek())) this.advance();
        out.push({ kind: 'ident', value: this.text.slice(offset, this.pos), line, offset });
      } else {
        const punct = PUNCTUATION.find((p) => this.text.startsWith(p, this.pos));
        if (punct === undefined)
          throw new BicepSyntaxError(`unexpected character ${JSON.stringify(c)}`, line);
        if (inHole && punct === '}' && braces === 0) {
          this.advance();
          out.push({ kind: 'eof', line, offset });
          return out;
        }
        if (punct === '{') braces++;
        if (punct === '}') braces--;
        this.advance(punct.length);
        out.push({ kind: 'punct', value: punct, line, offset });
      }
    }
  }
}

/** Interpolations inside interpolations deeper than this are refused (a hostile file, not a template). */
const MAX_INTERPOLATION_DEPTH = 32;

/** Tokenizes a Bicep file; a lexical error throws `BicepSyntaxError` with its line. */
export function tokenizeBicep(text: string): BicepToken[] {
  return new Lexer(text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text).tokens(0, false);
}
