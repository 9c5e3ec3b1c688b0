/** @module Tests for require-host-encryption: one result per pool. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/nodes/require-host-encryption.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('require-host-encryption', {
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
        { subject: CLUSTER, path: 'properties.agentPoolProfiles[1].enableEncryptionAtHost', line: 41 },
      ],
    },
    {
      fixture: 'invalid.arm-template.json',
      findings: [
        { subject: CLUSTER, path: 'properties.agentPoolProfiles[1].enableEncryptionAtHost', line: 54 },
      ],
    },
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: CLUSTER, path: 'agentPoolProfiles[1].enableEncryptionAtHost', line: 17 }],
    },
    {
      fixture: 'invalid.terraform',
      findings: [
        { subject: TF, path: 'azurerm_kubernetes_cluster_node_pool.apps.host_encryption_enabled', line: 43 },
      ],
    },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'default_node_pool.host_encryption_enabled', line: 28 }],
    },
    {
      fixture: 'invalid.terraform-v3',
      findings: [{ subject: TF, path: 'default_node_pool.enable_host_encryption', line: 28 }],
    },
  ],
});

describe('require-host-encryption (messages)', () => {
  it('says what decided the result (invalid.terraform)', async () => {
    const { result } = await runRuleOn('require-host-encryption', 'invalid.terraform');
    expect(result.findings[0]?.message).toContain(
      'node pool "apps": encryption at host is disabled (not set; AKS API default)',
    );
  });
});

describe('require-host-encryption (in memory)', () => {
  it('reports every pool: on passes, off or absent (AKS default) fails', () => {
    const cluster = clusterFrom({
      agentPoolProfiles: [
        { name: 'system', mode: 'System', enableEncryptionAtHost: true },
        { name: 'apps', mode: 'User', enableEncryptionAtHost: false },
        { name: 'batch', mode: 'User' },
      ],
    });
    const results = runRuleOnClusters(rule, cluster);
    expect(results.map((r) => [r.status, r.path])).toEqual([
      ['pass', 'properties.agentPoolProfiles[0].enableEncryptionAtHost'],
      ['fail', 'properties.agentPoolProfiles[1].enableEncryptionAtHost'],
      ['fail', 'properties.agentPoolProfiles[2].enableEncryptionAtHost'],
    ]);
    expect(results[2]?.message).toBe(
      'node pool "batch": encryption at host is disabled (not set; AKS API default).',
    );
  });

  it('is not assessed when a pool value is unknown', () => {
    const cluster = clusterFrom(
      { agentPoolProfiles: [{ name: 'system', mode: 'System' }] },
      { unknown: ['agentPoolProfiles[0].enableEncryptionAtHost'] },
    );
    expect(runRuleOnClusters(rule, cluster).map((r) => r.status)).toEqual(['not-assessed']);
  });
});
