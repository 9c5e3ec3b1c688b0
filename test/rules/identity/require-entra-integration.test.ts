/** @module Tests for require-entra-integration (AKS-managed Entra ID, `aadProfile.managed`). */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/identity/require-entra-integration.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const SHOW = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

describe('require-entra-integration on in-memory clusters', () => {
  it('passes managed Entra integration, fails legacy or absent, and does not assess unknown', () => {
    const results = runRuleOnClusters(
      rule,
      clusterFrom({ aadProfile: { managed: true } }),
      clusterFrom({ aadProfile: { managed: false, serverAppID: '7a4d2c8e-9f1b-4e6a-b3d5-0c8f2e7a1b94' } }),
      clusterFrom({}),
      clusterFrom({}, { unknown: ['aadProfile.managed'] }),
    );
    expect(results.map((r) => r.status)).toEqual(['pass', 'fail', 'fail', 'not-assessed']);
    expect(results[1]).toMatchObject({ severity: 'high', path: 'properties.aadProfile.managed' });
    expect(results[2]?.basis).toBe('default');
  });
});

testRule('require-entra-integration', {
  valid: [
    'valid.az-aks-show.json',
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.terraform',
    'valid.terraform-v3',
    'valid.terraform-plan.json',
  ],
  invalid: [
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: SHOW, path: 'aadProfile.managed', line: 45 }],
    },
    {
      fixture: 'invalid.arm-rest.json',
      findings: [{ subject: SHOW, path: 'properties.aadProfile.managed', line: 36 }],
    },
    { fixture: 'invalid.arm-template.json', findings: [{ subject: SHOW, line: 56 }] },
    // No azure_active_directory_role_based_access_control block: the AKS default (no managed Entra) applies.
    { fixture: 'invalid.terraform', findings: [{ subject: TF, status: 'fail' }] },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [
        { subject: TF, status: 'fail', path: 'azure_active_directory_role_based_access_control', line: 52 },
      ],
    },
    {
      fixture: 'invalid.default.az-aks-show.json',
      findings: [{ subject: SHOW, severity: 'high', basis: 'default' }],
    },
  ],
});
