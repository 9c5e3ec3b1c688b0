/** @module ARM logical and comparison functions: and, or, not, bool, if, coalesce, equals, greater, less... */
import type { ArmFunction, Entry } from './arm-function-kit.js';
import { isInteger, strict } from './arm-function-kit.js';
import { mentionsDeployment } from './arm-resource-functions.js';
import type { Evaluation } from './arm-value.js';
import { decided, invalid, sameValue, typeName, undecidable, UnknownPart } from './arm-value.js';

const asBool = (name: string, value: unknown): Evaluation => {
  if (typeof value === 'boolean') return decided(value);
  if (value instanceof UnknownPart) return undecidable(value.reason);
  return invalid(`${name}() expects booleans, got ${typeName(value)}`);
};

/** `and`/`or`: a known deciding argument settles the result even when another argument is undecided. */
function logical(name: string, decisive: boolean): ArmFunction {
  return (args, evaluate) => {
    if (args.length < 2) return invalid(`${name}() takes at least 2 arguments`);
    let pending: Evaluation | undefined;
    for (const arg of args) {
      const result = evaluate(arg);
      const bool = result.ok ? asBool(name, result.value) : result;
      if (bool.ok && bool.value === decisive) return bool;
      if (!bool.ok) pending ??= bool;
    }
    return pending ?? decided(!decisive);
  };
}

/** `bool`: the string "true" in any case is true, any other string false; a non-zero integer is true. */
function toBool(value: unknown): Evaluation {
  if (typeof value === 'boolean') return decided(value);
  if (typeof value === 'string') return decided(value.toLowerCase() === 'true');
  if (typeof value === 'number') return decided(value !== 0);
  return invalid(`bool() cannot convert ${typeName(value)}`);
}

/** `if`: lazy, as in ARM; the branch not taken is never evaluated. */
const ifFunction: ArmFunction = (args, evaluate) => {
  const [condition, whenTrue, whenFalse] = args;
  if (args.length !== 3 || !condition || !whenTrue || !whenFalse) return invalid('if() takes 3 arguments');
  const decision = evaluate(condition);
  if (!decision.ok) return decision;
  if (decision.value instanceof UnknownPart) return undecidable(decision.value.reason);
  if (typeof decision.value !== 'boolean') return invalid(`if() condition is ${typeName(decision.value)}`);
  return evaluate(decision.value ? whenTrue : whenFalse);
};

/** `coalesce`: the first non-null argument; an undecided one before it leaves the result undecided. */
const coalesce: ArmFunction = (args, evaluate) => {
  if (args.length === 0) return invalid('coalesce() takes at least 1 argument');
  for (const arg of args) {
    const result = evaluate(arg);
    if (result.ok && result.value instanceof UnknownPart) return undecidable(result.value.reason);
    if (!result.ok || result.value !== null) return result;
  }
  return decided(null);
};

function equals([a, b]: readonly unknown[]): Evaluation {
  if (mentionsDeployment(a) || mentionsDeployment(b)) {
    return undecidable(
      "equals() on a resource id that depends on the deployment's subscription or resource group",
    );
  }
  return decided(sameValue(a, b));
}

/**
 * String order as .NET's culture-aware comparison gives it (`greater('A', 'a')` is true: lower case sorts
 * first). ICU and .NET agree on letters, digits and spaces; other text is left undecided rather than guessed.
 */
const collator = new Intl.Collator('en', { sensitivity: 'variant' });
const COMPARABLE_TEXT = /^[A-Za-z0-9 ]*$/;

function compare(name: string, a: unknown, b: unknown): Evaluation {
  if (isInteger(a) && isInteger(b)) return decided(Math.sign(a - b));
  if (typeof a === 'number' && typeof b === 'number') return decided(Math.sign(a - b));
  if (typeof a === 'string' && typeof b === 'string') {
    if (mentionsDeployment(a) || mentionsDeployment(b))
      return undecidable(`${name}() on a deployment placeholder`);
    if (!COMPARABLE_TEXT.test(a) || !COMPARABLE_TEXT.test(b)) {
      return undecidable(
        `${name}() of strings with punctuation follows .NET culture rules aksward does not imitate`,
      );
    }
    return decided(Math.sign(collator.compare(a, b)));
  }
  return invalid(`${name}() compares two integers or two strings, not ${typeName(a)} and ${typeName(b)}`);
}

const comparison = (name: string, accept: (order: number) => boolean): ArmFunction =>
  strict(name, 2, 2, ([a, b]) => {
    const order = compare(name, a, b);
    return order.ok ? decided(accept(order.value as number)) : order;
  });

export const logicalFunctions: readonly Entry[] = [
  ['and', logical('and', false)],
  ['bool', strict('bool', 1, 1, ([v]) => toBool(v))],
  ['coalesce', coalesce],
  ['equals', strict('equals', 2, 2, equals)],
  ['false', strict('false', 0, 0, () => decided(false))],
  ['greater', comparison('greater', (order) => order > 0)],
  ['greaterorequals', comparison('greaterOrEquals', (order) => order >= 0)],
  ['if', ifFunction],
  ['less', comparison('less', (order) => order < 0)],
  ['lessorequals', comparison('lessOrEquals', (order) => order <= 0)],
  [
    'not',
    strict('not', 1, 1, ([v]) => {
      const b = asBool('not', v);
      return b.ok ? decided(!b.value) : b;
    }),
  ],
  ['or', logical('or', true)],
  ['true', strict('true', 0, 0, () => decided(true))],
];
