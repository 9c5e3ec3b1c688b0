/** @module Tests for require-rbac (on by default in AKS). */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/identity/require-rbac.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const SHOW = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

describe('require-rbac on in-memory clusters', () => {
  it('passes enabled or defaulted RBAC, fails disabled, and does not assess unknown', () => {
    const results = runRuleOnClusters(
      rule,
      clusterFrom({ enableRBAC: true }),
      clusterFrom({}),
      clusterFrom({ enableRBAC: false }),
      clusterFrom({}, { unknown: ['enableRBAC'] }),
    );
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass', 'fail', 'not-assessed']);
    expect(results[1]?.basis).toBe('default');
    expect(results[2]).toMatchObject({ severity: 'critical', path: 'properties.enableRBAC' });
  });
});

testRule('require-rbac', {
  valid: [
    'valid.az-aks-show.json',
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.terraform',
    'valid.terraform-plan.json',
    'valid.default.az-aks-show.json',
  ],
  invalid: [
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: SHOW, path: 'enableRBAC', severity: 'critical', line: 25 }],
    },
    {
      fixture: 'invalid.arm-rest.json',
      findings: [{ subject: SHOW, path: 'properties.enableRBAC', line: 21 }],
    },
    { fixture: 'invalid.arm-template.json', findings: [{ subject: SHOW, line: 38 }] },
    {
      fixture: 'invalid.terraform',
      findings: [{ subject: TF, path: 'role_based_access_control_enabled', line: 43 }],
    },
    { fixture: 'invalid.terraform-v2', findings: [{ subject: TF, line: 44 }] },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'role_based_access_control_enabled', line: 22 }],
    },
  ],
});
