/** @module Tests for require-private-cluster: private passes, authorized ranges lower the severity to high, unknown is not assessed. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/api-server/require-private-cluster.js';
import {
  auditClusters,
  clusterFrom,
  clusterPathLine,
  runRuleOnClusters,
} from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const SHOW = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';
const api = (profile: Record<string, unknown>) => clusterFrom({ apiServerAccessProfile: profile });

describe('require-private-cluster on in-memory clusters', () => {
  it('passes a private cluster', () => {
    expect(runRuleOnClusters(rule, api({ enablePrivateCluster: true }))).toMatchObject([
      { status: 'pass', path: 'properties.apiServerAccessProfile.enablePrivateCluster' },
    ]);
  });

  it('fails a public cluster without ranges as critical, at the private-cluster setting', () => {
    const [result] = runRuleOnClusters(rule, api({ enablePrivateCluster: false, authorizedIPRanges: [] }));
    expect(result).toMatchObject({
      status: 'fail',
      severity: 'critical',
      line: clusterPathLine('apiServerAccessProfile.enablePrivateCluster'),
    });
  });

  it('fails a public cluster with ranges as high and counts them', () => {
    const [result] = runRuleOnClusters(
      rule,
      api({ enablePrivateCluster: false, authorizedIPRanges: ['203.0.113.0/28', '198.51.100.7/32'] }),
    );
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result?.message).toContain('restricted by 2 authorized ranges');
  });

  it('keeps the lowered severity through the engine', () => {
    const findings = auditClusters(
      rule,
      api({ enablePrivateCluster: false, authorizedIPRanges: ['203.0.113.0/28'] }),
    );
    expect(findings).toMatchObject([
      {
        ruleId: 'require-private-cluster',
        status: 'fail',
        severity: 'high',
        subject: { display: 'managedClusters/aks-test' },
        path: 'properties.apiServerAccessProfile.enablePrivateCluster',
      },
    ]);
  });

  it('fails as high when the ranges cannot be decided, saying it is critical if there are none', () => {
    const cluster = clusterFrom(
      { apiServerAccessProfile: { enablePrivateCluster: false } },
      { unknown: ['apiServerAccessProfile.authorizedIPRanges'] },
    );
    const [result] = runRuleOnClusters(rule, cluster);
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result?.message).toContain('cannot be decided');
    expect(result?.message).toContain('critical if there are none');
  });

  it('does not assess a cluster whose private mode is unknown', () => {
    const cluster = clusterFrom({}, { unknown: ['apiServerAccessProfile.enablePrivateCluster'] });
    expect(runRuleOnClusters(rule, cluster)).toMatchObject([{ status: 'not-assessed' }]);
  });

  it('does not assess a partial input that omits the setting', () => {
    expect(runRuleOnClusters(rule, clusterFrom({}, { complete: false }))).toMatchObject([
      { status: 'not-assessed' },
    ]);
  });

  it('says when the public endpoint comes from the AKS default', () => {
    const [result] = runRuleOnClusters(rule, clusterFrom({}));
    expect(result).toMatchObject({ status: 'fail', severity: 'critical' });
    expect(result?.basis).toBe('default');
  });
});

testRule('require-private-cluster', {
  valid: [
    'valid.az-aks-show.json',
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.bicep.arm-template.json',
    'valid.terraform',
    'valid.terraform-plan.json',
  ],
  invalid: [
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [
        {
          subject: SHOW,
          path: 'apiServerAccessProfile.enablePrivateCluster',
          severity: 'critical',
          line: 45,
        },
      ],
    },
    {
      fixture: 'invalid.arm-rest.json',
      findings: [
        {
          subject: SHOW,
          path: 'properties.apiServerAccessProfile.enablePrivateCluster',
          severity: 'critical',
          line: 36,
        },
      ],
    },
    { fixture: 'invalid.arm-template.json', findings: [{ subject: SHOW, severity: 'critical', line: 53 }] },
    {
      fixture: 'invalid.terraform',
      findings: [{ subject: TF, path: 'private_cluster_enabled', severity: 'critical', line: 43 }],
    },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, severity: 'critical', path: 'private_cluster_enabled', line: 23 }],
    },
    {
      fixture: 'invalid.default.az-aks-show.json',
      findings: [{ subject: SHOW, severity: 'critical', basis: 'default' }],
    },
    {
      fixture: 'invalid.ranges.az-aks-show.json',
      findings: [
        { subject: SHOW, path: 'apiServerAccessProfile.enablePrivateCluster', severity: 'high', line: 45 },
      ],
    },
    { fixture: 'invalid.ranges.terraform', findings: [{ subject: TF, severity: 'high', line: 43 }] },
    { fixture: 'invalid.terraform-v3', findings: [{ subject: TF, severity: 'high', line: 43 }] },
    {
      fixture: 'invalid.unknown-ranges.arm-template.json',
      findings: [{ subject: SHOW, status: 'fail', severity: 'high', line: 59 }],
    },
    { fixture: 'unknown.arm-template.json', findings: [{ subject: SHOW, status: 'not-assessed', line: 59 }] },
  ],
});
