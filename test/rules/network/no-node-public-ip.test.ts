/** @module Tests for no-node-public-ip: one result per node pool, at the pool's setting. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/network/no-node-public-ip.js';
import { clusterFrom, poolPathLine, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const SHOW = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

describe('no-node-public-ip on in-memory clusters', () => {
  it('reports one result per pool, at the pool setting line', () => {
    const cluster = clusterFrom({
      agentPoolProfiles: [
        { name: 'system', mode: 'System', enableNodePublicIP: false },
        { name: 'edge', mode: 'User', enableNodePublicIP: true },
        { name: 'batch', mode: 'User' },
      ],
    });
    expect(runRuleOnClusters(rule, cluster)).toMatchObject([
      { status: 'pass', path: 'properties.agentPoolProfiles[0].enableNodePublicIP' },
      {
        status: 'fail',
        severity: 'high',
        path: 'properties.agentPoolProfiles[1].enableNodePublicIP',
        line: poolPathLine(1, 'enableNodePublicIP'),
      },
      { status: 'pass', path: 'properties.agentPoolProfiles[2].enableNodePublicIP' },
    ]);
  });

  it('does not assess pools that cannot be listed, or a pool whose setting is unknown', () => {
    const unlisted = clusterFrom({}, { unknown: ['agentPoolProfiles'] });
    const unknownPool = clusterFrom(
      { agentPoolProfiles: [{ name: 'system' }] },
      { unknown: ['agentPoolProfiles[0].enableNodePublicIP'] },
    );
    expect(runRuleOnClusters(rule, unlisted, unknownPool).map((r) => r.status)).toEqual([
      'not-assessed',
      'not-assessed',
    ]);
  });
});

testRule('no-node-public-ip', {
  valid: [
    'valid.az-aks-show.json',
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.terraform',
    'valid.terraform-plan.json',
    'valid.default.az-aks-show.json',
  ],
  invalid: [
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [
        { subject: SHOW, path: 'agentPoolProfiles[1].enableNodePublicIP', severity: 'high', line: 49 },
      ],
    },
    {
      fixture: 'invalid.arm-rest.json',
      findings: [{ subject: SHOW, path: 'properties.agentPoolProfiles[1].enableNodePublicIP', line: 45 }],
    },
    { fixture: 'invalid.arm-template.json', findings: [{ subject: SHOW, line: 62 }] },
    {
      fixture: 'invalid.terraform',
      findings: [{ subject: TF, path: 'default_node_pool.node_public_ip_enabled', line: 37 }],
    },
    { fixture: 'invalid.terraform-v3', findings: [{ subject: TF, line: 37 }] },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'default_node_pool.node_public_ip_enabled', line: 35 }],
    },
  ],
});
