/** @module The shape of an ARM function and the helper that evaluates and counts its arguments. */
import type { ArmExpr } from './arm-expression-parser.js';
import type { Evaluation, Failure } from './arm-value.js';
import { invalid } from './arm-value.js';

/** Evaluates one argument; functions that are lazy in ARM (`if`, `coalesce`) call it only when needed. */
export type Evaluate = (expr: ArmExpr) => Evaluation;
export type ArmFunction = (args: readonly ArmExpr[], evaluate: Evaluate) => Evaluation;

/** Evaluates every argument, failing on the first that fails. */
export function evaluateAll(
  args: readonly ArmExpr[],
  evaluate: Evaluate,
): { readonly ok: true; readonly values: unknown[] } | Failure {
  const values: unknown[] = [];
  for (const arg of args) {
    const result = evaluate(arg);
    if (!result.ok) return result;
    values.push(result.value);
  }
  return { ok: true, values };
}

/** Wraps a function of already-evaluated arguments, checking their count. */
export function strict(
  name: string,
  min: number,
  max: number,
  body: (values: readonly unknown[]) => Evaluation,
): ArmFunction {
  return (args, evaluate) => {
    if (args.length < min || args.length > max) {
      return invalid(
        `${name}() takes ${min === max ? min : `${min} to ${max === Infinity ? 'any' : max}`} arguments`,
      );
    }
    const all = evaluateAll(args, evaluate);
    return all.ok ? body(all.values) : all;
  };
}
