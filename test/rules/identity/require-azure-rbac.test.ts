/** @module Tests for require-azure-rbac. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/identity/require-azure-rbac.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const SHOW = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

describe('require-azure-rbac on in-memory clusters', () => {
  it('passes Azure RBAC, fails it off or defaulted, and does not assess unknown', () => {
    const results = runRuleOnClusters(
      rule,
      clusterFrom({ aadProfile: { managed: true, enableAzureRBAC: true } }),
      clusterFrom({ aadProfile: { managed: true, enableAzureRBAC: false } }),
      clusterFrom({ aadProfile: { managed: true } }),
      clusterFrom({}, { unknown: ['aadProfile.enableAzureRBAC'] }),
    );
    expect(results.map((r) => r.status)).toEqual(['pass', 'fail', 'fail', 'not-assessed']);
    expect(results[1]).toMatchObject({ severity: 'high', path: 'properties.aadProfile.enableAzureRBAC' });
    expect(results[2]?.basis).toBe('default');
  });
});

testRule('require-azure-rbac', {
  valid: [
    'valid.az-aks-show.json',
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.terraform',
    'valid.terraform-plan.json',
  ],
  invalid: [
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: SHOW, path: 'aadProfile.enableAzureRBAC', line: 46 }],
    },
    {
      fixture: 'invalid.arm-rest.json',
      findings: [{ subject: SHOW, path: 'properties.aadProfile.enableAzureRBAC', line: 37 }],
    },
    { fixture: 'invalid.arm-template.json', findings: [{ subject: SHOW, line: 54 }] },
    {
      fixture: 'invalid.terraform',
      findings: [
        {
          subject: TF,
          path: 'azure_active_directory_role_based_access_control.azure_rbac_enabled',
          line: 45,
        },
      ],
    },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [
        {
          subject: TF,
          path: 'azure_active_directory_role_based_access_control.azure_rbac_enabled',
          line: 57,
        },
      ],
    },
    {
      fixture: 'invalid.default.az-aks-show.json',
      findings: [{ subject: SHOW, severity: 'high', basis: 'default' }],
    },
  ],
});
