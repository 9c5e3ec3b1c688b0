/** @module The shape of an ARM function and the helpers that evaluate, count and type its arguments. */
import type { ArmExpr } from './arm-expression-parser.js';
import type { Evaluation, Failure } from './arm-value.js';
import { findUnknown, invalid, undecidable, UnknownPart } from './arm-value.js';

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

/**
 * How a function takes arguments with unknown parts: `none` (the default) is undecidable on any; `nested`
 * passes values whose unknown parts are inside (`union`, `concat`), `leaves` also whole unknown arguments,
 * which it keeps as items (`createArray`, `createObject` values).
 */
export type UnknownArguments = 'none' | 'nested' | 'leaves';

function evaluatePartial(args: readonly ArmExpr[], evaluate: Evaluate, unknowns: UnknownArguments): Values {
  const values: unknown[] = [];
  for (const arg of args) {
    const result = evaluate(arg);
    if (result.ok) values.push(result.value);
    else if (result.undecidable && unknowns === 'leaves') values.push(new UnknownPart(result.reason));
    else return result;
  }
  return { ok: true, values };
}

/** Wraps a function of already-evaluated arguments, checking their count and their unknown parts. */
export function strict(
  name: string,
  min: number,
  max: number,
  body: (values: readonly unknown[]) => Evaluation,
  unknowns: UnknownArguments = 'none',
): ArmFunction {
  return (args, evaluate) => {
    if (args.length < min || args.length > max) return arityFailure(name, min, max);
    const all = evaluatePartial(args, evaluate, unknowns);
    if (!all.ok) return all;
    for (const value of all.values) {
      const unknown =
        unknowns === 'none' ? findUnknown(value) : value instanceof UnknownPart ? value : undefined;
      if (unknown && !(unknowns === 'leaves')) return undecidable(unknown.reason);
    }
    return body(all.values);
  };
}

/** An integer as ARM's functions take one (ARM integers are 64-bit; beyond 2^53 JavaScript cannot be exact). */
export const isInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);

/** A function registered under its lower-case name: ARM function names are case-insensitive. */
export type Entry = readonly [string, ArmFunction];
