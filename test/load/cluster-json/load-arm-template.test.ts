import { describe, expect, it } from 'vitest';
import type { AksCluster, NodePool } from '../../../src/model/index.js';
import { load, readFixture } from './memory-sink.js';

function pools(cluster: AksCluster | undefined): readonly NodePool[] {
  if (cluster?.nodePools.state !== 'stated') throw new Error('node pools are not stated');
  return cluster.nodePools.value;
}

/** A template with one cluster (plus `extra` resources), as compact JSON with one resource per line. */
function template(
  cluster: Record<string, unknown>,
  extra: unknown[] = [],
  more: Record<string, unknown> = {},
): string {
  const resources = [
    { type: 'Microsoft.ContainerService/managedClusters', name: 'aks', ...cluster },
    ...extra,
  ];
  const body = resources.map((r) => `    ${JSON.stringify(r)}`).join(',\n');
  const head = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    ...more,
  });
  return `${head.slice(0, -1)},\n  "resources": [\n${body}\n  ]\n}`;
}

describe('ARM template with parameters, variables and child resources', () => {
  const file = 'arm-template.json';
  const result = load(readFixture(file), 'arm-template', file);
  const [cluster] = result.clusters;
  const at = (line: number) => ({ file, line });

  it('reads the cluster, named by its evaluated name', () => {
    expect(result.count).toBe(1);
    expect(cluster).toMatchObject({
      name: 'aks-tmpl',
      format: 'arm-template',
      id: 'managedClusters/aks-tmpl',
      display: 'managedClusters/aks-tmpl',
      at: at(70),
    });
  });

  it('evaluates parameters (with defaults), variables and functions', () => {
    expect(cluster?.kubernetesVersion).toEqual({
      state: 'stated',
      value: '1.30.3',
      at: at(83),
      path: 'properties.kubernetesVersion',
    });
    expect(cluster?.skuTier).toEqual({ state: 'stated', value: 'Standard', at: at(80), path: 'sku.tier' });
    expect(cluster?.upgrade.channel).toMatchObject({ state: 'stated', value: 'stable', at: at(125) });
    expect(cluster?.apiServer.authorizedIPRanges).toMatchObject({ state: 'stated', value: [], at: at(96) });
    expect(cluster?.identity.disableLocalAccounts).toMatchObject({
      state: 'stated',
      value: true,
      at: at(86),
    });
    expect(cluster?.diskEncryptionSetID).toMatchObject({
      state: 'stated',
      value:
        '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/diskEncryptionSets/aks-tmpl-des',
    });
  });

  it('reads values inside an object that is itself an expression, at the expression line', () => {
    expect(cluster?.addons.secretRotation).toEqual({
      state: 'stated',
      value: true,
      at: at(99),
      path: 'properties.addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation',
    });
    expect(cluster?.addons.kubeDashboard).toMatchObject({ state: 'default', value: false, at: at(99) });
  });

  it('leaves a value built on a parameter without default unknown, with an info diagnostic', () => {
    expect(cluster?.network.networkPolicy).toEqual({
      state: 'unknown',
      reason: 'parameter networkPolicy has no default value',
      at: at(103),
      path: 'properties.networkProfile.networkPolicy',
    });
    expect(cluster?.security.defender).toMatchObject({
      state: 'unknown',
      reason: 'parameter workspaceId has no default value',
      at: at(116),
    });
    expect(result.diagnostics).toContainEqual({
      code: 'unresolved-value',
      level: 'info',
      message: 'properties.networkProfile.networkPolicy: parameter networkPolicy has no default value',
      file,
      line: 103,
    });
  });

  it('merges agentPoolProfiles with child agentPools, skipping a false condition and noting an undecided one', () => {
    const [system, apps, gpu, ...rest] = pools(cluster);
    expect(rest).toEqual([]);
    expect(system).toMatchObject({ name: 'system', path: 'properties.agentPoolProfiles[0]', at: at(129) });
    expect(system?.nodeTaints).toMatchObject({
      state: 'stated',
      value: ['CriticalAddonsOnly=true:NoSchedule'],
      at: at(135),
    });
    expect(apps).toMatchObject({ name: 'apps', path: 'agentPools/apps.properties', at: at(147) });
    expect(apps?.nodeTaints).toEqual({
      state: 'stated',
      value: ['team=prod:NoSchedule'],
      at: at(163),
      path: 'agentPools/apps.properties.nodeTaints',
    });
    expect(apps?.nodeLabels).toMatchObject({ state: 'stated', value: { tier: 'prod' } });
    expect(gpu).toMatchObject({ name: 'gpu', at: at(227) });
    expect(gpu?.enableNodePublicIP).toMatchObject({ state: 'stated', value: true, at: at(237) });
    expect(result.diagnostics).toContainEqual({
      code: 'unresolved-value',
      level: 'info',
      message:
        'condition of resources[2] cannot be decided (parameter deployGpuPool has no default value); it is read as if deployed',
      file,
      line: 231,
    });
  });

  it('states maintenance configurations and diagnostic settings, nested or top-level', () => {
    expect(cluster?.maintenanceConfigurations).toEqual({
      state: 'stated',
      value: [
        { name: 'aksManagedAutoUpgradeSchedule', at: at(168) },
        { name: 'aksManagedNodeOSUpgradeSchedule', at: at(240) },
      ],
      at: at(70),
      path: 'maintenanceConfigurations',
    });
    if (cluster?.diagnosticSettings.state !== 'stated') throw new Error('diagnostic settings not stated');
    expect(cluster.diagnosticSettings.value).toEqual([
      {
        name: 'aks-audit',
        at: at(188),
        enabledCategories: {
          state: 'stated',
          value: ['kube-audit-admin', 'kube-apiserver'],
          at: at(197),
          path: 'diagnosticSettings/aks-audit.properties.logs',
        },
      },
      {
        name: 'all-logs',
        at: at(256),
        enabledCategories: {
          state: 'stated',
          value: ['allLogs'],
          at: at(263),
          path: 'diagnosticSettings/all-logs.properties.logs',
        },
      },
    ]);
  });

  it('reads the deploymentSafeguards resource scoped to the cluster and the Containers pricing', () => {
    expect(cluster?.security.deploymentSafeguards).toEqual({
      state: 'stated',
      value: 'Enforce',
      at: at(277),
      path: 'deploymentSafeguards/default.properties.level',
    });
    expect(cluster?.security.defenderPlan).toEqual({
      state: 'stated',
      value: 'Standard',
      at: at(286),
      path: 'pricings/Containers.properties.pricingTier',
    });
  });
});

