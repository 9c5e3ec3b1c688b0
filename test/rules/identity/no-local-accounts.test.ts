/** @module Tests for no-local-accounts, including a Bicep-compiled template and values the input cannot decide. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/identity/no-local-accounts.js';
import { clusterFrom, clusterPathLine, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const SHOW = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

describe('no-local-accounts on in-memory clusters', () => {
  it('passes disabled local accounts', () => {
    expect(runRuleOnClusters(rule, clusterFrom({ disableLocalAccounts: true }))).toMatchObject([
      {
        status: 'pass',
        path: 'properties.disableLocalAccounts',
        line: clusterPathLine('disableLocalAccounts'),
      },
    ]);
  });

  it('fails enabled local accounts and says why they matter', () => {
    const [result] = runRuleOnClusters(rule, clusterFrom({ disableLocalAccounts: false }));
    expect(result).toMatchObject({ status: 'fail', severity: 'critical' });
    expect(result?.message).toContain('bypass Entra ID');
    expect(result?.message).toContain('cluster-admin');
    expect(result?.basis).toBe('stated');
  });

  it('fails the AKS default and says it is one', () => {
    const [result] = runRuleOnClusters(rule, clusterFrom({}));
    expect(result).toMatchObject({ status: 'fail' });
    expect(result?.basis).toBe('default');
  });

  it('does not assess an unknown or ill-typed value', () => {
    const results = runRuleOnClusters(
      rule,
      clusterFrom({}, { unknown: ['disableLocalAccounts'] }),
      clusterFrom({ disableLocalAccounts: 'yes' }),
      clusterFrom({}, { complete: false }),
    );
    expect(results.map((r) => r.status)).toEqual(['not-assessed', 'not-assessed', 'not-assessed']);
  });
});

testRule('no-local-accounts', {
  valid: [
    'valid.az-aks-show.json',
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.bicep.arm-template.json',
    'valid.terraform',
    'valid.terraform-plan.json',
  ],
  invalid: [
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [
        { subject: SHOW, path: 'disableLocalAccounts', status: 'fail', severity: 'critical', line: 44 },
      ],
    },
    {
      fixture: 'invalid.arm-rest.json',
      findings: [{ subject: SHOW, path: 'properties.disableLocalAccounts', line: 35 }],
    },
    { fixture: 'invalid.arm-template.json', findings: [{ subject: SHOW, status: 'fail', line: 52 }] },
    { fixture: 'invalid.bicep.arm-template.json', findings: [{ subject: SHOW, status: 'fail', line: 64 }] },
    { fixture: 'invalid.terraform', findings: [{ subject: TF, path: 'local_account_disabled', line: 43 }] },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, status: 'fail', path: 'local_account_disabled', line: 21 }],
    },
    {
      fixture: 'invalid.default.az-aks-show.json',
      findings: [{ subject: SHOW, status: 'fail', basis: 'default' }],
    },
    { fixture: 'unknown.arm-template.json', findings: [{ subject: SHOW, status: 'not-assessed', line: 58 }] },
    { fixture: 'unknown.terraform', findings: [{ subject: TF, status: 'not-assessed', line: 47 }] },
  ],
});
