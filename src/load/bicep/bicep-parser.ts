/**
 * @module A recursive-descent parser for Bicep (and `.bicepparam`) files. Newlines end declarations and
 * separate object and array entries; inside parentheses they are blanks, as in Bicep.
 */
import type { BicepToken } from './bicep-lexer.js';
import { BicepSyntaxError, tokenizeBicep } from './bicep-lexer.js';
import type {
  ArmType,
  BinaryOperator,
  Declaration,
  Decorator,
  Expr,
  ObjectEntry,
  ResourceDecl,
} from './bicep-syntax.js';

/** Deeper nesting than any real template; it bounds the parser's recursion on hostile input. */
export const MAX_BICEP_NESTING = 200;

/** Binary operators by precedence, loosest first (`??` binds looser than `||` in Bicep). */
const PRECEDENCE: readonly (readonly BinaryOperator[])[] = [
  ['??'],
  ['||'],
  ['&&'],
  ['==', '!=', '=~', '!~'],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

const TYPES: Readonly<Record<string, ArmType>> = {
  string: 'string',
  int: 'int',
  bool: 'bool',
  object: 'object',
  array: 'array',
};

class Parser {
  private pos = 0;

  /** `parens`: inside parentheses newlines are blanks; objects and arrays make them separators again. */
  private readonly tokens: readonly BicepToken[];
  private depth: number;
  private parens: number;

  constructor(tokens: readonly BicepToken[], depth = 0, parens = 0) {
    this.tokens = tokens;
    this.depth = depth;
    this.parens = parens;
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== 'eof') throw new BicepSyntaxError(`unexpected ${describe(token)}`, token.line);
  }

  private raw(): BicepToken {
    return (
      this.tokens[this.pos] ?? this.tokens[this.tokens.length - 1] ?? { kind: 'eof', line: 1, offset: 0 }
    );
  }

  private peek(): BicepToken {
    if (this.parens > 0) while (this.raw().kind === 'newline') this.pos++;
    return this.raw();
  }

  private next(): BicepToken {
    const token = this.peek();
    if (token.kind !== 'eof') this.pos++;
    return token;
  }

  private isPunct(value: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.value === value;
  }

  private isWord(value: string): boolean {
    const token = this.peek();
    return token.kind === 'ident' && token.value === value;
  }

  private expectPunct(value: string): BicepToken {
    const token = this.next();
    if (token.kind !== 'punct' || token.value !== value)
      throw new BicepSyntaxError(`expected '${value}' but found ${describe(token)}`, token.line);
    return token;
  }

  private identifier(): { name: string; line: number } {
    const token = this.next();
    if (token.kind !== 'ident')
      throw new BicepSyntaxError(`expected a name but found ${describe(token)}`, token.line);
    return { name: token.value, line: token.line };
  }

  private skipNewlines(): void {
    while (this.raw().kind === 'newline') this.pos++;
  }

  private nest<T>(line: number, parse: () => T): T {
    if (++this.depth > MAX_BICEP_NESTING)
      throw new BicepSyntaxError(`nesting deeper than ${MAX_BICEP_NESTING} levels`, line);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  /** Runs `parse` with newlines significant (objects, arrays) or not (parentheses). */
  private withParens<T>(parens: number, parse: () => T): T {
    const saved = this.parens;
    this.parens = parens;
    try {
      return parse();
    } finally {
      this.parens = saved;
    }
  }

  private endOfDeclaration(): void {
    const token = this.raw();
    if (token.kind === 'newline') this.skipNewlines();
    else if (token.kind !== 'eof')
      throw new BicepSyntaxError(`expected the end of the line but found ${describe(token)}`, token.line);
  }

  // Declarations

  file(): Declaration[] {
    const out: Declaration[] = [];
    this.skipNewlines();
    while (this.peek().kind !== 'eof') {
      out.push(this.declaration());
      this.endOfDeclaration();
    }
    return out;
  }

  private decorators(): Decorator[] {
    const out: Decorator[] = [];
    while (this.isPunct('@')) {
      const at = this.next();
      let name = this.identifier().name;
      if (this.isPunct('.')) {
        this.next();
        name = this.identifier().name;
      }
      const args = this.isPunct('(') ? this.callArguments() : [];
      out.push({ name, args, line: at.line });
      this.skipNewlines();
    }
    return out;
  }

  private declaration(): Declaration {
    const decorators = this.decorators();
    const token = this.next();
    if (token.kind !== 'ident')
      throw new BicepSyntaxError(`expected a declaration but found ${describe(token)}`, token.line);
    const { line } = token;
    switch (token.value) {
      case 'param':
        return this.param(decorators, line);
      case 'var': {
        const { name } = this.identifier();
        this.expectPunct('=');
        return { kind: 'var', name, value: this.expression(), line };
      }
      case 'resource':
        return this.resource(decorators, line);
      case 'module': {
        const { name } = this.identifier();
        const path = this.plainString();
        this.expectPunct('=');
        return { kind: 'module', name, path, body: this.body(), line, decorators };
      }
      case 'output': {
        const { name } = this.identifier();
        const type = this.typeUntilEquals();
        this.expectPunct('=');
        return { kind: 'output', name, type, value: this.expression(), line };
      }
      case 'func':
        return this.func(line);
      case 'targetScope':
        this.expectPunct('=');
        return { kind: 'targetScope', value: this.expression(), line };
      case 'using': {
        const path = this.peek().kind === 'string' ? this.plainString() : this.identifier().name;
        this.skipRestOfLine();
        return { kind: 'using', path, line };
      }
      case 'import':
      case 'type':
      case 'metadata':
      case 'extension':
      case 'provider':
        this.skipRestOfDeclaration();
        return { kind: 'other', keyword: token.value, line };
      default:
        throw new BicepSyntaxError(`unknown declaration '${token.value}'`, line);
    }
  }

  private param(decorators: Decorator[], line: number): Declaration {
    const { name } = this.identifier();
    if (this.isPunct('=')) {
      this.next();
      return {
        kind: 'param',
        name,
        type: 'object',
        typed: false,
        value: this.expression(),
        decorators,
        line,
      };
    }
    const type = this.typeUntilEquals();
    if (!this.isPunct('=')) return { kind: 'param', name, type, typed: true, decorators, line };
    this.next();
    return { kind: 'param', name, type, typed: true, value: this.expression(), decorators, line };
  }

  private resource(decorators: Decorator[], line: number): ResourceDecl {
    const { name } = this.identifier();
    const type = this.plainString();
    const existing = this.isWord('existing');
    if (existing) this.next();
    this.expectPunct('=');
    return { kind: 'resource', name, type, existing, body: this.body(), line, decorators };
  }

  private func(line: number): Declaration {
    const { name } = this.identifier();
    this.expectPunct('(');
    const params: string[] = [];
    this.withParens(1, () => {
      while (!this.isPunct(')')) {
        params.push(this.identifier().name);
        this.typeUntil([',', ')']);
        if (this.isPunct(',')) this.next();
      }
      this.next();
    });
    this.typeUntil(['=>']);
    this.expectPunct('=>');
    return { kind: 'func', name, params, body: this.expression(), line };
  }

  /** A resource or module body: `{...}`, `if (c) {...}` or a `[for ...]` loop. */
  private body(): Expr {
    if (this.isWord('if')) return this.conditional();
    return this.expression();
  }

  private conditional(): Expr {
    const { line } = this.next();
    this.expectPunct('(');
    const condition = this.withParens(1, () => this.expression());
    this.expectPunct(')');
    return { kind: 'if', condition, body: this.primary(), line };
  }

  /** A string without interpolation (a resource type, a module path). */
  private plainString(): string {
    const token = this.next();
    if (token.kind !== 'string' || token.holes.length > 0)
      throw new BicepSyntaxError(`expected a string but found ${describe(token)}`, token.line);
    return token.parts.join('');
  }

  /** Reads a type up to `=` (or the end of the line), balancing brackets; returns its ARM type. */
  private typeUntilEquals(): ArmType {
    return this.typeUntil(['=']);
  }

  private typeUntil(stops: readonly string[]): ArmType {
    const first = this.peek();
    const tokens: BicepToken[] = [];
    let depth = 0;
    for (;;) {
      const token = depth > 0 ? this.peek() : this.raw();
      if (token.kind === 'eof') break;
      if (depth === 0 && token.kind === 'newline') break;
      if (depth === 0 && token.kind === 'punct' && stops.includes(token.value)) break;
      if (token.kind === 'punct' && ['{', '(', '['].includes(token.value)) depth++;
      if (token.kind === 'punct' && ['}', ')', ']'].includes(token.value)) depth--;
      if (depth < 0) break;
      tokens.push(token);
      this.pos++;
    }
    const isArray = tokens.some(
      (t, i) => t.kind === 'punct' && t.value === '[' && tokens[i + 1]?.kind === 'punct',
    );
    if (isArray) return 'array';
    if (first.kind === 'string') return 'string';
    if (first.kind === 'punct' && first.value === '{') return 'object';
    if (first.kind === 'number') return 'int';
    if (first.kind === 'ident' && first.value in TYPES) return TYPES[first.value] ?? 'object';
    if (first.kind === 'ident' && (first.value === 'true' || first.value === 'false')) return 'bool';
    // `resource 'x@v'` types and user-defined types: objects or strings; ARM does not check them here.
    return first.kind === 'ident' && first.value === 'resource' ? 'string' : 'object';
  }

  private skipRestOfLine(): void {
    while (this.raw().kind !== 'newline' && this.raw().kind !== 'eof') this.pos++;
  }

  /** Skips a declaration whose value may span lines inside brackets (`type x = { ... }`). */
  private skipRestOfDeclaration(): void {
    let depth = 0;
    for (;;) {
      const token = this.raw();
      if (token.kind === 'eof' || (depth === 0 && token.kind === 'newline')) return;
      if (token.kind === 'punct' && ['{', '(', '['].includes(token.value)) depth++;
      if (token.kind === 'punct' && ['}', ')', ']'].includes(token.value)) depth--;
      this.pos++;
    }
  }

  // Expressions

  expression(): Expr {
    const start = this.peek();
    return this.nest(start.line, () => {
      const lambda = this.lambda();
      if (lambda) return lambda;
      const condition = this.binary(0);
      if (!this.isPunct('?')) return condition;
      this.next();
      const then = this.expression();
      this.expectPunct(':');
      const otherwise = this.expression();
      return { kind: 'ternary', condition, then, otherwise, line: start.line };
    });
  }

  /** `x => body` or `(x, y) => body`; undefined (and nothing consumed) when not a lambda. */
  private lambda(): Expr | undefined {
    const start = this.pos;
    const token = this.peek();
    const params: string[] = [];
    if (token.kind === 'ident') {
      const after = this.tokens[this.pos + 1];
      if (after?.kind !== 'punct' || after.value !== '=>') return undefined;
      params.push(token.value);
      this.pos += 2;
    } else if (token.kind === 'punct' && token.value === '(') {
      let i = this.pos + 1;
      const names: string[] = [];
      for (;;) {
        const t = this.tokens[i];
        if (t?.kind === 'newline') i++;
        else if (t?.kind === 'ident') {
          names.push(t.value);
          i++;
          const sep = this.tokens[i];
          if (sep?.kind === 'punct' && sep.value === ',') i++;
        } else break;
      }
      const close = this.tokens[i];
      const arrow = this.tokens[i + 1];
      if (close?.kind !== 'punct' || close.value !== ')' || arrow?.kind !== 'punct' || arrow.value !== '=>')
        return undefined;
      params.push(...names);
      this.pos = i + 2;
    } else return undefined;
    if (params.length === 0 && this.pos === start) return undefined;
    return { kind: 'lambda', params, body: this.expression(), line: token.line };
  }

  private binary(level: number): Expr {
    const operators = PRECEDENCE[level];
    if (operators === undefined) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'punct' || !operators.includes(token.value as BinaryOperator)) return left;
      this.next();
      const right = this.binary(level + 1);
      left = { kind: 'binary', op: token.value as BinaryOperator, left, right, line: left.line };
    }
  }

  private unary(): Expr {
    const token = this.peek();
    if (token.kind === 'punct' && (token.value === '!' || token.value === '-')) {
      this.next();
      const operand = this.nest(token.line, () => this.unary());
      if (token.value === '-' && operand.kind === 'literal' && typeof operand.value === 'number')
        return { kind: 'literal', value: -operand.value, line: token.line };
      return { kind: 'unary', op: token.value, operand, line: token.line };
    }
    return this.postfix(this.primary());
  }

  private postfix(start: Expr): Expr {
    let expr = start;
    for (;;) {
      const token = this.raw();
      if (token.kind !== 'punct') return expr;
      if (token.value === '.' || token.value === '.?') {
        this.next();
        const name = this.identifier().name;
        if (token.value === '.' && this.isPunct('(') && expr.kind === 'ident') {
          // `sys.fn()` / `az.fn()` / `imported.fn()`: a namespaced call
          expr = { kind: 'call', namespace: expr.name, name, args: this.callArguments(), line: expr.line };
        } else expr = { kind: 'member', target: expr, name, safe: token.value === '.?', line: expr.line };
      } else if (token.value === '[') {
        this.next();
        const safe = this.isPunct('?');
        if (safe) this.next();
        const index = this.withParens(1, () => this.expression());
        this.expectPunct(']');
        expr = { kind: 'index', target: expr, index, safe, line: expr.line };
      } else if (token.value === '!') {
        // the non-null assertion: a compile-time claim, no value change
        const after = this.tokens[this.pos + 1];
        if (after?.kind === 'punct' && after.value === '=') return expr;
        this.next();
      } else return expr;
    }
  }

  private callArguments(): Expr[] {
    this.expectPunct('(');
    return this.withParens(1, () => {
      const args: Expr[] = [];
      while (!this.isPunct(')')) {
        args.push(this.expression());
        if (!this.isPunct(')')) this.expectPunct(',');
      }
      this.next();
      return args;
    });
  }

  private primary(): Expr {
    const token = this.peek();
    switch (token.kind) {
      case 'number':
        this.next();
        return { kind: 'literal', value: token.value, line: token.line };
      case 'string':
        this.next();
        return {
          kind: 'string',
          parts: token.parts,
          holes: token.holes.map((hole) => parseHole(hole, this.depth)),
          line: token.line,
        };
      case 'ident':
        return this.identifierExpression();
      case 'punct':
        if (token.value === '(') {
          this.next();
          const inner = this.withParens(1, () => this.expression());
          this.expectPunct(')');
          return inner;
        }
        if (token.value === '{') return this.nest(token.line, () => this.object());
        if (token.value === '[') return this.nest(token.line, () => this.array());
        break;
      case 'newline':
      case 'eof':
        break;
    }
    throw new BicepSyntaxError(`expected a value but found ${describe(token)}`, token.line);
  }

  private identifierExpression(): Expr {
    const token = this.next();
    if (token.kind !== 'ident') throw new BicepSyntaxError('expected a name', token.line);
    const { value, line } = token;
    if (value === 'true' || value === 'false') return { kind: 'literal', value: value === 'true', line };
    if (value === 'null') return { kind: 'literal', value: null, line };
    if (this.isPunct('(')) return { kind: 'call', name: value, args: this.callArguments(), line };
    return { kind: 'ident', name: value, line };
  }

  private object(): Expr {
    const open = this.expectPunct('{');
    return this.withParens(0, () => {
      const entries: ObjectEntry[] = [];
      this.skipNewlines();
      while (!this.isPunct('}')) {
        entries.push(this.objectEntry());
        if (this.isPunct(',')) this.next();
        else if (!this.isPunct('}')) {
          const token = this.raw();
          if (token.kind !== 'newline')
            throw new BicepSyntaxError(`expected a new line or '}' but found ${describe(token)}`, token.line);
        }
        this.skipNewlines();
      }
      this.next();
      return { kind: 'object', entries, line: open.line };
    });
  }

  private objectEntry(): ObjectEntry {
    const decorators = this.decorators();
    const token = this.next();
    const after = this.peek();
    if (
      token.kind === 'ident' &&
      token.value === 'resource' &&
      !(after.kind === 'punct' && after.value === ':')
    )
      return { kind: 'resource', decl: this.resource(decorators, token.line) };
    let key: string;
    if (token.kind === 'ident') key = token.value;
    else if (token.kind === 'string' && token.holes.length === 0) key = token.parts.join('');
    else throw new BicepSyntaxError(`expected a property name but found ${describe(token)}`, token.line);
    this.expectPunct(':');
    return { kind: 'property', key, line: token.line, value: this.expression() };
  }

  private array(): Expr {
    const open = this.expectPunct('[');
    return this.withParens(0, () => {
      this.skipNewlines();
      if (this.isWord('for')) return this.forLoop(open.line);
      const items: Expr[] = [];
      while (!this.isPunct(']')) {
        items.push(this.expression());
        if (this.isPunct(',')) this.next();
        this.skipNewlines();
      }
      this.next();
      return { kind: 'array', items, line: open.line };
    });
  }

  /** `[for x in xs: body]`, `[for (x, i) in xs: body]`, `[for i in range(0, n): body]`; body may be `if (c) {...}`. */
  private forLoop(line: number): Expr {
    this.next();
    let item: string | undefined;
    let index: string | undefined;
    if (this.isPunct('(')) {
      this.next();
      item = this.identifier().name;
      if (this.isPunct(',')) {
        this.next();
        index = this.identifier().name;
      }
      this.expectPunct(')');
    } else item = this.identifier().name;
    if (!this.isWord('in')) throw new BicepSyntaxError("expected 'in' in a for loop", this.peek().line);
    this.next();
    const source = this.withParens(1, () => this.expression());
    this.expectPunct(':');
    const body = this.withParens(1, () => this.body());
    this.skipNewlines();
    this.expectPunct(']');
    return { kind: 'for', item, ...(index === undefined ? {} : { index }), source, body, line };
  }
}

function describe(token: BicepToken): string {
  switch (token.kind) {
    case 'ident':
      return `'${token.value}'`;
    case 'punct':
      return `'${token.value}'`;
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'newline':
      return 'the end of the line';
    case 'eof':
      return 'the end of the file';
  }
}

function parseHole(tokens: readonly BicepToken[], depth: number): Expr {
  const parser = new Parser(tokens, depth, 1);
  const expr = parser.expression();
  parser.expectEnd();
  return expr;
}

export type ParsedBicep =
  | { readonly ok: true; readonly declarations: readonly Declaration[] }
  | { readonly ok: false; readonly message: string; readonly line: number };

/** Parses a Bicep or `.bicepparam` file; a syntax error is returned with its line, never thrown. */
export function parseBicep(text: string): ParsedBicep {
  try {
    return { ok: true, declarations: new Parser(tokenizeBicep(text)).file() };
  } catch (error) {
    if (error instanceof BicepSyntaxError) return { ok: false, message: error.message, line: error.line };
    if (error instanceof RangeError) return { ok: false, message: 'nesting too deep', line: 1 };
    throw error;
  }
}
