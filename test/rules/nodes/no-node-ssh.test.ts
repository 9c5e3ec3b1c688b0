/** @module Tests for no-node-ssh: one result per pool, EntraId accepted with a note, the default LocalUser fails. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/nodes/no-node-ssh.js';
import { clusterFrom, poolPathLine, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('no-node-ssh', {
  valid: [
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.az-aks-show.json',
    'valid.entraid.az-aks-show.json',
  ],
  invalid: [
    {
      fixture: 'invalid.arm-rest.json',
      findings: [
        { subject: CLUSTER, path: 'properties.agentPoolProfiles[1].securityProfile.sshAccess', line: 44 },
      ],
    },
    {
      fixture: 'invalid.arm-template.json',
      findings: [
        { subject: CLUSTER, path: 'properties.agentPoolProfiles[1].securityProfile.sshAccess', line: 57 },
      ],
    },
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: CLUSTER, path: 'agentPoolProfiles[1].securityProfile.sshAccess', line: 26 }],
    },
    {
      fixture: 'invalid.default.arm-template.json',
      findings: [
        { subject: CLUSTER, path: 'properties.agentPoolProfiles[0].securityProfile.sshAccess', line: 34 },
      ],
    },
    {
      fixture: 'unknown.terraform',
      findings: [{ subject: TF, path: 'default_node_pool', status: 'not-assessed', line: 22 }],
    },
    {
      fixture: 'unknown.terraform-plan.json',
      findings: [{ subject: TF, path: 'default_node_pool', status: 'not-assessed', line: 22 }],
    },
  ],
});

describe('no-node-ssh (messages)', () => {
  it('says what decided the result (invalid.default.arm-template.json)', async () => {
    const { result } = await runRuleOn('no-node-ssh', 'invalid.default.arm-template.json');
    expect(result.findings[0]?.basis).toBe('default');
  });
});

const pool = (name: string, sshAccess?: string) => ({
  name,
  mode: name === 'system' ? 'System' : 'User',
  ...(sshAccess === undefined ? {} : { securityProfile: { sshAccess } }),
});

describe('no-node-ssh (in memory)', () => {
  it('reports each pool at its own setting', () => {
    const cluster = clusterFrom({
      agentPoolProfiles: [pool('system', 'Disabled'), pool('apps', 'LocalUser'), pool('batch', 'EntraId')],
    });
    const results = runRuleOnClusters(rule, cluster);
    expect(results.map((r) => [r.status, r.path, r.line])).toEqual([
      [
        'pass',
        'properties.agentPoolProfiles[0].securityProfile.sshAccess',
        poolPathLine(0, 'securityProfile.sshAccess'),
      ],
      [
        'fail',
        'properties.agentPoolProfiles[1].securityProfile.sshAccess',
        poolPathLine(1, 'securityProfile.sshAccess'),
      ],
      [
        'pass',
        'properties.agentPoolProfiles[2].securityProfile.sshAccess',
        poolPathLine(2, 'securityProfile.sshAccess'),
      ],
    ]);
    expect(results[1]?.message).toBe('node pool "apps": SSH access is LocalUser.');
    expect(results[2]?.message).toContain('Azure Policy 28257686');
  });

  it('fails on the AKS default (LocalUser) and says it is a default', () => {
    const [result] = runRuleOnClusters(rule, clusterFrom({ agentPoolProfiles: [pool('system')] }));
    expect(result).toMatchObject({ status: 'fail', severity: 'critical' });
    expect(result?.message).toBe('node pool "system": SSH access is LocalUser (not set; AKS API default).');
  });

  it('is not assessed with the loader reason when the pool value or the pool list is unknown', () => {
    const unknownValue = clusterFrom(
      { agentPoolProfiles: [pool('system', 'Disabled')] },
      { unknown: ['agentPoolProfiles[0].securityProfile.sshAccess'] },
    );
    const unknownPools = clusterFrom({}, { unknown: ['agentPoolProfiles'] });
    const results = runRuleOnClusters(rule, unknownValue, unknownPools);
    expect(results.map((r) => [r.status, r.path])).toEqual([
      ['not-assessed', 'properties.agentPoolProfiles[0].securityProfile.sshAccess'],
      ['not-assessed', 'properties.agentPoolProfiles'],
    ]);
    expect(results[1]?.message).toBe('node pools: agentPoolProfiles cannot be listed');
  });
});
