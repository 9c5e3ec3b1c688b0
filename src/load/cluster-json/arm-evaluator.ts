/** @module Evaluates ARM template expressions (`"[...]"` strings) and the values that contain them, offline and exactly. */
import type { ArmExpr } from './arm-expression-parser.js';
import { parseArmExpression } from './arm-expression-parser.js';
import type { ArmFunction, Evaluate } from './arm-function-kit.js';
import { evaluateAll } from './arm-function-kit.js';
import { ARM_FUNCTIONS } from './arm-functions.js';
import { DEPLOYMENT_FUNCTIONS } from './arm-resource-functions.js';
import type { Evaluation } from './arm-value.js';
import {
  checkSize,
  decided,
  findKey,
  invalid,
  isPlainObject,
  typeName,
  undecidable,
  UnknownPart,
} from './arm-value.js';

/** A user-defined function (`functions` section): its parameter names in order, and its `output.value`. */
export interface UserFunction {
  readonly name: string;
  readonly parameters: readonly string[];
  readonly output: unknown;
}

/** Where `parameters()`, `variables()` and user-defined functions come from: one template, or a nested deployment's inner scope. */
export interface ArmScope {
  parameter(name: string, symbolic: boolean): Evaluation;
  variable(name: string, symbolic: boolean): Evaluation;
  /** `namespace.member`, matched case-insensitively. */
  userFunction?(name: string): UserFunction | undefined;
}

/** Shared by every evaluation step of one expression: bounds the total work, whatever lambdas and functions multiply. */
interface Budget {
  steps: number;
}

/**
 * `symbolic` evaluation replaces each undecidable sub-expression by its own text (`[parameters('name')]`),
 * so resource names can still be compared and shown; it is never used for a setting's value.
 */
interface Context {
  readonly source: string;
  readonly scope: ArmScope;
  readonly symbolic: boolean;
  /** Lambda variables in scope, by lower-case name. */
  readonly locals: ReadonlyMap<string, unknown>;
  readonly budget: Budget;
  /** How many user-defined function calls enclose this one. */
  readonly calls: number;
}

/** Deeper than any real template value; bounds the recursion of `resolveValue` on hostile input. */
const MAX_VALUE_DEPTH = 256;
/** Evaluation steps for one expression: far above a real template's, far below a hang. */
const MAX_STEPS = 1_000_000;
/** User-defined functions calling each other deeper than this are refused (ARM forbids recursion). */
const MAX_CALL_DEPTH = 32;
const NO_LOCALS: ReadonlyMap<string, unknown> = new Map();

/**
 * The functions retried with symbolic arguments: they carry an undecided part through as text (a name built
 * with `concat`, `format`, `resourceId`...). Hashing, measuring or slicing that text would invent a value.
 */
const SYMBOLIC_RETRY: ReadonlySet<string> = new Set([
  ...['and', 'bool', 'coalesce', 'concat', 'contains', 'createarray', 'createobject', 'empty', 'equals'],
  ...['false', 'first', 'format', 'if', 'int', 'last', 'length', 'not', 'null', 'or', 'split', 'string'],
  ...['tolower', 'toupper', 'true', 'tryget', 'union', 'resourceid', 'subscriptionresourceid'],
  ...['extensionresourceid', 'tenantresourceid', 'managementgroupresourceid'],
]);

/** A computed key is named in a message only when it looks like a property name: other text could be a value. */
const describeKey = (key: string): string =>
  /^[A-Za-z_$][\w$-]{0,63}$/.test(key) ? `property '${key}'` : 'the property named by a computed key';

function access(target: unknown, key: unknown): Evaluation {
  if (target instanceof UnknownPart) return undecidable(target.reason);
  if (key instanceof UnknownPart) return undecidable(key.reason);
  if (isPlainObject(target) && typeof key === 'string') {
    const own = findKey(target, key);
    return own === undefined ? invalid(`${describeKey(key)} does not exist`) : decided(target[own]);
  }
  if (Array.isArray(target) && typeof key === 'number') {
    return Number.isInteger(key) && key >= 0 && key < target.length
      ? decided(target[key])
      : invalid(`index ${key} is out of range`);
  }
  return invalid(`cannot read ${typeName(key)} property of ${typeName(target)}`);
}

/** The single string-literal argument of `parameters('x')`, `variables('x')`, `lambdaVariables('x')`. */
function literalName(expr: ArmExpr & { kind: 'call' }): string | undefined {
  const [arg] = expr.args;
  return expr.args.length === 1 && arg?.kind === 'literal' && typeof arg.value === 'string'
    ? arg.value
    : undefined;
}

