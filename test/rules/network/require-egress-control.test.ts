/** @module Tests for require-egress-control: userDefinedRouting (or an isolated cluster) passes. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/network/require-egress-control.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const SHOW = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';
const outbound = (outboundType: string) => clusterFrom({ networkProfile: { outboundType } });

describe('require-egress-control on in-memory clusters', () => {
  it('passes user-defined routing and isolated clusters', () => {
    const results = runRuleOnClusters(
      rule,
      outbound('userDefinedRouting'),
      outbound('none'),
      outbound('block'),
    );
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
    expect(results[1]?.message).toContain('isolated');
  });

  it('fails direct egress, stated or defaulted', () => {
    const results = runRuleOnClusters(
      rule,
      outbound('loadBalancer'),
      outbound('managedNATGateway'),
      outbound('userAssignedNATGateway'),
      clusterFrom({}),
    );
    expect(results.map((r) => r.status)).toEqual(['fail', 'fail', 'fail', 'fail']);
    expect(results[0]).toMatchObject({ severity: 'medium', path: 'properties.networkProfile.outboundType' });
    expect(results[3]?.basis).toBe('default');
  });

  it('does not assess an unknown outbound type', () => {
    const cluster = clusterFrom({}, { unknown: ['networkProfile.outboundType'] });
    expect(runRuleOnClusters(rule, cluster)).toMatchObject([{ status: 'not-assessed' }]);
  });
});

testRule('require-egress-control', {
  valid: [
    'valid.az-aks-show.json',
    'valid.none.az-aks-show.json',
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.terraform',
    'valid.terraform-plan.json',
  ],
  invalid: [
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: SHOW, path: 'networkProfile.outboundType', severity: 'medium', line: 50 }],
    },
    {
      fixture: 'invalid.arm-rest.json',
      findings: [{ subject: SHOW, path: 'properties.networkProfile.outboundType', line: 41 }],
    },
    { fixture: 'invalid.nat-gateway.arm-rest.json', findings: [{ subject: SHOW, line: 41 }] },
    { fixture: 'invalid.arm-template.json', findings: [{ subject: SHOW, line: 58 }] },
    {
      fixture: 'invalid.terraform',
      findings: [{ subject: TF, path: 'network_profile.outbound_type', line: 48 }],
    },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'network_profile.outbound_type', line: 61 }],
    },
    {
      fixture: 'invalid.default.az-aks-show.json',
      findings: [{ subject: SHOW, status: 'fail', basis: 'default' }],
    },
  ],
});
