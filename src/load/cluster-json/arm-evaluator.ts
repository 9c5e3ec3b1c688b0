/** @module Evaluates ARM template expressions (`"[...]"` strings) and the values that contain them, offline and exactly. */
import type { ArmExpr } from './arm-expression-parser.js';
import { parseArmExpression } from './arm-expression-parser.js';
import { ARM_FUNCTIONS } from './arm-functions.js';
import { DEPLOYMENT_FUNCTIONS } from './arm-resource-functions.js';
import type { Evaluation } from './arm-value.js';
import { checkSize, decided, findKey, invalid, isPlainObject, typeName, undecidable } from './arm-value.js';

/** Where `parameters()` and `variables()` get their values: one template, or a nested deployment's inner scope. */
export interface ArmScope {
  parameter(name: string, symbolic: boolean): Evaluation;
  variable(name: string, symbolic: boolean): Evaluation;
}

/**
 * `symbolic` evaluation replaces each undecidable sub-expression by its own text (`[parameters('name')]`),
 * so resource names can still be compared and shown; it is never used for a setting's value.
 */
interface Context {
  readonly source: string;
  readonly scope: ArmScope;
  readonly symbolic: boolean;
}

/** Deeper than any real template value; bounds the recursion of `resolveValue` on hostile input. */
const MAX_VALUE_DEPTH = 256;

/** A computed key is named in a message only when it looks like a property name: other text could be a value. */
const describeKey = (key: string): string =>
  /^[A-Za-z_$][\w$-]{0,63}$/.test(key) ? `property '${key}'` : 'the property named by a computed key';

function access(target: unknown, key: unknown): Evaluation {
  if (isPlainObject(target) && typeof key === 'string') {
    const own = findKey(target, key);
    return own === undefined ? invalid(`${describeKey(key)} does not exist`) : decided(target[own]);
  }
  if (Array.isArray(target) && typeof key === 'number') {
    return key >= 0 && key < target.length ? decided(target[key]) : invalid(`index ${key} is out of range`);
  }
  return invalid(`cannot read ${typeName(key)} property of ${typeName(target)}`);
}

function lookupName(expr: ArmExpr & { kind: 'call' }, cx: Context, symbolic: boolean): Evaluation {
  const [arg] = expr.args;
  if (expr.args.length !== 1 || arg?.kind !== 'literal' || typeof arg.value !== 'string') {
    // A computed name (`parameters(concat('a', 'b'))`) is legal ARM, and rare enough to leave undecided.
    return undecidable(`${expr.name}() with a computed name`);
  }
  return expr.name.toLowerCase() === 'parameters'
    ? cx.scope.parameter(arg.value, symbolic)
    : cx.scope.variable(arg.value, symbolic);
}

function callExact(expr: ArmExpr & { kind: 'call' }, cx: Context): Evaluation {
  const name = expr.name.toLowerCase();
  if (name === 'parameters' || name === 'variables') return lookupName(expr, cx, false);
  const fn = ARM_FUNCTIONS.get(name);
  if (fn) return fn(expr.args, (arg) => evaluateExact(arg, cx));
  if (DEPLOYMENT_FUNCTIONS.has(name) || name.startsWith('list')) {
    return undecidable(`${expr.name}() depends on the deployment and cannot be evaluated offline`);
  }
  return undecidable(`${expr.name}() is not supported by aksward's ARM evaluator`);
}

function evaluateExact(expr: ArmExpr, cx: Context): Evaluation {
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
  if (expr.kind === 'call') {
    const name = expr.name.toLowerCase();
    const fn = ARM_FUNCTIONS.get(name);
    const retry =
      name === 'parameters' || name === 'variables'
        ? lookupName(expr, cx, true)
        : fn?.(expr.args, (arg) => evaluateSymbolic(arg, cx));
    if (retry?.ok) return retry;
  }
  return decided(`[${cx.source.slice(expr.start, expr.end)}]`);
}

/** Evaluates the text between an expression's outer brackets. */
export function evaluateExpression(source: string, scope: ArmScope, symbolic = false): Evaluation {
  const parsed = parseArmExpression(source);
  if (!parsed.ok) return invalid(parsed.reason);
  const cx: Context = { source, scope, symbolic };
  const result = symbolic ? evaluateSymbolic(parsed.expr, cx) : evaluateExact(parsed.expr, cx);
  return result.ok ? checkSize(result.value) : result;
}

/** True for `"[...]"`, which ARM evaluates; `"[[..."` is an escaped literal. */
export function isExpressionString(text: string): boolean {
  return text.startsWith('[') && !text.startsWith('[[') && text.endsWith(']');
}

/** A template string as ARM reads it: an expression, an escaped literal (`[[` → `[`), or plain text. */
export function resolveString(text: string, scope: ArmScope, symbolic = false): Evaluation {
  if (text.startsWith('[[')) return decided(text.slice(1));
  if (isExpressionString(text)) return evaluateExpression(text.slice(1, -1), scope, symbolic);
  return decided(text);
}

function resolveObject(
  value: Readonly<Record<string, unknown>>,
  scope: ArmScope,
  symbolic: boolean,
  depth: number,
): Evaluation {
  const copy = findKey(value, 'copy');
  if (copy !== undefined && Array.isArray(value[copy])) {
    const names = (value[copy] as unknown[]).map((loop) => (isPlainObject(loop) ? String(loop.name) : '?'));
    return undecidable(`${names.join(', ')} built by a property copy loop`);
  }
  const entries: [string, unknown][] = [];
  for (const [rawKey, raw] of Object.entries(value)) {
    const key = resolveString(rawKey, scope, symbolic);
    if (!key.ok) return key;
    if (typeof key.value !== 'string') return invalid(`a property name evaluates to ${typeName(key.value)}`);
    const resolved = resolveValue(raw, scope, symbolic, depth + 1);
    if (!resolved.ok) return resolved;
    entries.push([key.value, resolved.value]);
  }
  return decided(Object.fromEntries(entries));
}

/** Resolves every expression inside a JSON value (object keys included), depth first. */
export function resolveValue(value: unknown, scope: ArmScope, symbolic = false, depth = 0): Evaluation {
  if (depth > MAX_VALUE_DEPTH) return invalid('value nested too deeply');
  if (typeof value === 'string') return resolveString(value, scope, symbolic);
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const resolved = resolveValue(item, scope, symbolic, depth + 1);
      if (!resolved.ok) return resolved;
      items.push(resolved.value);
    }
    return decided(items);
  }
  if (isPlainObject(value)) return resolveObject(value, scope, symbolic, depth);
  return decided(value);
}