function lookupName(expr: ArmExpr & { kind: 'call' }, cx: Context, symbolic: boolean): Evaluation {
  const name = literalName(expr);
  // A computed name (`parameters(concat('a', 'b'))`) is legal ARM, and rare enough to leave undecided.
  if (name === undefined) return undecidable(`${expr.name}() with a computed name`);
  return expr.name.toLowerCase() === 'parameters'
    ? cx.scope.parameter(name, symbolic)
    : cx.scope.variable(name, symbolic);
}

function lambdaVariable(expr: ArmExpr & { kind: 'call' }, cx: Context): Evaluation {
  const name = literalName(expr);
  if (name === undefined) return invalid('lambdaVariables() takes one string literal');
  const key = name.toLowerCase();
  return cx.locals.has(key)
    ? decided(cx.locals.get(key))
    : invalid(`lambda variable ${describeKey(name)} is not in scope`);
}

type Evaluator = (expr: ArmExpr, cx: Context) => Evaluation;

/** Runs a built-in function with evaluators that keep this context's mode, budget and lambda variables. */
function callBuiltIn(
  fn: ArmFunction,
  expr: ArmExpr & { kind: 'call' },
  cx: Context,
  run: Evaluator,
): Evaluation {
  const evaluate: Evaluate = (arg) => run(arg, cx);
  const bind = (locals: ReadonlyMap<string, unknown>): Evaluate => {
    const inner: Context = { ...cx, locals: new Map([...cx.locals, ...locals]) };
    return (arg) => run(arg, inner);
  };
  return fn(expr.args, evaluate, { bind });
}

/**
 * A user-defined function: its arguments are evaluated here, its output in a scope that sees only its
 * own parameters (ARM forbids variables, `reference()` and recursion inside one).
 */
function callUserFunction(expr: ArmExpr & { kind: 'call' }, cx: Context, run: Evaluator): Evaluation {
  const fn = cx.scope.userFunction?.(expr.name);
  if (!fn) return invalid(`user-defined function ${expr.name} is not declared`);
  if (expr.args.length !== fn.parameters.length) {
    return invalid(`${fn.name}() takes ${fn.parameters.length} arguments`);
  }
  if (cx.calls >= MAX_CALL_DEPTH) return invalid('user-defined functions nest too deeply');
  const values = evaluateAll(expr.args, (arg) => run(arg, cx));
  if (!values.ok) return values;
  const given = new Map(fn.parameters.map((name, i) => [name.toLowerCase(), values.values[i]]));
  const outer = cx.scope;
  const scope: ArmScope = {
    parameter: (name) =>
      given.has(name.toLowerCase())
        ? decided(given.get(name.toLowerCase()))
        : invalid(`${fn.name}() has no parameter ${describeKey(name)}`),
    variable: () => invalid(`${fn.name}() reads a variable; user-defined functions cannot`),
    userFunction: (name) => outer.userFunction?.(name),
  };
  return resolveIn(fn.output, { ...cx, scope, locals: NO_LOCALS, calls: cx.calls + 1 }, 0);
}

function callExact(expr: ArmExpr & { kind: 'call' }, cx: Context): Evaluation {
  const name = expr.name.toLowerCase();
  if (name === 'parameters' || name === 'variables') return lookupName(expr, cx, false);
  if (name === 'lambdavariables') return lambdaVariable(expr, cx);
  if (name === 'lambda')
    return invalid(
      'lambda() can only be an argument of filter, map, reduce, sort, toObject, groupBy or mapValues',
    );
  if (name.includes('.')) return callUserFunction(expr, cx, evaluateExact);
  const fn = ARM_FUNCTIONS.get(name);
  if (fn) return callBuiltIn(fn, expr, cx, evaluateExact);
  if (DEPLOYMENT_FUNCTIONS.has(name) || name.startsWith('list')) {
    return undecidable(`${expr.name}() depends on the deployment and cannot be evaluated offline`);
  }
  return undecidable(`${expr.name}() is not supported by aksward's ARM evaluator`);
}

function evaluateExact(expr: ArmExpr, cx: Context): Evaluation {
  if (++cx.budget.steps > MAX_STEPS) return invalid('the expression takes too many evaluation steps');
  switch (expr.kind) {
    case 'literal':
      return decided(expr.value);
    case 'call':
      return callExact(expr, cx);
    case 'member': {
      const target = evaluateExact(expr.target, cx);
      if (!target.ok) return target;
      const key = evaluateExact(expr.key, cx);
      return key.ok ? access(target.value, key.value) : key;
    }
  }
}

