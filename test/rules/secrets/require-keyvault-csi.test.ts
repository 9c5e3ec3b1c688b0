/** @module Tests for require-keyvault-csi. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/secrets/require-keyvault-csi.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('require-keyvault-csi', {
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
      findings: [
        { subject: CLUSTER, path: 'properties.addonProfiles.azureKeyvaultSecretsProvider.enabled', line: 34 },
      ],
    },
    {
      fixture: 'invalid.arm-template.json',
      findings: [
        { subject: CLUSTER, path: 'properties.addonProfiles.azureKeyvaultSecretsProvider.enabled', line: 35 },
      ],
    },
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: CLUSTER, path: 'addonProfiles.azureKeyvaultSecretsProvider.enabled', line: 5 }],
    },
    {
      fixture: 'invalid.terraform',
      findings: [{ subject: TF, path: 'key_vault_secrets_provider', line: 14 }],
    },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'key_vault_secrets_provider', line: 44 }],
    },
  ],
});

describe('require-keyvault-csi (messages)', () => {
  it('says what decided the result (invalid.terraform)', async () => {
    const { result } = await runRuleOn('require-keyvault-csi', 'invalid.terraform');
    expect(result.findings[0]?.basis).toBe('default');
  });
});

const PATH = 'properties.addonProfiles.azureKeyvaultSecretsProvider.enabled';

describe('require-keyvault-csi (in memory)', () => {
  it('passes with the add-on enabled and fails with it disabled', () => {
    const on = clusterFrom({ addonProfiles: { azureKeyvaultSecretsProvider: { enabled: true } } });
    const off = clusterFrom({ addonProfiles: { azureKeyvaultSecretsProvider: { enabled: false } } });
    expect(runRuleOnClusters(rule, on, off).map((r) => [r.status, r.path])).toEqual([
      ['pass', PATH],
      ['fail', PATH],
    ]);
  });

  it('fails on the AKS default and says so', () => {
    const [result] = runRuleOnClusters(rule, clusterFrom({}));
    expect(result?.status).toBe('fail');
    expect(result?.basis).toBe('default');
  });

  it('is not assessed when the value is unknown', () => {
    const cluster = clusterFrom({}, { unknown: ['addonProfiles.azureKeyvaultSecretsProvider.enabled'] });
    expect(runRuleOnClusters(rule, cluster).map((r) => r.status)).toEqual(['not-assessed']);
  });
});
