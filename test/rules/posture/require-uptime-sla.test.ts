/** @module Tests for require-uptime-sla: Standard, Premium and the legacy Paid pass; Free fails. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/posture/require-uptime-sla.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('require-uptime-sla', {
  valid: [
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.az-aks-show.json',
    'valid.terraform',
    'valid.terraform-plan.json',
    'valid.terraform-v3',
  ],
  invalid: [
    { fixture: 'invalid.arm-rest.json', findings: [{ subject: CLUSTER, path: 'sku.tier', line: 8 }] },
    { fixture: 'invalid.arm-template.json', findings: [{ subject: CLUSTER, path: 'sku.tier', line: 25 }] },
    { fixture: 'invalid.az-aks-show.json', findings: [{ subject: CLUSTER, path: 'sku.tier', line: 32 }] },
    { fixture: 'invalid.terraform', findings: [{ subject: TF, path: 'sku_tier', line: 20 }] },
    { fixture: 'invalid.terraform-plan.json', findings: [{ subject: TF, path: 'sku_tier', line: 20 }] },
  ],
});

const tier = (value: string) => clusterFrom({}, { resource: { sku: { name: 'Base', tier: value } } });

describe('require-uptime-sla (in memory)', () => {
  it.each(['Standard', 'Premium', 'Paid'])('passes on %s', (value) => {
    expect(runRuleOnClusters(rule, tier(value)).map((r) => [r.status, r.path])).toEqual([
      ['pass', 'sku.tier'],
    ]);
  });

  it('fails on Free, stated or by default', () => {
    const results = runRuleOnClusters(rule, tier('Free'), clusterFrom({}));
    expect(results.map((r) => [r.status, r.severity])).toEqual([
      ['fail', 'info'],
      ['fail', 'info'],
    ]);
    expect(results[1]?.basis).toBe('default');
  });

  it('is not assessed when unknown', () => {
    const cluster = clusterFrom({}, { unknown: ['/sku/tier'] });
    expect(runRuleOnClusters(rule, cluster).map((r) => r.status)).toEqual(['not-assessed']);
  });
});
