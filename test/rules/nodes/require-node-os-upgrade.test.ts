/** @module Tests for require-node-os-upgrade. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/nodes/require-node-os-upgrade.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('require-node-os-upgrade', {
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
      findings: [{ subject: CLUSTER, path: 'properties.autoUpgradeProfile.nodeOSUpgradeChannel', line: 34 }],
    },
    {
      fixture: 'invalid.arm-template.json',
      findings: [{ subject: CLUSTER, path: 'properties.autoUpgradeProfile.nodeOSUpgradeChannel', line: 35 }],
    },
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: CLUSTER, path: 'autoUpgradeProfile.nodeOsUpgradeChannel', line: 16 }],
    },
    { fixture: 'invalid.terraform', findings: [{ subject: TF, path: 'node_os_upgrade_channel', line: 23 }] },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'node_os_upgrade_channel', line: 45 }],
    },
    {
      fixture: 'invalid.terraform-v3',
      findings: [{ subject: TF, path: 'node_os_channel_upgrade', line: 23 }],
    },
  ],
});

const channel = (nodeOSUpgradeChannel: string) =>
  clusterFrom({ autoUpgradeProfile: { nodeOSUpgradeChannel } });

describe('require-node-os-upgrade (in memory)', () => {
  it('passes on SecurityPatch and NodeImage (the AKS default, said to be one)', () => {
    const results = runRuleOnClusters(rule, channel('SecurityPatch'), channel('NodeImage'), clusterFrom({}));
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
    expect(results[2]?.basis).toBe('default');
  });

  it.each(['None', 'Unmanaged'])('fails on %s', (value) => {
    expect(runRuleOnClusters(rule, channel(value)).map((r) => [r.status, r.path])).toEqual([
      ['fail', 'properties.autoUpgradeProfile.nodeOSUpgradeChannel'],
    ]);
  });

  it('is not assessed when unknown', () => {
    const cluster = clusterFrom({}, { unknown: ['autoUpgradeProfile.nodeOSUpgradeChannel'] });
    expect(runRuleOnClusters(rule, cluster).map((r) => r.status)).toEqual(['not-assessed']);
  });
});
