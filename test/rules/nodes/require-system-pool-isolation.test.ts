/** @module Tests for require-system-pool-isolation: System pools carry the CriticalAddonsOnly taint. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/nodes/require-system-pool-isolation.js';
import { clusterFrom, poolPathLine, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('require-system-pool-isolation', {
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
      findings: [{ subject: CLUSTER, path: 'properties.agentPoolProfiles[0].nodeTaints', line: 29 }],
    },
    {
      fixture: 'invalid.arm-template.json',
      findings: [{ subject: CLUSTER, path: 'properties.agentPoolProfiles[0].nodeTaints', line: 43 }],
    },
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: CLUSTER, path: 'agentPoolProfiles[0].nodeTaints', line: 7 }],
    },
    {
      fixture: 'invalid.terraform',
      findings: [{ subject: TF, path: 'default_node_pool.node_taints', line: 22 }],
    },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'default_node_pool.node_taints', line: 22 }],
    },
  ],
});

describe('require-system-pool-isolation (messages)', () => {
  it('says what decided the result (invalid.az-aks-show.json)', async () => {
    const { result } = await runRuleOn('require-system-pool-isolation', 'invalid.az-aks-show.json');
    expect(result.findings[0]?.basis).toBe('default');
  });
});

const pool = (name: string, mode: string, nodeTaints?: string[]) => ({
  name,
  mode,
  ...(nodeTaints === undefined ? {} : { nodeTaints }),
});

describe('require-system-pool-isolation (in memory)', () => {
  it('checks System pools only, accepting NoSchedule and NoExecute', () => {
    const cluster = clusterFrom({
      agentPoolProfiles: [
        pool('system', 'System', ['CriticalAddonsOnly=true:NoSchedule']),
        pool('system2', 'System', ['CriticalAddonsOnly=true:NoExecute']),
        pool('apps', 'User'),
      ],
    });
    expect(runRuleOnClusters(rule, cluster).map((r) => [r.status, r.path])).toEqual([
      ['pass', 'properties.agentPoolProfiles[0].nodeTaints'],
      ['pass', 'properties.agentPoolProfiles[1].nodeTaints'],
    ]);
  });

  it('fails a System pool without the taint, or with a wrong value or effect', () => {
    const cluster = clusterFrom({
      agentPoolProfiles: [
        pool('system', 'System'),
        pool('sys2', 'System', ['CriticalAddonsOnly=false:NoSchedule', 'team=infra:PreferNoSchedule']),
        pool('sys3', 'System', ['CriticalAddonsOnly=true:PreferNoSchedule']),
      ],
    });
    const results = runRuleOnClusters(rule, cluster);
    expect(results.map((r) => [r.status, r.line])).toEqual([
      ['fail', poolPathLine(0, 'nodeTaints')],
      ['fail', poolPathLine(1, 'nodeTaints')],
      ['fail', poolPathLine(2, 'nodeTaints')],
    ]);
    expect(results[0]?.basis).toBe('default');
  });

  it('fails a complete list without a System pool, and an empty list', () => {
    const noSystem = clusterFrom({ agentPoolProfiles: [pool('apps', 'User')] });
    const empty = clusterFrom({ agentPoolProfiles: [] });
    expect(runRuleOnClusters(rule, noSystem, empty).map((r) => [r.status, r.path])).toEqual([
      ['fail', 'agentPoolProfiles'],
      ['fail', 'agentPoolProfiles'],
    ]);
  });

  it('is not assessed when a mode, the taints or the pool list is unknown', () => {
    const unknownMode = clusterFrom(
      { agentPoolProfiles: [pool('apps', 'User')] },
      { unknown: ['agentPoolProfiles[0].mode'] },
    );
    const unknownTaints = clusterFrom(
      { agentPoolProfiles: [pool('system', 'System')] },
      { unknown: ['agentPoolProfiles[0].nodeTaints'] },
    );
    const unknownPools = clusterFrom({}, { unknown: ['agentPoolProfiles'] });
    const results = runRuleOnClusters(rule, unknownMode, unknownTaints, unknownPools);
    expect(results.map((r) => [r.status, r.path])).toEqual([
      ['not-assessed', 'properties.agentPoolProfiles[0].mode'],
      ['not-assessed', 'properties.agentPoolProfiles[0].nodeTaints'],
      ['not-assessed', 'properties.agentPoolProfiles'],
    ]);
  });
});
