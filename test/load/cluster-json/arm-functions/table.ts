/** @module Runs ARM function table tests: expressions evaluated in a template's scope, as ARM would. */
import { expect, it } from 'vitest';
import type { ArmScope } from '../../../../src/load/cluster-json/arm-evaluator.js';
import { resolveString } from '../../../../src/load/cluster-json/arm-evaluator.js';
import type { Evaluation } from '../../../../src/load/cluster-json/arm-value.js';
import { parseJsonTree } from '../../../../src/load/cluster-json/json-tree.js';
import { createTemplateScope } from '../../../../src/load/cluster-json/template-scope.js';
import { createMemorySink } from '../memory-sink.js';

/** The scope of a template given as a plain object (parameters with defaults, variables, functions). */
export function scopeOf(template: Record<string, unknown>): ArmScope {
  const root = parseJsonTree(JSON.stringify(template, null, 2), 'template.json', createMemorySink());
  if (!root) throw new Error('the test template does not parse');
  return createTemplateScope(root);
}

/** `"[expr]"` in `scope`. */
export const evaluate = (scope: ArmScope, text: string): Evaluation => resolveString(text, scope);

/** One table: each row is an expression and the value ARM documents for it. */
export function table(scope: ArmScope, rows: readonly (readonly [string, unknown])[]): void {
  it.each(rows)('%s', (text, expected) => {
    expect(evaluate(scope, text)).toEqual({ ok: true, value: expected });
  });
}

/** Rows that ARM rejects (`invalid`) or that cannot be decided offline (`undecidable`), with a reason fragment. */
export function failures(
  scope: ArmScope,
  kind: 'invalid' | 'undecidable',
  rows: readonly (readonly [string, string])[],
): void {
  it.each(rows)(`%s is ${kind}: %s`, (text, reason) => {
    const result = evaluate(scope, text);
    expect(result).toMatchObject({ ok: false, undecidable: kind === 'undecidable' });
    if (!result.ok) expect(result.reason).toContain(reason);
  });
}
