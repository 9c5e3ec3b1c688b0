/** @module Tests for require-cmk-disk-encryption. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/nodes/require-cmk-disk-encryption.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('require-cmk-disk-encryption', {
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
      findings: [{ subject: CLUSTER, path: 'properties.diskEncryptionSetID', line: 32 }],
    },
    {
      fixture: 'invalid.arm-template.json',
      findings: [{ subject: CLUSTER, path: 'properties.diskEncryptionSetID', line: 33 }],
    },
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: CLUSTER, path: 'diskEncryptionSetId', line: 16 }],
    },
    { fixture: 'invalid.terraform', findings: [{ subject: TF, path: 'disk_encryption_set_id', line: 14 }] },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'disk_encryption_set_id', line: 44 }],
    },
  ],
});

describe('require-cmk-disk-encryption (messages)', () => {
  it('says what decided the result (invalid.az-aks-show.json)', async () => {
    const { result } = await runRuleOn('require-cmk-disk-encryption', 'invalid.az-aks-show.json');
    expect(result.findings[0]?.basis).toBe('default');
  });
});

const DES =
  '/subscriptions/3f1c2a9e-5b7d-4e21-9c0a-7d2e8b41f6a3/resourceGroups/rg-keys/providers/Microsoft.Compute/diskEncryptionSets/des-aks';

describe('require-cmk-disk-encryption (in memory)', () => {
  it('passes with a disk encryption set, fails with null, empty or absent', () => {
    const results = runRuleOnClusters(
      rule,
      clusterFrom({ diskEncryptionSetID: DES }),
      clusterFrom({ diskEncryptionSetID: null }),
      clusterFrom({ diskEncryptionSetID: '' }),
      clusterFrom({}),
    );
    expect(results.map((r) => [r.status, r.path])).toEqual([
      ['pass', 'properties.diskEncryptionSetID'],
      ['fail', 'properties.diskEncryptionSetID'],
      ['fail', 'properties.diskEncryptionSetID'],
      ['fail', 'properties.diskEncryptionSetID'],
    ]);
    expect(results[3]?.basis).toBe('default');
  });

  it('is not assessed when unknown', () => {
    const cluster = clusterFrom({}, { unknown: ['diskEncryptionSetID'] });
    expect(runRuleOnClusters(rule, cluster).map((r) => r.status)).toEqual(['not-assessed']);
  });
});
