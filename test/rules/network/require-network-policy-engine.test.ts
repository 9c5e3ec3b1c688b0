/** @module Tests for require-network-policy-engine: azure, calico and cilium are engines; cilium needs its dataplane. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/network/require-network-policy-engine.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const SHOW = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';
const network = (profile: Record<string, unknown>) => clusterFrom({ networkProfile: profile });

describe('require-network-policy-engine on in-memory clusters', () => {
  it('accepts azure, calico and cilium on the cilium dataplane', () => {
    const results = runRuleOnClusters(
      rule,
      network({ networkPlugin: 'azure', networkPolicy: 'azure' }),
      network({ networkPlugin: 'kubenet', networkPolicy: 'calico' }),
      network({ networkPlugin: 'azure', networkPolicy: 'cilium', networkDataplane: 'cilium' }),
      network({ networkPlugin: 'azure', networkPolicy: 'Calico' }),
    );
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
  });

  it('fails no engine, stated or defaulted, at the networkPolicy setting', () => {
    const results = runRuleOnClusters(rule, network({ networkPolicy: 'none' }), clusterFrom({}));
    expect(results).toMatchObject([
      { status: 'fail', severity: 'critical', path: 'properties.networkProfile.networkPolicy' },
      { status: 'fail', severity: 'critical', path: 'properties.networkProfile.networkPolicy' },
    ]);
    expect(results[1]?.basis).toBe('default');
  });

  it('fails cilium policy without the cilium dataplane, at the dataplane setting', () => {
    const results = runRuleOnClusters(
      rule,
      network({ networkPolicy: 'cilium', networkDataplane: 'azure' }),
      network({ networkPolicy: 'cilium' }),
    );
    expect(results).toMatchObject([
      { status: 'fail', path: 'properties.networkProfile.networkDataplane' },
      { status: 'fail', path: 'properties.networkProfile.networkDataplane' },
    ]);
    expect(results[0]?.message).toContain('cilium policy requires the cilium dataplane');
    expect(results[1]?.basis).toBe('default');
  });

  it('does not assess an unknown engine, or cilium on an unknown dataplane', () => {
    const results = runRuleOnClusters(
      rule,
      clusterFrom({}, { unknown: ['networkProfile.networkPolicy'] }),
      clusterFrom(
        { networkProfile: { networkPolicy: 'cilium' } },
        { unknown: ['networkProfile.networkDataplane'] },
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['not-assessed', 'not-assessed']);
  });
});

testRule('require-network-policy-engine', {
  valid: [
    'valid.az-aks-show.json',
    'valid.azure.az-aks-show.json',
    'valid.arm-rest.json',
    'valid.calico.arm-rest.json',
    'valid.arm-template.json',
    'valid.terraform',
    'valid.terraform-v3',
    'valid.terraform-plan.json',
  ],
  invalid: [
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: SHOW, path: 'networkProfile.networkPolicy', severity: 'critical', line: 52 }],
    },
    {
      fixture: 'invalid.arm-rest.json',
      findings: [{ subject: SHOW, path: 'properties.networkProfile.networkPolicy', line: 43 }],
    },
    { fixture: 'invalid.arm-template.json', findings: [{ subject: SHOW, line: 60 }] },
    // network_policy omitted from network_profile: the AKS default `none` applies.
    { fixture: 'invalid.terraform', findings: [{ subject: TF, status: 'fail' }] },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, status: 'fail', path: 'network_profile.network_policy', line: 56 }],
    },
    {
      fixture: 'invalid.cilium-without-dataplane.az-aks-show.json',
      findings: [{ subject: SHOW, path: 'networkProfile.networkDataplane', line: 53 }],
    },
    {
      fixture: 'invalid.default.az-aks-show.json',
      findings: [{ subject: SHOW, status: 'fail', basis: 'default' }],
    },
    { fixture: 'unknown.terraform', findings: [{ subject: TF, status: 'not-assessed', line: 51 }] },
  ],
});