/** Exact when possible; otherwise retries calls with symbolic arguments, and at worst stands for itself. */
function evaluateSymbolic(expr: ArmExpr, cx: Context): Evaluation {
  const exact = evaluateExact(expr, cx);
  if (exact.ok || !exact.undecidable) return exact;
  if (expr.kind === 'call' && cx.budget.steps <= MAX_STEPS) {
    const name = expr.name.toLowerCase();
    const fn = SYMBOLIC_RETRY.has(name) ? ARM_FUNCTIONS.get(name) : undefined;
    const retry =
      name === 'parameters' || name === 'variables'
        ? lookupName(expr, cx, true)
        : fn
          ? callBuiltIn(fn, expr, cx, evaluateSymbolic)
          : undefined;
    if (retry?.ok) return retry;
  }
  return decided(`[${cx.source.slice(expr.start, expr.end)}]`);
}

/** Parses and evaluates `source` (an expression without its brackets) in `cx`'s scope, sharing its budget. */
function evaluateIn(source: string, cx: Context): Evaluation {
  const parsed = parseArmExpression(source);
  if (!parsed.ok) return invalid(parsed.reason);
  const inner: Context = { ...cx, source };
  const result = cx.symbolic ? evaluateSymbolic(parsed.expr, inner) : evaluateExact(parsed.expr, inner);
  return result.ok ? checkSize(result.value) : result;
}

/** A value that is unknown as a whole is undecidable; unknown parts inside a decided value stay for its reader. */
const settleTop = (result: Evaluation): Evaluation =>
  result.ok && result.value instanceof UnknownPart ? undecidable(result.value.reason) : result;

/** True for `"[...]"`, which ARM evaluates; `"[[..."` is an escaped literal. */
export function isExpressionString(text: string): boolean {
  return text.startsWith('[') && !text.startsWith('[[') && text.endsWith(']');
}

function resolveStringIn(text: string, cx: Context): Evaluation {
  if (text.startsWith('[[')) return decided(text.slice(1));
  if (isExpressionString(text)) return evaluateIn(text.slice(1, -1), cx);
  return decided(text);
}

/** A template string as ARM reads it: an expression, an escaped literal (`[[` → `[`), or plain text. */
export function resolveString(text: string, scope: ArmScope, symbolic = false): Evaluation {
  return resolveValue(text, scope, symbolic);
}

function resolveObject(value: Readonly<Record<string, unknown>>, cx: Context, depth: number): Evaluation {
  const copy = findKey(value, 'copy');
  if (copy !== undefined && Array.isArray(value[copy])) {
    const names = (value[copy] as unknown[]).map((loop) => (isPlainObject(loop) ? String(loop.name) : '?'));
    return undecidable(`${names.join(', ')} built by a property copy loop`);
  }
  const entries: [string, unknown][] = [];
  for (const [rawKey, raw] of Object.entries(value)) {
    const key = resolveStringIn(rawKey, cx);
    if (!key.ok) return key;
    if (typeof key.value !== 'string') return invalid(`a property name evaluates to ${typeName(key.value)}`);
    const resolved = resolveIn(raw, cx, depth + 1);
    if (!resolved.ok && !resolved.undecidable) return resolved;
    entries.push([key.value, resolved.ok ? resolved.value : new UnknownPart(resolved.reason)]);
  }
  return decided(Object.fromEntries(entries));
}

function resolveIn(value: unknown, cx: Context, depth: number): Evaluation {
  if (depth > MAX_VALUE_DEPTH) return invalid('value nested too deeply');
  if (typeof value === 'string') return resolveStringIn(value, cx);
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const resolved = resolveIn(item, cx, depth + 1);
      if (!resolved.ok && !resolved.undecidable) return resolved;
      items.push(resolved.ok ? resolved.value : new UnknownPart(resolved.reason));
    }
    return decided(items);
  }
  if (isPlainObject(value)) return resolveObject(value, cx, depth);
  return decided(value);
}

/** Resolves every expression inside a JSON value (object keys included), depth first. */
export function resolveValue(value: unknown, scope: ArmScope, symbolic = false, depth = 0): Evaluation {
  const cx: Context = { source: '', scope, symbolic, locals: NO_LOCALS, budget: { steps: 0 }, calls: 0 };
  return settleTop(resolveIn(value, cx, depth));
}
