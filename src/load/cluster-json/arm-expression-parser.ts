/** @module ARM template expression syntax: a tokenizer and a recursive-descent parser into a small AST. */

/** An expression node; `start`/`end` index the expression source, so an undecided call can be shown as written. */
export type ArmExpr =
  | {
      readonly kind: 'literal';
      readonly value: string | number | boolean | null;
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'call';
      readonly name: string;
      readonly args: readonly ArmExpr[];
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'member';
      readonly target: ArmExpr;
      readonly key: ArmExpr;
      readonly start: number;
      readonly end: number;
    };

export type ParseResult =
  { readonly ok: true; readonly expr: ArmExpr } | { readonly ok: false; readonly reason: string };

type Token =
  | { readonly type: 'string'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly type: 'number'; readonly value: number; readonly start: number; readonly end: number }
  | { readonly type: 'ident'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly type: 'punct'; readonly value: string; readonly start: number; readonly end: number };

/** Deeper call nesting than any real template; it bounds the parser's recursion on hostile input. */
const MAX_NESTING = 64;

/** The bare words ARM reads as values; any other word must be a function call (`[constructor]` is an error). */
const LITERALS: ReadonlyMap<string, boolean | null> = new Map([
  ['true', true],
  ['false', false],
  ['null', null],
]);

/** Thrown inside the parser only, and always caught by `parseArmExpression`. */
class SyntaxFailure extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

/** How a token is named in a message: never a string literal's contents, which may be a secret. */
const describe = (token: Token): string =>
  token.type === 'string' ? 'a string literal' : token.type === 'number' ? 'a number' : `'${token.value}'`;

const isIdentStart = (c: string): boolean => /[A-Za-z_$]/.test(c);
const isIdentPart = (c: string): boolean => /[A-Za-z0-9_$]/.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** Reads a single-quoted string literal starting at `i`; `''` is an escaped quote (ARM string syntax). */
function readString(source: string, i: number): { value: string; end: number } {
  let value = '';
  let j = i + 1;
  for (;;) {
    const quote = source.indexOf("'", j);
    if (quote < 0) throw new SyntaxFailure('unterminated string literal');
    value += source.slice(j, quote);
    if (source[quote + 1] !== "'") return { value, end: quote + 1 };
    value += "'";
    j = quote + 2;
  }
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      const { value, end } = readString(source, i);
      tokens.push({ type: 'string', value, start: i, end });
      i = end;
    } else if (isDigit(c) || (c === '-' && isDigit(source.charAt(i + 1)))) {
      const match = /^-?\d+(\.\d+)?/.exec(source.slice(i, i + 40)) ?? [''];
      tokens.push({ type: 'number', value: Number(match[0]), start: i, end: i + match[0].length });
      i += match[0].length;
    } else if (isIdentStart(c)) {
      let end = i + 1;
      while (end < source.length && isIdentPart(source.charAt(end))) end++;
      tokens.push({ type: 'ident', value: source.slice(i, end), start: i, end });
      i = end;
    } else if ('(),.[]'.includes(c)) {
      tokens.push({ type: 'punct', value: c, start: i, end: i + 1 });
      i++;
    } else {
      throw new SyntaxFailure(`unexpected character '${c}' at position ${i + 1}`);
    }
  }
  return tokens;
}

class Parser {
  private readonly tokens: readonly Token[];
  private pos = 0;
  private depth = 0;
  constructor(tokens: readonly Token[]) {
    this.tokens = tokens;
  }

  parseAll(): ArmExpr {
    const expr = this.parseExpr();
    const extra = this.tokens[this.pos];
    if (extra) throw new SyntaxFailure(`unexpected ${describe(extra)} after the expression`);
    return expr;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private isPunct(value: string): boolean {
    const token = this.peek();
    return token?.type === 'punct' && token.value === value;
  }

  private expect(value: string): Token {
    const token = this.peek();
    if (token?.type !== 'punct' || token.value !== value) {
      throw new SyntaxFailure(`expected '${value}'${token ? ` before ${describe(token)}` : ' at the end'}`);
    }
    this.pos++;
    return token;
  }

  private parseExpr(): ArmExpr {
    if (++this.depth > MAX_NESTING) throw new SyntaxFailure('expression nested too deeply');
    let expr = this.parsePrimary();
    for (;;) {
      if (this.isPunct('.')) {
        this.pos++;
        const name = this.peek();
        if (name?.type !== 'ident') throw new SyntaxFailure("expected a property name after '.'");
        this.pos++;
        const key = { kind: 'literal', value: name.value, start: name.start, end: name.end } as const;
        expr = { kind: 'member', target: expr, key, start: expr.start, end: name.end };
      } else if (this.isPunct('[')) {
        this.pos++;
        const key = this.parseExpr();
        const close = this.expect(']');
        expr = { kind: 'member', target: expr, key, start: expr.start, end: close.end };
      } else {
        break;
      }
    }
    this.depth--;
    return expr;
  }

  private parsePrimary(): ArmExpr {
    const token = this.peek();
    if (!token) throw new SyntaxFailure('expression ends too early');
    this.pos++;
    if (token.type === 'string' || token.type === 'number') {
      return { kind: 'literal', value: token.value, start: token.start, end: token.end };
    }
    if (token.type === 'punct') throw new SyntaxFailure(`unexpected ${describe(token)}`);
    return this.parseCall(token);
  }

  /** `name(args)`, `namespace.name(args)` (user-defined functions), or a bare `true`/`false`/`null`. */
  private parseCall(ident: Token): ArmExpr {
    let name = String(ident.value);
    const next = this.tokens[this.pos + 1];
    if (this.isPunct('.') && next?.type === 'ident' && this.tokens[this.pos + 2]?.value === '(') {
      name = `${name}.${next.value}`;
      this.pos += 2;
    }
    if (!this.isPunct('(')) {
      const lower = name.toLowerCase();
      if (LITERALS.has(lower))
        return { kind: 'literal', value: LITERALS.get(lower) ?? null, start: ident.start, end: ident.end };
      throw new SyntaxFailure(`expected '(' after ${name}`);
    }
    this.pos++;
    const args: ArmExpr[] = [];
    if (!this.isPunct(')')) {
      args.push(this.parseExpr());
      while (this.isPunct(',')) {
        this.pos++;
        args.push(this.parseExpr());
      }
    }
    const close = this.expect(')');
    return { kind: 'call', name, args, start: ident.start, end: close.end };
  }
}

/** Parses the inside of an ARM expression (the text between the outer `[` and `]`). */
export function parseArmExpression(source: string): ParseResult {
  try {
    return { ok: true, expr: new Parser(tokenize(source)).parseAll() };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { ok: false, reason: `invalid expression: ${error.reason}` };
    throw error;
  }
}
