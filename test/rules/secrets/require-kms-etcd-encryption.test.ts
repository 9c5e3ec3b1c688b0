/** @module Tests for require-kms-etcd-encryption. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/secrets/require-kms-etcd-encryption.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('require-kms-etcd-encryption', {
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
      findings: [{ subject: CLUSTER, path: 'properties.securityProfile.azureKeyVaultKms.enabled', line: 34 }],
    },
    {
      fixture: 'invalid.arm-template.json',
      findings: [{ subject: CLUSTER, path: 'properties.securityProfile.azureKeyVaultKms.enabled', line: 35 }],
    },
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: CLUSTER, path: 'securityProfile.azureKeyVaultKms.enabled', line: 32 }],
    },
    { fixture: 'invalid.terraform', findings: [{ subject: TF, path: 'key_management_service', line: 14 }] },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'key_management_service', line: 44 }],
    },
  ],
});

describe('require-kms-etcd-encryption (messages)', () => {
  it('says what decided the result (invalid.terraform)', async () => {
    const { result } = await runRuleOn('require-kms-etcd-encryption', 'invalid.terraform');
    expect(result.findings[0]?.basis).toBe('default');
  });
});

describe('require-kms-etcd-encryption (in memory)', () => {
  it('passes with KMS on, fails with it off or absent', () => {
    const kms = (enabled: boolean) => ({ securityProfile: { azureKeyVaultKms: { enabled } } });
    const results = runRuleOnClusters(rule, clusterFrom(kms(true)), clusterFrom(kms(false)), clusterFrom({}));
    expect(results.map((r) => [r.status, r.severity])).toEqual([
      ['pass', 'low'],
      ['fail', 'low'],
      ['fail', 'low'],
    ]);
    expect(results[0]?.path).toBe('properties.securityProfile.azureKeyVaultKms.enabled');
    expect(results[2]?.basis).toBe('default');
  });

  it('is not assessed when unknown', () => {
    const cluster = clusterFrom({}, { unknown: ['securityProfile.azureKeyVaultKms.enabled'] });
    expect(runRuleOnClusters(rule, cluster).map((r) => r.status)).toEqual(['not-assessed']);
  });
});
