/** @module Tests for require-secret-rotation: rotation matters only when the CSI add-on is on. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/secrets/require-secret-rotation.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('require-secret-rotation', {
  valid: [
    'valid.addon-off.az-aks-show.json',
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
        {
          subject: CLUSTER,
          path: 'properties.addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation',
          line: 36,
        },
      ],
    },
    {
      fixture: 'invalid.arm-template.json',
      findings: [
        {
          subject: CLUSTER,
          path: 'properties.addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation',
          line: 37,
        },
      ],
    },
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [
        {
          subject: CLUSTER,
          path: 'addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation',
          line: 5,
        },
      ],
    },
    {
      fixture: 'invalid.terraform',
      findings: [{ subject: TF, path: 'key_vault_secrets_provider.secret_rotation_enabled', line: 23 }],
    },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'key_vault_secrets_provider.secret_rotation_enabled', line: 46 }],
    },
  ],
});

describe('require-secret-rotation (messages)', () => {
  it('reports the add-on off as a pass, not applicable (valid.addon-off.az-aks-show.json)', async () => {
    const { result } = await runRuleOn('require-secret-rotation', 'valid.addon-off.az-aks-show.json');
    expect(result.findings).toEqual([]);
    expect(result.coverage.secrets.passed).toBe(1);
  });
});

const provider = (enabled: unknown, rotation?: unknown) => ({
  addonProfiles: {
    azureKeyvaultSecretsProvider: {
      enabled,
      ...(rotation === undefined ? {} : { config: { enableSecretRotation: rotation } }),
    },
  },
});

describe('require-secret-rotation (in memory)', () => {
  it('passes with rotation on, including the ARM string form "true"', () => {
    const results = runRuleOnClusters(
      rule,
      clusterFrom(provider(true, true)),
      clusterFrom(provider(true, 'true')),
    );
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass']);
    expect(results[0]?.path).toBe(
      'properties.addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation',
    );
  });

  it('fails with the add-on on and rotation off or absent (AKS default)', () => {
    const results = runRuleOnClusters(
      rule,
      clusterFrom(provider(true, 'false')),
      clusterFrom(provider(true)),
    );
    expect(results.map((r) => r.status)).toEqual(['fail', 'fail']);
    expect(results[1]?.basis).toBe('default');
  });

  it('passes as not applicable when the add-on is off, pointing at the add-on', () => {
    const [result, ...rest] = runRuleOnClusters(rule, clusterFrom(provider(false, false)));
    expect(rest).toEqual([]);
    expect(result).toMatchObject({
      status: 'pass',
      path: 'properties.addonProfiles.azureKeyvaultSecretsProvider.enabled',
      message: 'not applicable: the Key Vault CSI add-on is off (see require-keyvault-csi).',
    });
  });

  it('is not assessed when the add-on is unknown, whatever rotation says', () => {
    const cluster = clusterFrom(provider(true, false), {
      unknown: ['addonProfiles.azureKeyvaultSecretsProvider.enabled'],
    });
    expect(runRuleOnClusters(rule, cluster).map((r) => [r.status, r.path])).toEqual([
      ['not-assessed', 'properties.addonProfiles.azureKeyvaultSecretsProvider.enabled'],
    ]);
  });

  it('is not assessed when the add-on is on and rotation unknown', () => {
    const cluster = clusterFrom(provider(true, true), {
      unknown: ['addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation'],
    });
    expect(runRuleOnClusters(rule, cluster).map((r) => r.status)).toEqual(['not-assessed']);
  });
});
