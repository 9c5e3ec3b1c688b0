/** @module Tests for no-broad-authorized-ip-ranges: which ranges are too broad, invalid CIDRs, and when the rule applies. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/api-server/no-broad-authorized-ip-ranges.js';
import { parseAuthorizedRange } from '../../../src/model/index.js';
import { whyBroad } from '../../../src/rules/api-server/no-broad-authorized-ip-ranges.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const SHOW = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';
const RANGES = 'properties.apiServerAccessProfile.authorizedIPRanges';
const publicWith = (authorizedIPRanges: readonly string[]) =>
  clusterFrom({ apiServerAccessProfile: { enablePrivateCluster: false, authorizedIPRanges } });

describe('whyBroad', () => {
  it.each([
    ['0.0.0.0/0', 'every address'],
    ['::/0', 'every address'],
    ['8.0.0.0/7', 'wider than /8'],
    ['10.0.0.0/7', 'wider than /8'],
    ['20.32.0.0/12', 'a public range larger than a /16'],
    ['203.0.0.0/15', 'a public range larger than a /16'],
    ['172.0.0.0/11', 'a public range larger than a /16'],
    ['2000::/16', 'wider than /32'],
    ['fd00::/8', 'wider than /32'],
    ['2001:db8::/40', 'a public range larger than a /48'],
  ])('%s is %s', (text, why) => {
    const range = parseAuthorizedRange(text);
    expect(range && whyBroad(range)).toBe(why);
  });

  it.each([
    '10.0.0.0/8',
    '172.16.0.0/12',
    '192.168.0.0/16',
    '100.64.0.0/10',
    '20.32.0.0/16',
    '203.0.113.0/28',
    '198.51.100.7',
    'fd12:3456::/32',
    '2001:db8:1::/48',
  ])('%s is narrow enough', (text) => {
    const range = parseAuthorizedRange(text);
    expect(range && whyBroad(range)).toBeUndefined();
  });
});

describe('no-broad-authorized-ip-ranges on in-memory clusters', () => {
  it('reports the broad ranges in one result, at the ranges setting', () => {
    const results = runRuleOnClusters(rule, publicWith(['203.0.113.0/28', '0.0.0.0/0', '20.32.0.0/12']));
    expect(results).toMatchObject([{ status: 'fail', path: RANGES }]);
    expect(results[0]?.message).toContain('0.0.0.0/0 (every address)');
    expect(results[0]?.message).toContain('20.32.0.0/12 (a public range larger than a /16)');
    expect(results[0]?.message).not.toContain('203.0.113.0/28');
  });

  it('reports each invalid CIDR on its own, by index', () => {
    const results = runRuleOnClusters(rule, publicWith(['10.0.0.0/33', '203.0.113.0/28', 'office']));
    expect(results).toMatchObject([
      { status: 'fail', path: `${RANGES}[0]` },
      { status: 'fail', path: `${RANGES}[2]` },
      { status: 'pass', path: RANGES },
    ]);
    expect(results[0]?.message).toContain('not a valid CIDR, AKS will reject it');
  });

  it('passes narrow ranges', () => {
    expect(runRuleOnClusters(rule, publicWith(['203.0.113.0/28', '10.0.0.0/8']))).toMatchObject([
      { status: 'pass' },
    ]);
  });

  it('passes a private cluster as not applicable', () => {
    const cluster = clusterFrom({ apiServerAccessProfile: { enablePrivateCluster: true } });
    const results = runRuleOnClusters(rule, cluster);
    expect(results).toMatchObject([
      { status: 'pass', path: 'properties.apiServerAccessProfile.enablePrivateCluster' },
    ]);
    expect(results[0]?.message).toContain('Not applicable');
  });

  it('passes a public cluster without ranges and points at require-private-cluster', () => {
    const results = runRuleOnClusters(rule, publicWith([]));
    expect(results).toMatchObject([{ status: 'pass' }]);
    expect(results[0]?.message).toContain('require-private-cluster');
  });

  it('does not assess unknown ranges', () => {
    const cluster = clusterFrom({}, { unknown: ['apiServerAccessProfile.authorizedIPRanges'] });
    expect(runRuleOnClusters(rule, cluster)).toMatchObject([{ status: 'not-assessed', path: RANGES }]);
  });

  it('does not assess broad ranges when the private mode is unknown, but passes narrow ones', () => {
    const unknownPrivate = { unknown: ['apiServerAccessProfile.enablePrivateCluster'] };
    const broad = clusterFrom(
      { apiServerAccessProfile: { authorizedIPRanges: ['0.0.0.0/0'] } },
      unknownPrivate,
    );
    const narrow = clusterFrom(
      { apiServerAccessProfile: { authorizedIPRanges: ['203.0.113.0/28'] } },
      unknownPrivate,
    );
    expect(runRuleOnClusters(rule, broad)).toMatchObject([{ status: 'not-assessed' }]);
    expect(runRuleOnClusters(rule, narrow)).toMatchObject([{ status: 'pass' }]);
  });
});

testRule('no-broad-authorized-ip-ranges', {
  valid: [
    'valid.az-aks-show.json',
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.terraform',
    'valid.terraform-plan.json',
    'valid.private.az-aks-show.json',
    'valid.default.az-aks-show.json',
  ],
  invalid: [
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: SHOW, path: 'apiServerAccessProfile.authorizedIPRanges', line: 46 }],
    },
    { fixture: 'invalid.arm-rest.json', findings: [{ subject: SHOW, path: RANGES, line: 37 }] },
    { fixture: 'invalid.arm-template.json', findings: [{ subject: SHOW, line: 54 }] },
    {
      fixture: 'invalid.terraform',
      findings: [{ subject: TF, path: 'api_server_access_profile.authorized_ip_ranges', line: 46 }],
    },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'api_server_access_profile.authorized_ip_ranges', line: 54 }],
    },
    { fixture: 'invalid.terraform-v3', findings: [{ subject: TF, line: 43 }] },
    {
      fixture: 'invalid.not-a-cidr.az-aks-show.json',
      findings: [
        { subject: SHOW, path: 'apiServerAccessProfile.authorizedIPRanges[1]', status: 'fail', line: 46 },
      ],
    },
  ],
});