describe('Bicep-compiled main.json (languageVersion 2.0)', () => {
  const file = 'bicep-main.json';
  const result = load(readFixture(file), 'arm-template', file);
  const [cluster] = result.clusters;
  const at = (line: number) => ({ file, line });

  it('reads resources keyed by symbolic name; an undecided name stands as its expression', () => {
    expect(result.clusters).toHaveLength(1);
    expect(cluster).toMatchObject({
      name: "[parameters('clusterName')]",
      id: "managedClusters/[parameters('clusterName')]",
      at: at(50),
    });
    expect(result.diagnostics).toContainEqual({
      code: 'unresolved-value',
      level: 'info',
      message:
        "the name of managedClusters/[parameters('clusterName')] cannot be decided (parameter clusterName has no default value); findings name the cluster by its expression",
      file,
      line: 53,
    });
  });

  it('evaluates Bicep constructs: if/createObject add-ons, union pools, format names of children', () => {
    expect(cluster?.addons.omsagent).toMatchObject({ state: 'stated', value: false, at: at(79) });
    expect(cluster?.addons.azurepolicy).toMatchObject({ state: 'stated', value: true, at: at(77) });
    const [system, user] = pools(cluster);
    expect(system).toMatchObject({ name: 'system', at: at(82), path: 'properties.agentPoolProfiles[0]' });
    expect(system?.nodeTaints).toMatchObject({
      state: 'stated',
      value: ['CriticalAddonsOnly=true:NoSchedule'],
      at: at(82),
    });
    expect(user?.sshAccess).toMatchObject({ state: 'stated', value: 'Disabled', at: at(121) });
    expect(cluster?.security.deploymentSafeguards).toMatchObject({
      state: 'stated',
      value: 'Warn',
      at: at(134),
    });
    expect(cluster?.maintenanceConfigurations).toMatchObject({ state: 'stated', value: [] });
  });

  it('follows a module (inner-scope nested deployment) to its diagnostic setting', () => {
    expect(cluster?.diagnosticSettings).toMatchObject({
      state: 'stated',
      value: [{ name: 'aks-audit', at: at(204), enabledCategories: { state: 'stated', value: ['audit'] } }],
    });
  });

  it('makes a setting scoped to an existing cluster a satellite, and does not load the existing cluster', () => {
    expect(result.count).toBe(2);
    expect(result.satellites).toEqual([
      {
        kind: 'diagnostic-setting',
        targetId: 'managedClusters/aks-shared',
        value: {
          name: 'shared-audit',
          at: at(146),
          enabledCategories: {
            state: 'stated',
            value: ['kube-audit'],
            at: at(153),
            path: 'diagnosticSettings/shared-audit.properties.logs',
          },
        },
      },
    ]);
  });
});

