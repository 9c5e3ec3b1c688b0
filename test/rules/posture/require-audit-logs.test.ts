/** @module Tests for require-audit-logs: diagnostic settings are separate resources joined to the cluster. */
import { describe, expect, it } from 'vitest';
import type { AksCluster, DiagnosticSetting } from '../../../src/model/index.js';
import rule from '../../../src/rules/posture/require-audit-logs.js';
import { clusterFrom, MEMORY_FILE, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('require-audit-logs', {
  valid: ['valid.arm-template.json', 'valid.az-aks-show', 'valid.terraform', 'valid.terraform-plan.json'],
  invalid: [
    {
      fixture: 'invalid.arm-template.json',
      findings: [{ subject: CLUSTER, path: 'diagnosticSettings', line: 18 }],
    },
    { fixture: 'invalid.az-aks-show', findings: [{ subject: CLUSTER, path: 'diagnosticSettings', line: 2 }] },
    {
      fixture: 'invalid.terraform',
      findings: [{ subject: TF, path: 'azurerm_monitor_diagnostic_setting', line: 14 }],
    },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'azurerm_monitor_diagnostic_setting', line: 8 }],
    },
    {
      fixture: 'invalid.terraform-v3',
      findings: [{ subject: TF, path: 'azurerm_monitor_diagnostic_setting', line: 42 }],
    },
    {
      fixture: 'unknown.arm-rest.json',
      findings: [{ subject: CLUSTER, path: 'diagnosticSettings', status: 'not-assessed', line: 1 }],
    },
    {
      fixture: 'unknown.az-aks-show.json',
      findings: [{ subject: CLUSTER, path: 'diagnosticSettings', status: 'not-assessed', line: 1 }],
    },
  ],
});

describe('require-audit-logs (messages)', () => {
  it('says what decided the result (invalid.terraform)', async () => {
    const { result } = await runRuleOn('require-audit-logs', 'invalid.terraform');
    expect(result.findings[0]?.message).toContain(
      'no diagnostic setting targets this cluster in the scanned input.',
    );
  });
});

const at = (line: number) => ({ file: MEMORY_FILE, line });
const setting = (name: string, line: number, categories: string[] | string): DiagnosticSetting => ({
  name,
  at: at(line),
  enabledCategories:
    typeof categories === 'string'
      ? { state: 'unknown', reason: categories, at: at(line), path: 'properties.logs' }
      : { state: 'stated', value: categories, at: at(line), path: 'properties.logs' },
});
const withSettings = (value: DiagnosticSetting[]): AksCluster => ({
  ...clusterFrom({}),
  diagnosticSettings: { state: 'stated', value, at: at(1), path: 'diagnosticSettings' },
});

describe('require-audit-logs (in memory)', () => {
  it.each([['kube-audit'], ['KUBE-AUDIT-ADMIN'], ['audit'], ['allLogs']])('passes on %s', (category) => {
    const cluster = withSettings([setting('to-law', 30, ['kube-apiserver', category])]);
    expect(runRuleOnClusters(rule, cluster).map((r) => [r.status, r.line])).toEqual([['pass', 30]]);
  });

  it('passes when any setting sends audit events, even if another is undecided', () => {
    const cluster = withSettings([
      setting('metrics', 20, 'the categories are a variable'),
      setting('audit', 40, ['kube-audit-admin']),
    ]);
    expect(runRuleOnClusters(rule, cluster).map((r) => r.status)).toEqual(['pass']);
  });

  it('fails on settings without audit categories, and on a stated empty list', () => {
    const other = withSettings([setting('apiserver-only', 25, ['kube-apiserver', 'guard'])]);
    const none = withSettings([]);
    const results = runRuleOnClusters(rule, other, none);
    expect(results.map((r) => [r.status, r.line])).toEqual([
      ['fail', 25],
      ['fail', 1],
    ]);
    expect(results[1]?.message).toBe('no diagnostic setting targets this cluster in the scanned input.');
  });

  it('is not assessed when the only settings are undecided or the list is unknown', () => {
    const undecided = withSettings([
      setting('dynamic', 22, 'enabled_log is a dynamic block over a variable'),
    ]);
    const reason = 'az aks show does not include diagnostic settings';
    const unknown: AksCluster = {
      ...clusterFrom({}),
      diagnosticSettings: { state: 'unknown', reason, at: at(1), path: 'diagnosticSettings' },
    };
    const results = runRuleOnClusters(rule, undecided, unknown);
    expect(results.map((r) => r.status)).toEqual(['not-assessed', 'not-assessed']);
    expect(results[1]?.message).toBe(`diagnostic settings: ${reason}`);
  });
});
