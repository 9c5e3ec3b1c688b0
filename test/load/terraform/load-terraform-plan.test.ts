/** @module Tests of loadTerraformPlan on a terraform 1.x plan and a one-line state. */
import { describe, expect, it } from 'vitest';
import { isTerraformPlanJson, loadTerraformPlan } from '../../../src/load/terraform/load-terraform.js';
import type { AksCluster } from '../../../src/model/index.js';
import { brief, collectSink, fixtureText, nth, type CollectedSink } from './collect-sink.js';

function load(file: string): { sink: CollectedSink; cluster: AksCluster; count: number } {
  const sink = collectSink();
  const count = loadTerraformPlan(fixtureText(file), file, sink);
  const [cluster] = sink.clusters;
  if (!cluster) throw new Error('no cluster');
  return { sink, cluster, count };
}

describe('isTerraformPlanJson', () => {
  it('recognises plans and states, and nothing else', () => {
    expect(isTerraformPlanJson(JSON.parse(fixtureText('plan/plan.json')))).toBe(true);
    expect(isTerraformPlanJson(JSON.parse(fixtureText('plan/state.json')))).toBe(true);
    expect(isTerraformPlanJson({ format_version: '1.0', terraform_version: '1.9.5' })).toBe(true);
    expect(isTerraformPlanJson({ apiVersion: 'v1', kind: 'Pod' })).toBe(false);
    expect(isTerraformPlanJson({ $schema: 'x', resources: [] })).toBe(false);
    expect(isTerraformPlanJson({ format_version: 1 })).toBe(false);
    expect(isTerraformPlanJson(null)).toBe(false);
  });
});

