/** @module Tests for no-private-cluster-public-fqdn: only private clusters, and the AKS default (a public FQDN) fails. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/api-server/no-private-cluster-public-fqdn.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const SHOW = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

describe('no-private-cluster-public-fqdn on in-memory clusters', () => {
  it('fails a private cluster that keeps the AKS default public FQDN, and says it is a default', () => {
    const results = runRuleOnClusters(
      rule,
      clusterFrom({ apiServerAccessProfile: { enablePrivateCluster: true } }),
    );
    expect(results).toMatchObject([
      { status: 'fail', path: 'properties.apiServerAccessProfile.enablePrivateClusterPublicFQDN' },
    ]);
    expect(results[0]?.basis).toBe('default');
  });

  it('passes a private cluster without a public FQDN', () => {
    const cluster = clusterFrom({
      apiServerAccessProfile: { enablePrivateCluster: true, enablePrivateClusterPublicFQDN: false },
    });
    expect(runRuleOnClusters(rule, cluster)).toMatchObject([{ status: 'pass' }]);
  });

  it('passes a public cluster as not applicable', () => {
    const results = runRuleOnClusters(rule, clusterFrom({}));
    expect(results).toMatchObject([{ status: 'pass' }]);
    expect(results[0]?.message).toContain('Not applicable');
  });

  it('does not assess when the private mode or the FQDN setting is unknown', () => {
    const unknownMode = clusterFrom({}, { unknown: ['apiServerAccessProfile.enablePrivateCluster'] });
    const unknownFqdn = clusterFrom(
      { apiServerAccessProfile: { enablePrivateCluster: true } },
      { unknown: ['apiServerAccessProfile.enablePrivateClusterPublicFQDN'] },
    );
    expect(runRuleOnClusters(rule, unknownMode, unknownFqdn)).toMatchObject([
      { status: 'not-assessed' },
      { status: 'not-assessed' },
    ]);
  });
});

testRule('no-private-cluster-public-fqdn', {
  valid: [
    'valid.az-aks-show.json',
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.terraform',
    'valid.terraform-plan.json',
    'valid.public.az-aks-show.json',
    // azurerm defaults private_cluster_public_fqdn_enabled to false, unlike the AKS API.
    'valid.default.terraform',
  ],
  invalid: [
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: SHOW, path: 'apiServerAccessProfile.enablePrivateClusterPublicFQDN', line: 47 }],
    },
    {
      fixture: 'invalid.arm-rest.json',
      findings: [
        { subject: SHOW, path: 'properties.apiServerAccessProfile.enablePrivateClusterPublicFQDN', line: 38 },
      ],
    },
    { fixture: 'invalid.arm-template.json', findings: [{ subject: SHOW, line: 54 }] },
    {
      fixture: 'invalid.terraform',
      findings: [{ subject: TF, path: 'private_cluster_public_fqdn_enabled', line: 44 }],
    },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'private_cluster_public_fqdn_enabled', line: 24 }],
    },
    {
      fixture: 'invalid.default.az-aks-show.json',
      findings: [{ subject: SHOW, status: 'fail', basis: 'default' }],
    },
  ],
});
