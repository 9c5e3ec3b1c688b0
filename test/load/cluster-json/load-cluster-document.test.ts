import { describe, expect, it } from 'vitest';
import type { AksCluster } from '../../../src/model/index.js';
import { load, readFixture } from './memory-sink.js';

function only(clusters: readonly AksCluster[]): AksCluster {
  expect(clusters).toHaveLength(1);
  const [cluster] = clusters;
  if (!cluster) throw new Error('no cluster');
  return cluster;
}

describe('az aks show JSON', () => {
  const file = 'az-aks-show.json';
  const text = readFixture(file);
  const result = load(text, 'az-aks-show', file);
  const cluster = only(result.clusters);
  const at = (line: number) => ({ file, line });

  it('reads one cluster with its identity, and keeps the text for line lookups', () => {
    expect(result.count).toBe(1);
    expect(result.diagnostics).toEqual([]);
    expect(result.texts.get(file)).toBe(text);
    expect(cluster).toMatchObject({
      name: 'aks-prod',
      format: 'az-aks-show',
      id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg-aks-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod',
      display: 'managedClusters/aks-prod',
      at: at(1),
    });
  });

  it('states values with their line and path in az vocabulary (flattened, az casing)', () => {
    expect(cluster.apiServer.authorizedIPRanges).toEqual({
      state: 'stated',
      value: ['203.0.113.0/24', '198.51.100.17/32'],
      at: at(148),
      path: 'apiServerAccessProfile.authorizedIpRanges',
    });
    expect(cluster.apiServer.enablePrivateCluster).toEqual({
      state: 'stated',
      value: false,
      at: at(153),
      path: 'apiServerAccessProfile.enablePrivateCluster',
    });
    expect(cluster.identity.enableRBAC).toEqual({
      state: 'stated',
      value: true,
      at: at(178),
      path: 'enableRbac',
    });
    expect(cluster.skuTier).toEqual({ state: 'stated', value: 'Standard', at: at(280), path: 'sku.tier' });
    expect(cluster.identity.clusterIdentity).toEqual({
      state: 'stated',
      value: 'SystemAssigned',
      at: at(188),
      path: 'identity.type',
    });
  });

  it('matches add-on keys case-insensitively and reads the string "true" of enableSecretRotation', () => {
    expect(cluster.addons.omsagent).toEqual({
      state: 'stated',
      value: true,
      at: at(41),
      path: 'addonProfiles.omsAgent.enabled',
    });
    expect(cluster.addons.secretRotation).toEqual({
      state: 'stated',
      value: true,
      at: at(17),
      path: 'addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation',
    });
  });

  it('applies the AKS default to absent and null values, pointing at the nearest line', () => {
    expect(cluster.addons.kubeDashboard).toEqual({
      state: 'default',
      value: false,
      basis: 'AKS API default',
      at: at(14),
      path: 'addonProfiles.kubeDashboard.enabled',
    });
    expect(cluster.apiServer.disableRunCommand).toEqual({
      state: 'default',
      value: false,
      basis: 'AKS API default',
      at: at(152),
      path: 'apiServerAccessProfile.disableRunCommand',
    });
    expect(cluster.security.keyVaultKms).toMatchObject({ state: 'default', value: false, at: at(258) });
  });

  it('reads node pools with taints, public IPs and SSH access', () => {
    if (cluster.nodePools.state !== 'stated') throw new Error('pools not stated');
    const [system, apps] = cluster.nodePools.value;
    expect(system).toMatchObject({ name: 'system', at: at(46), path: 'agentPoolProfiles[0]' });
    expect(system?.nodeTaints).toEqual({
      state: 'stated',
      value: ['CriticalAddonsOnly=true:NoSchedule'],
      at: at(71),
      path: 'agentPoolProfiles[0].nodeTaints',
    });
    expect(system?.sshAccess).toMatchObject({ state: 'stated', value: 'Disabled', at: at(87) });
    expect(apps?.enableNodePublicIP).toEqual({
      state: 'stated',
      value: true,
      at: at(108),
      path: 'agentPoolProfiles[1].enableNodePublicIp',
    });
    expect(apps?.nodeTaints).toMatchObject({ state: 'default', value: [], at: at(123) });
    expect(apps?.sshAccess).toMatchObject({ state: 'default', value: 'LocalUser', at: at(134) });
  });

  it('leaves what az aks show does not print unknown, naming the command that would', () => {
    expect(cluster.maintenanceConfigurations).toMatchObject({ state: 'unknown', at: at(1) });
    expect(
      cluster.maintenanceConfigurations.state === 'unknown' && cluster.maintenanceConfigurations.reason,
    ).toContain(
      'az aks maintenanceconfiguration list --resource-group rg-aks-prod --cluster-name aks-prod -o json',
    );
    expect(cluster.diagnosticSettings.state === 'unknown' && cluster.diagnosticSettings.reason).toContain(
      `az monitor diagnostic-settings list --resource ${cluster.id} -o json`,
    );
    expect(cluster.security.deploymentSafeguards).toMatchObject({
      state: 'unknown',
      path: 'deploymentSafeguards/default.properties.level',
    });
    expect(cluster.security.defenderPlan.state).toBe('unknown');
  });

  it('reads az aks list output: one cluster per item, each at its own line', () => {
    const second = JSON.parse(text) as Record<string, unknown>;
    second.name = 'aks-dev';
    second.id =
      '/subscriptions/0/resourceGroups/rg-dev/providers/Microsoft.ContainerService/managedClusters/aks-dev';
    const list = JSON.stringify([JSON.parse(text), second], null, 2);
    const listed = load(list, 'az-aks-show', 'list.json');
    expect(listed.count).toBe(2);
    expect(listed.clusters.map((c) => [c.name, c.at.line])).toEqual([
      ['aks-prod', 2],
      ['aks-dev', list.split('\n').indexOf('  {', 2) + 1],
    ]);
  });
});

