/** @module Tests for require-azure-policy. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/workloads/require-azure-policy.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('require-azure-policy', {
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
      findings: [{ subject: CLUSTER, path: 'properties.addonProfiles.azurepolicy.enabled', line: 34 }],
    },
    {
      fixture: 'invalid.arm-template.json',
      findings: [{ subject: CLUSTER, path: 'properties.addonProfiles.azurepolicy.enabled', line: 35 }],
    },
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: CLUSTER, path: 'addonProfiles.azurepolicy.enabled', line: 5 }],
    },
    { fixture: 'invalid.terraform', findings: [{ subject: TF, path: 'azure_policy_enabled', line: 22 }] },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'azure_policy_enabled', line: 44 }],
    },
    {
      fixture: 'unknown.arm-template.json',
      findings: [
        {
          subject: CLUSTER,
          path: 'properties.addonProfiles.azurepolicy.enabled',
          status: 'not-assessed',
          line: 38,
        },
      ],
    },
  ],
});

describe('require-azure-policy (in memory)', () => {
  it('passes with the add-on on, fails off or absent (AKS default), not assessed when unknown', () => {
    const policy = (enabled: boolean) => ({ addonProfiles: { azurepolicy: { enabled } } });
    const unknown = clusterFrom({}, { unknown: ['addonProfiles.azurepolicy.enabled'] });
    const results = runRuleOnClusters(
      rule,
      clusterFrom(policy(true)),
      clusterFrom(policy(false)),
      clusterFrom({}),
      unknown,
    );
    expect(results.map((r) => r.status)).toEqual(['pass', 'fail', 'fail', 'not-assessed']);
    expect(results.every((r) => r.path === 'properties.addonProfiles.azurepolicy.enabled')).toBe(true);
    expect(results[2]?.basis).toBe('default');
  });
});
