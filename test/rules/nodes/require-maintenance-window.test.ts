/** @module Tests for require-maintenance-window: the configurations are a separate resource list. */
import { describe, expect, it } from 'vitest';
import type { AksCluster } from '../../../src/model/index.js';
import rule from '../../../src/rules/nodes/require-maintenance-window.js';
import { clusterFrom, MEMORY_FILE, runRuleOnClusters } from '../../helpers/cluster-from.js';
import { testRule } from '../../helpers/test-rule.js';

const CLUSTER = 'managedClusters/aks-payments-prod';
const TF = 'azurerm_kubernetes_cluster.main';

testRule('require-maintenance-window', {
  valid: ['valid.arm-template.json', 'valid.terraform', 'valid.terraform-plan.json'],
  invalid: [
    {
      fixture: 'invalid.arm-template.json',
      findings: [{ subject: CLUSTER, path: 'maintenanceConfigurations', line: 18 }],
    },
    { fixture: 'invalid.terraform', findings: [{ subject: TF, path: 'maintenance_window', line: 14 }] },
    {
      fixture: 'invalid.terraform-plan.json',
      findings: [{ subject: TF, path: 'maintenance_window', line: 8 }],
    },
    {
      fixture: 'unknown.arm-rest.json',
      findings: [{ subject: CLUSTER, path: 'maintenanceConfigurations', status: 'not-assessed', line: 1 }],
    },
    {
      fixture: 'unknown.az-aks-show.json',
      findings: [{ subject: CLUSTER, path: 'maintenanceConfigurations', status: 'not-assessed', line: 1 }],
    },
  ],
});

const at = (line: number) => ({ file: MEMORY_FILE, line });
const withConfigurations = (
  maintenanceConfigurations: AksCluster['maintenanceConfigurations'],
): AksCluster => ({ ...clusterFrom({}), maintenanceConfigurations });

describe('require-maintenance-window (in memory)', () => {
  it('passes with a configuration, at its line, naming them', () => {
    const cluster = withConfigurations({
      state: 'stated',
      value: [
        { name: 'aksManagedAutoUpgradeSchedule', at: at(40) },
        { name: 'aksManagedNodeOSUpgradeSchedule', at: at(60) },
      ],
      at: at(1),
      path: 'maintenanceConfigurations',
    });
    expect(runRuleOnClusters(rule, cluster)).toEqual([
      {
        status: 'pass',
        severity: 'low',
        path: 'maintenanceConfigurations',
        line: 40,
        message: 'planned maintenance: aksManagedAutoUpgradeSchedule, aksManagedNodeOSUpgradeSchedule.',
      },
    ]);
  });

  it('fails on a stated empty list', () => {
    const cluster = withConfigurations({
      state: 'stated',
      value: [],
      at: at(1),
      path: 'maintenanceConfigurations',
    });
    expect(runRuleOnClusters(rule, cluster).map((r) => [r.status, r.line])).toEqual([['fail', 1]]);
  });

  it('is not assessed with the loader reason when unknown', () => {
    const reason = 'az aks show does not include maintenance configurations';
    const cluster = withConfigurations({
      state: 'unknown',
      reason,
      at: at(1),
      path: 'maintenanceConfigurations',
    });
    const [result] = runRuleOnClusters(rule, cluster);
    expect(result).toMatchObject({
      status: 'not-assessed',
      message: `maintenance configurations: ${reason}`,
    });
  });
});
