/** @module Tests for require-container-insights. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/posture/require-container-insights.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('require-container-insights', {
  valid: [
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.az-aks-show.json',
    'valid.terraform',
    'valid.terraform-plan.json',
  ],
  invalid: [
    {
      fixture: 'invalid.arm-rest.json',
      findings: [{ subject: CLUSTER, path: 'properties.addonProfiles.omsagent.enabled', line: 34 }],
    },
    {
      fixture: 'invalid.arm-template.json',
      findings: [{ subject: CLUSTER, path: 'properties.addonProfiles.omsagent.enabled', line: 35 }],
    },
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: CLUSTER, path: 'addonProfiles.omsagent.enabled', line: 5 }],
    },
    { fixture: 'invalid.terraform', findings: [{ subject: TF, path: 'oms_agent', line: 14 }] },
    { fixture: 'invalid.terraform-plan.json', findings: [{ subject: TF, path: 'oms_agent', line: 44 }] },
  ],
});

describe('require-container-insights (messages)', () => {
  it('says what decided the result (invalid.terraform)', async () => {
    const { result } = await runRuleOn('require-container-insights', 'invalid.terraform');
    expect(result.findings[0]?.basis).toBe('default');
  });
});

describe('require-container-insights (in memory)', () => {
  it('passes when enabled, fails when off or absent, not assessed when unknown', () => {
    const oms = (enabled: boolean) => ({ addonProfiles: { omsagent: { enabled } } });
    const unknown = clusterFrom({}, { unknown: ['addonProfiles.omsagent.enabled'] });
    const results = runRuleOnClusters(
      rule,
      clusterFrom(oms(true)),
      clusterFrom(oms(false)),
      clusterFrom({}),
      unknown,
    );
    expect(results.map((r) => r.status)).toEqual(['pass', 'fail', 'fail', 'not-assessed']);
    expect(results[1]?.path).toBe('properties.addonProfiles.omsagent.enabled');
    expect(results[2]?.basis).toBe('default');
  });
});
