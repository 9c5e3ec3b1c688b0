/**
 * @module Bicep expressions into ARM template expressions, as `bicep build` writes them: operators become
 * functions (`==` → `equals`), interpolation `format`, `.?` `tryGet`, lambdas `lambda`/`lambdaVariables`,
 * and symbols `parameters()`, `variables()`, `resourceId()`, `reference()`. The ARM evaluator then decides them.
 */
import type { BinaryOperator, Expr, ObjectEntry } from './bicep-syntax.js';

/** What a name stands for in a Bicep file. */
export type BicepSymbol =
  | { readonly kind: 'param' }
  | { readonly kind: 'var' }
  | { readonly kind: 'func' }
  | {
      readonly kind: 'resource';
      /** The full type, `Microsoft.ContainerService/managedClusters/agentPools`. */
      readonly type: string;
      readonly apiVersion: string;
      /** The ARM expression of each name segment (`parameters('name')`, `'system'`). */
      readonly segments: readonly string[];
      /** Declared with a loop: a reference to it needs an index. */
      readonly looped: boolean;
    }
  | { readonly kind: 'module'; readonly name: string }
  /** A loop variable, loop index or lambda parameter: its ARM expression. */
  | { readonly kind: 'local'; readonly arm: string };

export interface ExpressionContext {
  readonly symbols: ReadonlyMap<string, BicepSymbol>;
  /** Reports an expression aksward cannot translate; the value becomes undecidable. */
  readonly report: (message: string, line: number) => void;
  /** Unique lambda variable names for expression loops. */
  readonly counter: { next: number };
}

/** An ARM call that the evaluator does not know: the value it stands for is undecidable. */
export const UNRESOLVED = 'bicepValueNotTranslated()';

export const armString = (text: string): string => `'${text.replaceAll("'", "''")}'`;

const FUNCTIONS: Readonly<Record<BinaryOperator, string>> = {
  '??': 'coalesce',
  '||': 'or',
  '&&': 'and',
  '==': 'equals',
  '!=': 'equals',
  '=~': 'equals',
  '!~': 'equals',
  '<': 'less',
  '<=': 'lessOrEquals',
  '>': 'greater',
  '>=': 'greaterOrEquals',
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '%': 'mod',
};

/** Bicep functions that read files or the environment when compiling: their values are not decided here. */
const COMPILE_TIME_FUNCTIONS = new Set([
  'loadtextcontent',
  'loadjsoncontent',
  'loadyamlcontent',
  'loadfileasbase64',
  'readenvironmentvariable',
  'getsecret',
]);

const isArmIdentifier = (name: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);

function member(target: string, name: string): string {
  return isArmIdentifier(name) ? `${target}.${name}` : `${target}[${armString(name)}]`;
}

/** `x && y && z` as one `and(x, y, z)`: fewer nested calls for the ARM parser's nesting bound. */
function flatten(expr: Expr, op: '&&' | '||' | '??'): Expr[] {
  if (expr.kind === 'binary' && expr.op === op)
    return [...flatten(expr.left, op), ...flatten(expr.right, op)];
  return [expr];
}

function binary(expr: Expr & { kind: 'binary' }, cx: ExpressionContext): string {
  const { op } = expr;
  if (op === '&&' || op === '||' || op === '??')
    return `${FUNCTIONS[op]}(${flatten(expr, op)
      .map((e) => toArm(e, cx))
      .join(', ')})`;
  let left = toArm(expr.left, cx);
  let right = toArm(expr.right, cx);
  if (op === '=~' || op === '!~') {
    left = `toLower(${left})`;
    right = `toLower(${right})`;
  }
  const call = `${FUNCTIONS[op]}(${left}, ${right})`;
  return op === '!=' || op === '!~' ? `not(${call})` : call;
}

function interpolation(expr: Expr & { kind: 'string' }, cx: ExpressionContext): string {
  if (expr.holes.length === 0) return armString(expr.parts.join(''));
  const format = expr.parts
    .map(
      (part, i) => part.replaceAll('{', '{{').replaceAll('}', '}}') + (i < expr.holes.length ? `{${i}}` : ''),
    )
    .join('');
  return `format(${[armString(format), ...expr.holes.map((hole) => toArm(hole, cx))].join(', ')})`;
}

function objectExpression(entries: readonly ObjectEntry[], cx: ExpressionContext, line: number): string {
  const args: string[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'property') {
      cx.report('a resource declared inside an expression is not read', line);
      continue;
    }
    args.push(armString(entry.key), toArm(entry.value, cx));
  }
  return `createObject(${args.join(', ')})`;
}

function resourceReference(
  symbol: BicepSymbol & { kind: 'resource' },
  name: string,
  property: string | undefined,
): string {
  const id = `resourceId(${[armString(symbol.type), ...symbol.segments].join(', ')})`;
  if (property === 'id') return id;
  if (property === 'name') return symbol.segments.at(-1) ?? armString(name);
  if (property === 'type') return armString(symbol.type);
  if (property === 'apiVersion') return armString(symbol.apiVersion);
  const full = `reference(${id}, ${armString(symbol.apiVersion)}, 'full')`;
  return property === undefined ? full : member(full, property);
}