describe('a terraform 1.x plan (cluster in a child module)', () => {
  const file = 'plan/plan.json';

  it('loads the cluster by its address', () => {
    const { sink, cluster, count } = load(file);
    expect(count).toBe(1);
    expect(sink.diagnostics).toEqual([]);
    expect(cluster).toMatchObject({
      name: 'aks-plan',
      format: 'terraform-plan',
      // The id is known only after apply: the address stands in.
      id: 'module.aks.azurerm_kubernetes_cluster.main',
      display: 'module.aks.azurerm_kubernetes_cluster.main',
      at: { file, line: 55 },
    });
  });

  it('reads planned values at their lines', () => {
    const { cluster } = load(file);
    expect(brief(cluster.apiServer.authorizedIPRanges)).toEqual({
      state: 'stated',
      value: ['0.0.0.0/0'],
      path: 'api_server_access_profile.authorized_ip_ranges',
      file,
      line: 65,
      column: 21,
    });
    // In a plan the provider default is already applied: it is stated.
    expect(brief(cluster.apiServer.enablePrivateClusterPublicFQDN)).toMatchObject({
      state: 'stated',
      value: false,
      line: 157,
    });
    expect(brief(cluster.upgrade.nodeOSChannel)).toMatchObject({
      state: 'stated',
      value: 'NodeImage',
      line: 152,
    });
    // `automatic_upgrade_channel: null` is the azurerm default `none`.
    expect(brief(cluster.upgrade.channel)).toMatchObject({
      state: 'default',
      value: 'none',
      basis: 'azurerm provider default',
      line: 73,
    });
    expect(brief(cluster.addons.azurepolicy)).toMatchObject({ state: 'stated', value: true, line: 75 });
    expect(cluster.addons.omsagent).toMatchObject({
      state: 'default',
      value: false,
      basis: 'AKS API default',
    });
    expect(cluster.identity.clusterIdentity).toMatchObject({ state: 'stated', value: 'SystemAssigned' });
  });

  it('makes values known only after apply unknown, pointing at after_unknown', () => {
    const { cluster } = load(file);
    expect(brief(cluster.kubernetesVersion)).toEqual({
      state: 'unknown',
      reason: 'known only after apply',
      path: 'kubernetes_version',
      file,
      line: 463,
      column: 11,
    });
    // The whole network_profile block is computed.
    expect(brief(cluster.network.networkPolicy)).toMatchObject({
      state: 'unknown',
      reason: 'known only after apply',
      path: 'network_profile.network_policy',
      line: 474,
    });
    expect(cluster.network.networkPlugin).toMatchObject({
      state: 'unknown',
      reason: 'known only after apply',
    });
  });

  it('reads the default pool and the node pool that references the cluster', () => {
    const { cluster } = load(file);
    expect(cluster.nodePools.state).toBe('stated');
    if (cluster.nodePools.state !== 'stated') return;
    const system = nth(cluster.nodePools.value, 0);
    const user = nth(cluster.nodePools.value, 1);
    expect(system).toMatchObject({ name: 'system', path: 'default_node_pool', at: { line: 80 } });
    expect(brief(system.nodeTaints)).toMatchObject({
      state: 'stated',
      value: ['CriticalAddonsOnly=true:NoSchedule'],
      path: 'default_node_pool.only_critical_addons_enabled',
      line: 97,
    });
    expect(brief(system.nodeLabels)).toMatchObject({
      state: 'unknown',
      reason: 'known only after apply',
      line: 436,
    });
    expect(user).toMatchObject({
      name: 'user',
      path: 'module.aks.azurerm_kubernetes_cluster_node_pool.user',
    });
    expect(brief(user.enableEncryptionAtHost)).toMatchObject({
      state: 'stated',
      value: true,
      path: 'module.aks.azurerm_kubernetes_cluster_node_pool.user.host_encryption_enabled',
      line: 191,
    });
  });

  it('matches the diagnostic setting through the module output it references', () => {
    const { cluster } = load(file);
    expect(cluster.diagnosticSettings).toMatchObject({
      state: 'stated',
      value: [
        {
          name: 'aks-audit',
          at: { file, line: 8 },
          enabledCategories: { state: 'stated', value: ['kube-audit-admin'], at: { line: 15 } },
        },
      ],
    });
  });

  it('reads maintenance windows and the Defender plan', () => {
    const { cluster } = load(file);
    expect(cluster.maintenanceConfigurations).toMatchObject({
      state: 'stated',
      value: [{ name: 'aksManagedNodeOSUpgradeSchedule', at: { line: 135 } }],
    });
    expect(brief(cluster.security.defenderPlan)).toMatchObject({
      state: 'stated',
      value: 'Standard',
      path: 'azurerm_security_center_subscription_pricing.containers.tier',
      line: 44,
    });
  });

  it('does not match a diagnostic setting whose target is unknown and unreferenced', () => {
    const plan = JSON.parse(fixtureText(file)) as {
      configuration: { root_module: { resources: unknown[] } };
    };
    plan.configuration.root_module.resources = [];
    const sink = collectSink();
    loadTerraformPlan(JSON.stringify(plan, null, 2), file, sink);
    expect(sink.clusters[0]?.diagnosticSettings).toMatchObject({
      state: 'unknown',
      reason:
        'azurerm_monitor_diagnostic_setting.aks: target_resource_id is known only after apply, and the plan does not say what it refers to, so it may target this cluster',
    });
  });
});

