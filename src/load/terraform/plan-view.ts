/** @module A `TfView` over one resource of `terraform show -json`: its values, `after_unknown`, and what is sensitive. */
import type { SourceLocation } from '../../model/index.js';
import { sensitiveVariableReason } from './hcl-expressions.js';
import type { JsonLocator, JsonPath } from './json-locator.js';
import { isRecord, valueRead, type TfBlocks, type TfRead, type TfView } from './tf-resource.js';

export interface PlanNode {
  readonly values: unknown;
  /** The matching part of `change.after_unknown`: `true` where the value is known only after apply. */
  readonly afterUnknown: unknown;
  /** `sensitive_values`, `change.after_sensitive` and `change.before_sensitive`: `true` marks a secret. */
  readonly sensitive: readonly unknown[];
  /** The matching part of the resource's `configuration` expressions (its `references`). */
  readonly expressions: unknown;
  /** Variables the resource's module declares `sensitive = true`. */
  readonly sensitiveVariables: ReadonlySet<string>;
  readonly valuesPath: JsonPath;
  readonly unknownPath: JsonPath | undefined;
}

const AFTER_APPLY = 'known only after apply';
const MARKED_SENSITIVE = 'is marked sensitive in the plan; aksward does not read secure values';

interface Walked {
  readonly value: unknown;
  readonly afterUnknown: unknown;
  /** A `true` met on the way: the whole block is known only after apply. */
  readonly unknownAbove: boolean;
  readonly sensitive: readonly unknown[];
  readonly expressions: unknown;
  readonly valuesPath: JsonPath;
  readonly unknownPath: JsonPath | undefined;
}

/** One step down a mark tree; a `true` mark covers everything below it. */
function markAt(mark: unknown, step: string | number): unknown {
  if (mark === true) return true;
  if (typeof step === 'number') return Array.isArray(mark) ? (mark[step] as unknown) : undefined;
  return isRecord(mark) ? mark[step] : undefined;
}

const firstOf = (value: unknown): unknown => (Array.isArray(value) ? (value[0] as unknown) : value);

/** Follows `path`, entering nested blocks (JSON lists) at their first instance, except at the last step. */
function walk(node: PlanNode, path: readonly string[]): Walked {
  let { values: value, afterUnknown, sensitive, expressions } = node;
  const valuesPath: (string | number)[] = [...node.valuesPath];
  const unknownPath: (string | number)[] | undefined = node.unknownPath ? [...node.unknownPath] : undefined;
  const walked = () => ({ value, afterUnknown, sensitive, expressions, valuesPath, unknownPath });
  for (const [index, name] of path.entries()) {
    if (afterUnknown === true) return { ...walked(), unknownAbove: true };
    value = isRecord(value) ? value[name] : undefined;
    afterUnknown = isRecord(afterUnknown) ? afterUnknown[name] : undefined;
    sensitive = sensitive.map((mark) => markAt(mark, name));
    expressions = isRecord(expressions) ? expressions[name] : undefined;
    valuesPath.push(name);
    unknownPath?.push(name);
    if (index < path.length - 1 && Array.isArray(value)) {
      value = value[0];
      afterUnknown = firstOf(afterUnknown);
      sensitive = sensitive.map((mark) => markAt(mark, 0));
      expressions = firstOf(expressions);
      valuesPath.push(0);
      unknownPath?.push(0);
    }
  }
  return { ...walked(), unknownAbove: false };
}

function containsMark(marks: unknown): boolean {
  if (marks === true) return true;
  if (Array.isArray(marks)) return marks.some(containsMark);
  return isRecord(marks) && Object.values(marks).some(containsMark);
}

/** Every `references` entry in a configuration expression tree (`var.name`, `azurerm_x.y.id`). */
function referencesIn(expressions: unknown, out: string[] = []): string[] {
  if (Array.isArray(expressions)) for (const item of expressions) referencesIn(item, out);
  if (!isRecord(expressions)) return out;
  for (const [key, item] of Object.entries(expressions)) {
    if (key === 'references' && Array.isArray(item))
      out.push(...item.filter((r): r is string => typeof r === 'string'));
    else referencesIn(item, out);
  }
  return out;
}

/** Why the walked value is a secret, or undefined: Terraform's own marks, then references to sensitive variables. */
function secrecy(walked: Walked, sensitiveVariables: ReadonlySet<string>): string | undefined {
  if (walked.sensitive.some(containsMark)) return MARKED_SENSITIVE;
  if (sensitiveVariables.size === 0) return undefined;
  for (const reference of referencesIn(walked.expressions)) {
    const name = /^var\.([\w-]+)/.exec(reference)?.[1];
    if (name !== undefined && sensitiveVariables.has(name)) return sensitiveVariableReason(name);
  }
  return undefined;
}

function childNode(node: PlanNode, walked: Walked, values: unknown, index: number): PlanNode {
  const marks = walked.afterUnknown;
  return {
    values,
    afterUnknown: Array.isArray(marks) ? (marks[index] as unknown) : undefined,
    sensitive: walked.sensitive.map((mark) => markAt(mark, index)),
    expressions: Array.isArray(walked.expressions) ? (walked.expressions[index] as unknown) : undefined,
    sensitiveVariables: node.sensitiveVariables,
    valuesPath: [...walked.valuesPath, index],
    unknownPath: walked.unknownPath ? [...walked.unknownPath, index] : undefined,
  };
}

export function planView(node: PlanNode, locate: JsonLocator): TfView {
  return {
    attr(path): TfRead {
      const walked = walk(node, path);
      if (walked.unknownAbove || containsMark(walked.afterUnknown))
        return { kind: 'unknown', reason: AFTER_APPLY };
      const secret = secrecy(walked, node.sensitiveVariables);
      return secret === undefined ? valueRead(walked.value) : { kind: 'unknown', reason: secret };
    },
    block(path): TfRead {
      const walked = walk(node, path);
      if (walked.unknownAbove || walked.afterUnknown === true)
        return { kind: 'unknown', reason: AFTER_APPLY };
      const { value } = walked;
      const present = Array.isArray(value) ? value.length > 0 : isRecord(value);
      return present ? { kind: 'value', value: true } : { kind: 'absent' };
    },
    blocks(name): TfBlocks {
      const walked = walk(node, [name]);
      if (walked.unknownAbove || walked.afterUnknown === true) return { unknown: AFTER_APPLY };
      const items = Array.isArray(walked.value) ? walked.value : [];
      return items.map((values, index) => planView(childNode(node, walked, values, index), locate));
    },
    locate(path): SourceLocation {
      const walked = walk(node, path);
      const inValues = locate(walked.valuesPath);
      if (inValues.complete || !walked.unknownPath) return inValues.at;
      // A plan leaves a value known only after apply out of `values`: point at its `after_unknown` mark.
      const inMarks = locate(walked.unknownPath);
      return inMarks.complete ? inMarks.at : inValues.at;
    },
  };
}
