/** @module Tests for require-api-server-vnet-integration. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/api-server/require-api-server-vnet-integration.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const SHOW = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

describe('require-api-server-vnet-integration on in-memory clusters', () => {
  it('passes when enabled, fails when disabled or defaulted, and does not assess unknown', () => {
    const results = runRuleOnClusters(
      rule,
      clusterFrom({ apiServerAccessProfile: { enableVnetIntegration: true } }),
      clusterFrom({ apiServerAccessProfile: { enableVnetIntegration: false } }),
      clusterFrom({}),
      clusterFrom({}, { unknown: ['apiServerAccessProfile.enableVnetIntegration'] }),
    );
    expect(results.map((r) => [r.status, r.severity])).toEqual([
      ['pass', 'info'],
      ['fail', 'info'],
      ['fail', 'info'],
      ['not-assessed', 'info'],
    ]);
    expect(results[2]?.basis).toBe('default');
  });
});

testRule('require-api-server-vnet-integration', {
  valid: [
    'valid.az-aks-show.json',
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.terraform',
    'valid.terraform-plan.json',
  ],
  invalid: [
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [
        { subject: SHOW, path: 'apiServerAccessProfile.enableVnetIntegration', severity: 'info', line: 45 },
      ],
    },
    {
      fixture: 'invalid.arm-rest.json',
      findings: [
        { subject: SHOW, path: 'properties.apiServerAccessProfile.enableVnetIntegration', line: 36 },
      ],
    },
    { fixture: 'invalid.arm-template.json', findings: [{ subject: SHOW, line: 53 }] },
    {
      fixture: 'invalid.terraform',
      findings: [
        { subject: TF, path: 'api_server_access_profile.virtual_network_integration_enabled', line: 44 },
      ],
    },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [
        { subject: TF, path: 'api_server_access_profile.virtual_network_integration_enabled', line: 58 },
      ],
    },
    {
      fixture: 'invalid.default.az-aks-show.json',
      findings: [{ subject: SHOW, status: 'fail', basis: 'default' }],
    },
  ],
});

describe('require-api-server-vnet-integration messages', () => {
  it('says a missing setting is the AKS default', async () => {
    const { result } = await runRuleOn(
      'require-api-server-vnet-integration',
      'invalid.default.az-aks-show.json',
    );
    expect(result.findings[0]?.basis).toBe('default');
  });
});