describe('a module instantiated with count', () => {
  it('gives each cluster the pools of its own module instance', () => {
    const instance = (module: string) => [
      {
        address: `${module}.azurerm_kubernetes_cluster.main`,
        mode: 'managed',
        type: 'azurerm_kubernetes_cluster',
        name: 'main',
        values: { name: `aks-${module}`, default_node_pool: [{ name: 'system' }] },
      },
      {
        address: `${module}.azurerm_kubernetes_cluster_node_pool.user`,
        mode: 'managed',
        type: 'azurerm_kubernetes_cluster_node_pool',
        name: 'user',
        values: { name: `user-${module}` },
      },
      {
        address: `${module}.azurerm_resource_group.rg`,
        mode: 'managed',
        type: 'azurerm_resource_group',
        name: 'rg',
      },
    ];
    const modules = ['module.aks[0]', 'module.aks[1]'];
    const plan = {
      format_version: '1.2',
      terraform_version: '1.9.5',
      planned_values: {
        root_module: { child_modules: modules.map((m) => ({ address: m, resources: instance(m) })) },
      },
      resource_changes: modules.flatMap((m) =>
        instance(m).map((r) => ({
          address: r.address,
          change: { actions: ['create'], after_unknown: { id: true, kubernetes_cluster_id: true } },
        })),
      ),
      configuration: {
        root_module: {
          module_calls: {
            aks: {
              source: './aks',
              count_expression: { constant_value: 2 },
              module: {
                resources: [
                  {
                    address: 'azurerm_kubernetes_cluster_node_pool.user',
                    expressions: {
                      kubernetes_cluster_id: {
                        references: ['azurerm_kubernetes_cluster.main.id', 'azurerm_kubernetes_cluster.main'],
                      },
                    },
                  },
                ],
              },
            },
          },
        },
      },
    };
    const sink = collectSink();
    expect(loadTerraformPlan(JSON.stringify(plan, null, 2), 'count.json', sink)).toBe(2);
    expect(
      sink.clusters.map((c) => [
        c.display,
        c.nodePools.state === 'stated' ? c.nodePools.value.map((p) => p.name) : c.nodePools.state,
      ]),
    ).toEqual([
      ['module.aks[0].azurerm_kubernetes_cluster.main', ['system', 'user-module.aks[0]']],
      ['module.aks[1].azurerm_kubernetes_cluster.main', ['system', 'user-module.aks[1]']],
    ]);
  });
});

describe('a terraform state (one line of JSON)', () => {
  const file = 'plan/state.json';
  const text = fixtureText(file);
  const column = (key: string): number => text.indexOf(`"${key}"`) + 1;

  it('uses the Azure resource id and points at columns of line 1', () => {
    const { cluster } = load(file);
    expect(cluster.id).toBe(
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-state',
    );
    expect(cluster.display).toBe('azurerm_kubernetes_cluster.main');
    expect(brief(cluster.kubernetesVersion)).toEqual({
      state: 'stated',
      value: '1.30.3',
      path: 'kubernetes_version',
      file,
      line: 1,
      column: column('kubernetes_version'),
    });
    expect(cluster.network.networkPolicy).toMatchObject({ state: 'stated', value: 'cilium' });
    expect(cluster.network.networkDataplane).toMatchObject({ state: 'stated', value: 'cilium' });
  });

  it('matches a diagnostic setting by equal ids, and hands on one for another cluster', () => {
    const { cluster, sink } = load(file);
    expect(cluster.diagnosticSettings).toMatchObject({ state: 'stated', value: [{ name: 'aks-audit' }] });
    expect(sink.satellites).toMatchObject([
      {
        kind: 'diagnostic-setting',
        targetId:
          '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-other/providers/Microsoft.ContainerService/managedClusters/aks-other',
        value: { name: 'other-audit', enabledCategories: { state: 'stated', value: ['audit'] } },
      },
    ]);
  });
});

describe('bad plan input', () => {
  it('reports invalid JSON without quoting it', () => {
    const sink = collectSink();
    expect(loadTerraformPlan('{"format_version": "1.2", "password": "hunter2"', 'bad.json', sink)).toBe(0);
    expect(sink.diagnostics).toEqual([
      { code: 'parse-error', level: 'error', message: 'invalid JSON in a Terraform plan', file: 'bad.json' },
    ]);
  });

  it('reads an empty state as no cluster', () => {
    const sink = collectSink();
    expect(loadTerraformPlan('{"format_version":"1.0","terraform_version":"1.9.5"}', 's.json', sink)).toBe(0);
    expect(sink.diagnostics).toEqual([]);
  });
});