describe('ARM REST JSON', () => {
  const file = 'arm-rest.json';
  const cluster = only(load(readFixture(file), 'arm-rest', file).clusters);
  const at = (line: number) => ({ file, line });

  it('reads paths under properties, in REST vocabulary', () => {
    expect(cluster.format).toBe('arm-rest');
    expect(cluster.apiServer.enablePrivateCluster).toEqual({
      state: 'stated',
      value: true,
      at: at(149),
      path: 'properties.apiServerAccessProfile.enablePrivateCluster',
    });
    expect(cluster.skuTier).toEqual({ state: 'stated', value: 'Free', at: at(189), path: 'sku.tier' });
    expect(cluster.identity.clusterIdentity).toMatchObject({
      state: 'stated',
      value: 'UserAssigned',
      at: at(179),
    });
    expect(cluster.security.imageCleaner).toMatchObject({ state: 'stated', value: false, at: at(157) });
  });

  it('matches KubeDashboard and azurePolicy case-insensitively', () => {
    expect(cluster.addons.kubeDashboard).toEqual({
      state: 'stated',
      value: false,
      at: at(96),
      path: 'properties.addonProfiles.KubeDashboard.enabled',
    });
    expect(cluster.addons.azurepolicy).toMatchObject({
      state: 'stated',
      value: true,
      path: 'properties.addonProfiles.azurePolicy.enabled',
    });
    expect(cluster.addons.secretRotation).toMatchObject({ state: 'stated', value: false, at: at(114) });
  });

  it('defaults what the resource omits', () => {
    expect(cluster.network.networkPolicy).toEqual({
      state: 'default',
      value: 'none',
      basis: 'AKS API default',
      at: at(122),
      path: 'properties.networkProfile.networkPolicy',
    });
    expect(cluster.apiServer.authorizedIPRanges).toMatchObject({ state: 'default', value: [], at: at(148) });
  });

  it('reads the legacy apiServerAuthorizedIPRanges of API 2019-02/06 from a REST list', () => {
    const legacyFile = 'arm-rest-2019-list.json';
    const legacy = only(load(readFixture(legacyFile), 'arm-rest', legacyFile).clusters);
    expect(legacy.name).toBe('aks-legacy');
    expect(legacy.apiServer.authorizedIPRanges).toEqual({
      state: 'stated',
      value: ['0.0.0.0/0'],
      at: { file: legacyFile, line: 45 },
      path: 'properties.apiServerAuthorizedIPRanges',
    });
    expect(legacy.addons.kubeDashboard).toMatchObject({ state: 'stated', value: true });
    expect(legacy.identity.enableRBAC).toMatchObject({
      state: 'stated',
      value: false,
      at: { file: legacyFile, line: 37 },
    });
    expect(legacy.identity.clusterIdentity).toMatchObject({ state: 'stated', value: 'ServicePrincipal' });
  });

  it('reports a properties that is not an object and leaves its values unknown', () => {
    const text =
      '{\n  "name": "x",\n  "type": "Microsoft.ContainerService/managedClusters",\n  "properties": [1]\n}';
    const result = load(text, 'arm-rest', 'bad.json');
    const bad = only(result.clusters);
    expect(result.diagnostics).toEqual([
      {
        code: 'wrong-type',
        level: 'error',
        message: 'properties is an array, not an object',
        file: 'bad.json',
        line: 4,
      },
    ]);
    expect(bad.identity.enableRBAC).toEqual({
      state: 'unknown',
      reason: 'properties is an array, not an object',
      at: { file: 'bad.json', line: 4 },
      path: 'properties.enableRBAC',
    });
    expect(bad.nodePools.state).toBe('unknown');
    expect(bad.skuTier).toMatchObject({ state: 'default', value: 'Free' });
  });
});
