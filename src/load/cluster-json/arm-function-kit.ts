/** @module The shape of an ARM function and the helpers that evaluate, count and type its arguments. */
import type { ArmExpr } from './arm-expression-parser.js';
import type { Evaluation, Failure } from './arm-value.js';
import { decided, invalid, typeName } from './arm-value.js';

/** Evaluates one argument; functions that are lazy in ARM (`if`, `coalesce`) call it only when needed. */
export type Evaluate = (expr: ArmExpr) => Evaluation;

/** What a function may ask of the evaluator beyond its arguments: lambda functions bind lambda variables. */
export interface CallSite {
  /** An evaluator that also sees `locals` (lower-case names) through `lambdaVariables()`. */
  bind(locals: ReadonlyMap<string, unknown>): Evaluate;
}

export type ArmFunction = (args: readonly ArmExpr[], evaluate: Evaluate, site: CallSite) => Evaluation;

type Values = { readonly ok: true; readonly values: unknown[] } | Failure;

/** Evaluates every argument, failing on the first that fails. */
export function evaluateAll(args: readonly ArmExpr[], evaluate: Evaluate): Values {
  const values: unknown[] = [];
  for (const arg of args) {
    const result = evaluate(arg);
    if (!result.ok) return result;
    values.push(result.value);
  }
  return { ok: true, values };
}

/** The arity message ARM gives: `name() takes 2 arguments`, `takes 1 to 3`, `takes 1 to any`. */
export function arityFailure(name: string, min: number, max: number): Failure {
  const count = min === max ? String(min) : `${min} to ${max === Infinity ? 'any' : max}`;
  return invalid(`${name}() takes ${count} arguments`);
}

/** Wraps a function of already-evaluated arguments, checking their count. */
export function strict(
  name: string,
  min: number,
  max: number,
  body: (values: readonly unknown[]) => Evaluation,
): ArmFunction {
  return (args, evaluate) => {
    if (args.length < min || args.length > max) return arityFailure(name, min, max);
    const all = evaluateAll(args, evaluate);
    return all.ok ? body(all.values) : all;
  };
}

/** An integer as ARM's functions take one (ARM integers are 64-bit; beyond 2^53 JavaScript cannot be exact). */
export const isInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);

export const expectString = (name: string, value: unknown, what = 'argument'): Evaluation =>
  typeof value === 'string'
    ? decided(value)
    : invalid(`${name}() ${what} must be a string, not ${typeName(value)}`);

export const expectInteger = (name: string, value: unknown, what = 'argument'): Evaluation =>
  isInteger(value) ? decided(value) : invalid(`${name}() ${what} must be an integer, not ${typeName(value)}`);

/** A function registered under its lower-case name: ARM function names are case-insensitive. */
export type Entry = readonly [string, ArmFunction];
