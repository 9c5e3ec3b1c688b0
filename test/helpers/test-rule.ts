/** @module testRule: runs one rule on its fixtures through the real loaders and compares findings by subject and path. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/load/load-inputs.js';
import { runAudit } from '../../src/engine/run-audit.js';
import type { AuditResult } from '../../src/engine/run-audit.js';
import type { Finding } from '../../src/engine/finding.js';
import { findRule } from '../../src/rules/index.js';
import type { Basis, Severity, Status } from '../../src/rules/types.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/rules/', import.meta.url));

export interface ExpectedFinding {
  /** `managedClusters/aks-prod`, `azurerm_kubernetes_cluster.main`, `Deployment/web/frontend`. */
  readonly subject: string;
  /** Property path as reported (`properties.enableRBAC`, `role_based_access_control_enabled`). */
  readonly path?: string;
  readonly status?: Exclude<Status, 'pass'>;
  readonly severity?: Severity;
  readonly line?: number;
  /** What decided a cluster-setting result: stated in the input, an AKS or provider default, unknown. */
  readonly basis?: Basis;
}

export interface RuleCases {
  /**
   * Fixture names (files, or folders for Terraform modules) that the rule assesses and finds compliant:
   * no finding, and at least one pass (a fixture the rule never looks at proves nothing).
   */
  readonly valid: readonly string[];
  /** Fixtures the rule has nothing to assess in (no subject it applies to): no finding and no pass. */
  readonly notAssessed?: readonly string[];
  readonly invalid: readonly { readonly fixture: string; readonly findings: readonly ExpectedFinding[] }[];
  /** Options for the rule, as `.aksward.yaml` would give them. */
  readonly options?: Readonly<Record<string, unknown>>;
}

export async function runRuleOn(
  ruleId: string,
  fixture: string,
  options?: Readonly<Record<string, unknown>>,
) {
  const rule = findRule(ruleId);
  if (!rule) throw new Error(`unknown rule ${ruleId}`);
  const dir = path.join(FIXTURES, ruleId);
  const loaded = await loadInputs([path.join(dir, fixture)], { cwd: dir, kubectl: false });
  const errors = loaded.diagnostics.filter((d) => d.level === 'error');
  if (errors.length > 0) throw new Error(`fixture ${fixture} did not load: ${JSON.stringify(errors)}`);
  const result = runAudit(loaded.model, {
    rules: [rule],
    today: '2026-11-23',
    ...(options ? { config: { rules: { [ruleId]: { options: { ...options } } } } } : {}),
  });
  return { result, loaded };
}

/** How many passes the rule reported: its surface's coverage, as the run holds this one rule only. */
function passesOf(ruleId: string, result: AuditResult): number {
  const rule = findRule(ruleId);
  return rule ? result.coverage[rule.surface].passed : 0;
}

function shape(finding: Finding, expected: ExpectedFinding): ExpectedFinding {
  return {
    subject: finding.subject.display,
    ...(expected.path === undefined ? {} : { path: finding.path ?? '' }),
    ...(expected.status === undefined ? {} : { status: finding.status }),
    ...(expected.severity === undefined ? {} : { severity: finding.severity }),
    ...(expected.line === undefined ? {} : { line: finding.location.line }),
    ...(expected.basis === undefined ? {} : { basis: finding.basis }),
  };
}

export function testRule(ruleId: string, cases: RuleCases): void {
  describe(ruleId, () => {
    for (const fixture of cases.valid) {
      it(`valid: ${fixture}`, async () => {
        const { result } = await runRuleOn(ruleId, fixture, cases.options);
        expect(
          result.findings.map((f) => `${f.status} ${f.subject.display} ${f.path ?? ''}: ${f.message}`),
        ).toEqual([]);
        expect(passesOf(ruleId, result), `${ruleId} assessed ${fixture} (reported a pass)`).toBeGreaterThan(
          0,
        );
      });
    }
    for (const fixture of cases.notAssessed ?? []) {
      it(`nothing to assess: ${fixture}`, async () => {
        const { result } = await runRuleOn(ruleId, fixture, cases.options);
        expect(result.findings.map((f) => `${f.status} ${f.subject.display}: ${f.message}`)).toEqual([]);
        expect(passesOf(ruleId, result), `${ruleId} reported no pass on ${fixture}`).toBe(0);
      });
    }
    for (const { fixture, findings } of cases.invalid) {
      it(`invalid: ${fixture}`, async () => {
        const { result } = await runRuleOn(ruleId, fixture, cases.options);
        const actual = result.findings.map((f, i) => shape(f, findings[i] ?? findings[0] ?? { subject: '' }));
        expect(actual).toEqual(findings);
      });
    }
  });
}