describe('ARM template edge cases', () => {
  it('loads a cluster built by a copy loop once, and warns', () => {
    const text = template({
      copy: { name: 'c', count: 2 },
      name: "[concat('aks-', copyIndex())]",
      properties: {},
    });
    const result = load(text, 'arm-template');
    expect(result.clusters.map((c) => c.name)).toEqual(['aks-[copyIndex()]']);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'unresolved-value', level: 'warning', line: 3 }),
    );
  });

  it('skips a cluster whose condition is false and loads one whose condition is undecided', () => {
    const parameters = {
      parameters: { deploy: { type: 'bool' }, off: { type: 'bool', defaultValue: false } },
    };
    const skipped = load(template({ condition: "[parameters('off')]" }, [], parameters), 'arm-template');
    expect(skipped.clusters).toEqual([]);
    const kept = load(template({ condition: "[parameters('deploy')]" }, [], parameters), 'arm-template');
    expect(kept.clusters.map((c) => c.name)).toEqual(['aks']);
    expect(kept.diagnostics).toEqual([
      expect.objectContaining({ code: 'unresolved-value', level: 'info', line: 3 }),
    ]);
  });

  it('makes the maintenance list unknown when one of its members may not be deployed', () => {
    const config = {
      type: 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
      name: 'aks/default',
      condition: "[parameters('maybe')]",
    };
    const text = template({ properties: {} }, [config], { parameters: { maybe: { type: 'bool' } } });
    const [cluster] = load(text, 'arm-template').clusters;
    expect(cluster?.maintenanceConfigurations).toEqual({
      state: 'unknown',
      reason:
        'maintenance configuration default may not be deployed: its condition cannot be decided (parameter maybe has no default value)',
      at: { file: 'input.json', line: 3 },
      path: 'maintenanceConfigurations',
    });
    expect(cluster?.diagnosticSettings).toMatchObject({ state: 'stated', value: [] });
  });

  it('cannot list pools built by a property copy loop', () => {
    const properties = {
      copy: [
        {
          name: 'agentPoolProfiles',
          count: 2,
          input: { name: "[concat('p', copyIndex('agentPoolProfiles'))]" },
        },
      ],
    };
    const [cluster] = load(template({ properties }), 'arm-template').clusters;
    expect(cluster?.nodePools).toEqual({
      state: 'unknown',
      reason: 'properties.agentPoolProfiles is built by a property copy loop',
      at: { file: 'input.json', line: 3 },
      path: 'properties.agentPoolProfiles',
    });
  });

  it('reads properties given as a variable, and reports properties of the wrong type', () => {
    const variables = {
      variables: { props: { enableRBAC: false, agentPoolProfiles: [{ name: 'p1', mode: 'System' }] } },
    };
    const [cluster] = load(
      template({ properties: "[variables('props')]" }, [], variables),
      'arm-template',
    ).clusters;
    expect(cluster?.identity.enableRBAC).toEqual({
      state: 'stated',
      value: false,
      at: { file: 'input.json', line: 3 },
      path: 'properties.enableRBAC',
    });
    expect(pools(cluster).map((p) => [p.name, p.mode.state])).toEqual([['p1', 'stated']]);
    const wrong = load(template({ properties: 7 }), 'arm-template');
    expect(wrong.diagnostics).toEqual([
      {
        code: 'wrong-type',
        level: 'error',
        message: 'properties is a number, not an object',
        file: 'input.json',
        line: 3,
      },
    ]);
    expect(wrong.clusters[0]?.identity.enableRBAC.state).toBe('unknown');
  });

  it('evaluates an outer-scope nested deployment in the enclosing template, and ties a symbolic scope', () => {
    const inner = {
      type: 'Microsoft.Resources/deployments',
      name: 'nested',
      properties: {
        mode: 'Incremental',
        template: {
          resources: [
            {
              type: 'Microsoft.ContainerService/deploymentSafeguards',
              name: 'default',
              scope: "[format('Microsoft.ContainerService/managedClusters/{0}', parameters('name'))]",
              properties: { level: "[parameters('level')]" },
            },
          ],
        },
      },
    };
    const more = {
      parameters: {
        name: { type: 'string', defaultValue: 'aks' },
        level: { type: 'string', defaultValue: 'Enforce' },
      },
    };
    const [cluster] = load(
      template({ name: "[parameters('name')]" }, [inner], more),
      'arm-template',
    ).clusters;
    expect(cluster?.security.deploymentSafeguards).toMatchObject({
      state: 'stated',
      value: 'Enforce',
      at: { line: 4 },
    });
  });

  it('reads no cluster from a template without one', () => {
    const text = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      resources: [{ type: 'Microsoft.Storage/storageAccounts', name: 's' }],
    });
    const result = load(text, 'arm-template');
    expect([result.count, result.clusters, result.diagnostics]).toEqual([0, [], []]);
  });
});

describe('ARM template references', () => {
  it('ignores existing child resources: they are references, not definitions', () => {
    const existingPool = {
      existing: true,
      type: 'Microsoft.ContainerService/managedClusters/agentPools',
      name: 'aks/system',
    };
    const cluster = { properties: { agentPoolProfiles: [{ name: 'system', enableNodePublicIP: false }] } };
    const [loaded] = load(template(cluster, [existingPool]), 'arm-template').clusters;
    expect(pools(loaded).map((p) => [p.name, p.path])).toEqual([
      ['system', 'properties.agentPoolProfiles[0]'],
    ]);
  });
});
