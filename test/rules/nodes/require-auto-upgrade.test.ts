/** @module Tests for require-auto-upgrade. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/nodes/require-auto-upgrade.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('require-auto-upgrade', {
  valid: [
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.az-aks-show.json',
    'valid.terraform',
    'valid.terraform-plan.json',
    'valid.terraform-v3',
  ],
  invalid: [
    {
      fixture: 'invalid.arm-rest.json',
      findings: [{ subject: CLUSTER, path: 'properties.autoUpgradeProfile.upgradeChannel', line: 33 }],
    },
    {
      fixture: 'invalid.arm-template.json',
      findings: [{ subject: CLUSTER, path: 'properties.autoUpgradeProfile.upgradeChannel', line: 34 }],
    },
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: CLUSTER, path: 'autoUpgradeProfile.upgradeChannel', line: 17 }],
    },
    {
      fixture: 'invalid.terraform',
      findings: [{ subject: TF, path: 'automatic_upgrade_channel', line: 14 }],
    },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'automatic_upgrade_channel', line: 44 }],
    },
  ],
});

describe('require-auto-upgrade (messages)', () => {
  it('says what decided the result (invalid.terraform)', async () => {
    const { result } = await runRuleOn('require-auto-upgrade', 'invalid.terraform');
    expect(result.findings[0]?.basis).toBe('default');
    // The Terraform provider, not the AKS API, supplies this default.
    expect(result.findings[0]?.message).toContain('azurerm provider default');
  });
});

const channel = (upgradeChannel: string) => clusterFrom({ autoUpgradeProfile: { upgradeChannel } });

describe('require-auto-upgrade (in memory)', () => {
  it.each(['patch', 'stable', 'rapid', 'node-image'])('passes on channel %s', (value) => {
    expect(runRuleOnClusters(rule, channel(value)).map((r) => r.status)).toEqual(['pass']);
  });

  it('fails on none, stated or by default', () => {
    const results = runRuleOnClusters(rule, channel('none'), clusterFrom({}));
    expect(results.map((r) => [r.status, r.path])).toEqual([
      ['fail', 'properties.autoUpgradeProfile.upgradeChannel'],
      ['fail', 'properties.autoUpgradeProfile.upgradeChannel'],
    ]);
    expect(results[1]?.basis).toBe('default');
  });

  it('is not assessed when unknown', () => {
    const cluster = clusterFrom({}, { unknown: ['autoUpgradeProfile.upgradeChannel'] });
    expect(runRuleOnClusters(rule, cluster).map((r) => r.status)).toEqual(['not-assessed']);
  });
});