/** `sym.prop`, where `sym` is a resource or a module: what `bicep build` writes for it. */
function symbolMember(expr: Expr & { kind: 'member' }, cx: ExpressionContext): string | undefined {
  if (expr.target.kind !== 'ident' || expr.safe) return undefined;
  const symbol = cx.symbols.get(expr.target.name);
  if (symbol?.kind === 'resource' && !symbol.looped)
    return resourceReference(symbol, expr.target.name, expr.name);
  if (symbol?.kind === 'module') {
    if (expr.name === 'name') return symbol.name;
    return member(`reference(${armString(expr.target.name)})`, expr.name);
  }
  return undefined;
}

/** `[for (x, i) in xs: body]` as an expression: `map(range(0, length(xs)), lambda('i', body))`. */
function loopExpression(expr: Expr & { kind: 'for' }, cx: ExpressionContext): string {
  if (expr.body.kind === 'if') {
    cx.report('a filtered loop (`if` in a for loop) is only allowed for resources and modules', expr.line);
    return UNRESOLVED;
  }
  const variable = `__loop${cx.counter.next++}`;
  const source = toArm(expr.source, cx);
  const position = `lambdaVariables(${armString(variable)})`;
  const symbols = new Map(cx.symbols);
  if (expr.item !== undefined) symbols.set(expr.item, { kind: 'local', arm: `${source}[${position}]` });
  if (expr.index !== undefined) symbols.set(expr.index, { kind: 'local', arm: position });
  const body = toArm(expr.body, { ...cx, symbols });
  return `map(range(0, length(${source})), lambda(${armString(variable)}, ${body}))`;
}

function call(expr: Expr & { kind: 'call' }, cx: ExpressionContext): string {
  const args = expr.args.map((arg) => toArm(arg, cx));
  const namespace = expr.namespace;
  const lower = expr.name.toLowerCase();
  if (namespace === undefined && cx.symbols.get(expr.name)?.kind === 'func')
    return `__bicep.${expr.name}(${args.join(', ')})`;
  if (namespace !== undefined && namespace !== 'sys' && namespace !== 'az') {
    cx.report(`${namespace}.${expr.name}() is an imported function; not evaluated`, expr.line);
    return UNRESOLVED;
  }
  if (lower === 'any' && args.length === 1) return args[0] ?? UNRESOLVED;
  if (COMPILE_TIME_FUNCTIONS.has(lower)) {
    cx.report(`${expr.name}() is not evaluated by aksward; the value is unknown`, expr.line);
    return UNRESOLVED;
  }
  return `${expr.name}(${args.join(', ')})`;
}

function identifier(expr: Expr & { kind: 'ident' }, cx: ExpressionContext): string {
  const symbol = cx.symbols.get(expr.name);
  if (symbol === undefined) {
    cx.report(`'${expr.name}' is not declared`, expr.line);
    return UNRESOLVED;
  }
  switch (symbol.kind) {
    case 'local':
      return symbol.arm;
    case 'param':
      return `parameters(${armString(expr.name)})`;
    case 'var':
      return `variables(${armString(expr.name)})`;
    case 'resource':
      return symbol.looped
        ? `reference(${armString(expr.name)})`
        : resourceReference(symbol, expr.name, undefined);
    case 'module':
      return `reference(${armString(expr.name)})`;
    case 'func':
      cx.report(`the function '${expr.name}' is used as a value`, expr.line);
      return UNRESOLVED;
  }
}

/** The ARM expression (without brackets) for a Bicep expression. */
export function toArm(expr: Expr, cx: ExpressionContext): string {
  switch (expr.kind) {
    case 'literal':
      if (expr.value === null) return 'null()';
      if (typeof expr.value === 'boolean') return expr.value ? 'true()' : 'false()';
      return String(expr.value);
    case 'string':
      return interpolation(expr, cx);
    case 'ident':
      return identifier(expr, cx);
    case 'object':
      return objectExpression(expr.entries, cx, expr.line);
    case 'array':
      return `createArray(${expr.items.map((item) => toArm(item, cx)).join(', ')})`;
    case 'for':
      return loopExpression(expr, cx);
    case 'if':
      cx.report('`if` is only allowed as a resource or module body', expr.line);
      return UNRESOLVED;
    case 'call':
      return call(expr, cx);
    case 'member':
      return (
        symbolMember(expr, cx) ??
        (expr.safe
          ? `tryGet(${toArm(expr.target, cx)}, ${armString(expr.name)})`
          : member(toArm(expr.target, cx), expr.name))
      );
    case 'index': {
      const target = toArm(expr.target, cx);
      const index = toArm(expr.index, cx);
      return expr.safe ? `tryGet(${target}, ${index})` : `${target}[${index}]`;
    }
    case 'unary':
      return expr.op === '!' ? `not(${toArm(expr.operand, cx)})` : `sub(0, ${toArm(expr.operand, cx)})`;
    case 'binary':
      return binary(expr, cx);
    case 'ternary':
      return `if(${toArm(expr.condition, cx)}, ${toArm(expr.then, cx)}, ${toArm(expr.otherwise, cx)})`;
    case 'lambda': {
      const symbols = new Map(cx.symbols);
      for (const param of expr.params)
        symbols.set(param, { kind: 'local', arm: `lambdaVariables(${armString(param)})` });
      const body = toArm(expr.body, { ...cx, symbols });
      return `lambda(${[...expr.params.map(armString), body].join(', ')})`;
    }
  }
}
