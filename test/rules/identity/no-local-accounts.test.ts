/** @module Tests for no-local-accounts, including a Bicep-compiled template and values the input cannot decide. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/identity/no-local-accounts.js';
import { clusterFrom, clusterPathLine, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

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
    expect(result?.message).not.toContain('default');
  });

  it('fails the AKS default and says it is one', () => {
    const [result] = runRuleOnClusters(rule, clusterFrom({}));
    expect(result).toMatchObject({ status: 'fail' });
    expect(result?.message).toContain('(not set; AKS API default)');
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
    { fixture: 'invalid.default.az-aks-show.json', findings: [{ subject: SHOW, status: 'fail' }] },
    { fixture: 'unknown.arm-template.json', findings: [{ subject: SHOW, status: 'not-assessed', line: 58 }] },
    { fixture: 'unknown.terraform', findings: [{ subject: TF, status: 'not-assessed', line: 47 }] },
  ],
});

describe('no-local-accounts messages', () => {
  it('says local accounts left on by the AKS default are a default', async () => {
    const { result } = await runRuleOn('no-local-accounts', 'invalid.default.az-aks-show.json');
    expect(result.findings[0]?.message).toContain('not set; AKS API default');
  });
});
