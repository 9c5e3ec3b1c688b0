/** @module Tests for require-deployment-safeguards: both spellings of the active levels pass. */
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/workloads/require-deployment-safeguards.js';
import { clusterFrom, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF_CLUSTER = 'azurerm_kubernetes_cluster.main';

testRule('require-deployment-safeguards', {
  valid: [
    'valid.arm-rest.json',
    'valid.arm-template.json',
    'valid.az-aks-show.json',
    'valid.bicep.arm-template.json',
    // An azurerm_kubernetes_cluster_deployment_safeguard at level Warn refers to the cluster.
    'valid.terraform',
    'valid.terraform-plan.json',
  ],
  invalid: [
    {
      fixture: 'invalid.arm-rest.json',
      findings: [{ subject: CLUSTER, path: 'properties.safeguardsProfile.level', line: 38 }],
    },
    {
      fixture: 'invalid.arm-template.json',
      findings: [{ subject: CLUSTER, path: 'properties.safeguardsProfile.level', line: 30 }],
    },
    {
      fixture: 'invalid.az-aks-show.json',
      findings: [{ subject: CLUSTER, path: 'safeguardsProfile.level', line: 39 }],
    },
    // No Safeguards resource refers to the cluster: they may be switched on outside Terraform, so unknown.
    {
      fixture: 'invalid.terraform',
      findings: [
        {
          subject: TF_CLUSTER,
          path: 'azurerm_kubernetes_cluster_deployment_safeguard',
          status: 'not-assessed',
          line: 14,
        },
      ],
    },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [
        {
          subject: TF_CLUSTER,
          path: 'azurerm_kubernetes_cluster_deployment_safeguard',
          status: 'not-assessed',
          line: 8,
        },
      ],
    },
    {
      fixture: 'unknown.az-aks-show.json',
      findings: [
        {
          subject: CLUSTER,
          path: 'deploymentSafeguards/default.properties.level',
          status: 'not-assessed',
          line: 1,
        },
      ],
    },
  ],
});

describe('require-deployment-safeguards (messages)', () => {
  it('says what decided the result (invalid.arm-template.json)', async () => {
    const { result } = await runRuleOn('require-deployment-safeguards', 'invalid.arm-template.json');
    expect(result.findings[0]?.message).toContain(
      'level Off, which checks nothing (not set; AKS API default)',
    );
  });
});

const level = (value: string) => clusterFrom({ safeguardsProfile: { level: value } });

describe('require-deployment-safeguards (in memory)', () => {
  it.each(['Warn', 'Warning', 'Enforce', 'Enforcement', 'enforce'])('passes at %s', (value) => {
    expect(runRuleOnClusters(rule, level(value)).map((r) => r.status)).toEqual(['pass']);
  });

  it('fails at Off and when absent (AKS default Off)', () => {
    const results = runRuleOnClusters(rule, level('Off'), clusterFrom({}));
    expect(results.map((r) => [r.status, r.path])).toEqual([
      ['fail', 'properties.safeguardsProfile.level'],
      ['fail', 'properties.safeguardsProfile.level'],
    ]);
    expect(results[0]?.message).toBe('Deployment Safeguards are at level Off, which checks nothing.');
    expect(results[1]?.basis).toBe('default');
  });

  it('is not assessed when unknown', () => {
    const cluster = clusterFrom({}, { unknown: ['safeguardsProfile.level'] });
    expect(runRuleOnClusters(rule, cluster).map((r) => r.status)).toEqual(['not-assessed']);
  });
});
