/** @module Tests for require-azure-cni: kubenet fails; Azure CNI and a bring-your-own CNI pass, with notes. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/network/require-azure-cni.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const SHOW = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';
const network = (profile: Record<string, unknown>) => clusterFrom({ networkProfile: profile });

describe('require-azure-cni on in-memory clusters', () => {
  it('passes Azure CNI and names overlay mode', () => {
    const results = runRuleOnClusters(
      rule,
      network({ networkPlugin: 'azure', networkPluginMode: 'overlay' }),
      network({ networkPlugin: 'azure' }),
    );
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass']);
    expect(results[0]?.message).toContain('Overlay');
    // No networkPluginMode is a known value (null, not overlay), not an unknown mode.
    expect(results[1]?.message).toContain('Azure CNI (pod IPs from the VNet)');
  });

  it('says the mode is unknown only when the input cannot decide it', () => {
    const cluster = clusterFrom(
      { networkProfile: { networkPlugin: 'azure' } },
      { unknown: ['networkProfile.networkPluginMode'] },
    );
    const [result] = runRuleOnClusters(rule, cluster);
    expect(result).toMatchObject({ status: 'pass' });
    expect(result?.message).toContain('Azure CNI (mode unknown)');
  });

  it('passes a bring-your-own CNI with a note', () => {
    const [result] = runRuleOnClusters(rule, network({ networkPlugin: 'none' }));
    expect(result).toMatchObject({ status: 'pass' });
    expect(result?.message).toContain('bring-your-own CNI');
  });

  it('fails kubenet, stated or defaulted, at the plugin setting', () => {
    const results = runRuleOnClusters(rule, network({ networkPlugin: 'kubenet' }), clusterFrom({}));
    expect(results).toMatchObject([
      { status: 'fail', severity: 'low', path: 'properties.networkProfile.networkPlugin' },
      { status: 'fail', severity: 'low' },
    ]);
    expect(results[1]?.basis).toBe('default');
  });

  it('does not assess an unknown plugin', () => {
    const cluster = clusterFrom({}, { unknown: ['networkProfile.networkPlugin'] });
    expect(runRuleOnClusters(rule, cluster)).toMatchObject([{ status: 'not-assessed' }]);
  });
});

testRule('require-azure-cni', {
  valid: [
    'valid.az-aks-show.json',
    'valid.byo-cni.az-aks-show.json',
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.terraform',
    'valid.terraform-plan.json',
  ],
  invalid: [
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: SHOW, path: 'networkProfile.networkPlugin', severity: 'low', line: 45 }],
    },
    {
      fixture: 'invalid.arm-rest.json',
      findings: [{ subject: SHOW, path: 'properties.networkProfile.networkPlugin', line: 36 }],
    },
    { fixture: 'invalid.arm-template.json', findings: [{ subject: SHOW, line: 53 }] },
    {
      fixture: 'invalid.terraform',
      findings: [{ subject: TF, path: 'network_profile.network_plugin', line: 44 }],
    },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'network_profile.network_plugin', line: 54 }],
    },
    {
      fixture: 'invalid.default.az-aks-show.json',
      findings: [{ subject: SHOW, status: 'fail', basis: 'default' }],
    },
  ],
});
