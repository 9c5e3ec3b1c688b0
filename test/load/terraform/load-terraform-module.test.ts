/** @module Tests of loadTerraformModule on azurerm 2, 3 and 4 modules, repetition, dynamic blocks and syntax errors. */
import { describe, expect, it } from 'vitest';
import { loadTerraformModule } from '../../../src/load/terraform/load-terraform.js';
import type { AksCluster, NodePool } from '../../../src/model/index.js';
import { brief, collectSink, fixtureFiles, nth, type CollectedSink } from './collect-sink.js';

const loaded = new Map<string, Promise<{ sink: CollectedSink; count: number }>>();

/** Each fixture module is loaded once: the tests only read the result. */
function load(folder: string): Promise<{ sink: CollectedSink; count: number }> {
  let result = loaded.get(folder);
  if (!result) {
    const sink = collectSink();
    result = loadTerraformModule(fixtureFiles(folder), sink).then((count) => ({ sink, count }));
    loaded.set(folder, result);
  }
  return result;
}

function only(sink: CollectedSink, display: string): AksCluster {
  const cluster = sink.clusters.find((c) => c.display === display);
  if (!cluster) throw new Error(`no cluster ${display}`);
  return cluster;
}

function pools(cluster: AksCluster): readonly NodePool[] {
  if (cluster.nodePools.state !== 'stated') throw new Error('pools are not stated');
  return cluster.nodePools.value;
}

describe('azurerm 4 module', () => {
  const file = 'v4-module/main.tf';

  it('loads one cluster named by its address, with no diagnostics', async () => {
    const { sink, count } = await load('v4-module');
    expect(count).toBe(1);
    expect(sink.diagnostics).toEqual([]);
    const cluster = only(sink, 'azurerm_kubernetes_cluster.main');
    expect(cluster).toMatchObject({
      name: 'aks-prod',
      format: 'terraform',
      id: 'azurerm_kubernetes_cluster.main',
      at: { file, line: 20 },
    });
  });

  it('resolves variables, tfvars overrides and locals', async () => {
    const cluster = only((await load('v4-module')).sink, 'azurerm_kubernetes_cluster.main');
    expect(brief(cluster.kubernetesVersion)).toEqual({
      state: 'stated',
      value: '1.29',
      path: 'kubernetes_version',
      file,
      line: 25,
    });
    // terraform.tfvars overrides the "Free" default.
    expect(brief(cluster.skuTier)).toMatchObject({ state: 'stated', value: 'Standard', line: 26 });
    expect(brief(cluster.apiServer.authorizedIPRanges)).toEqual({
      state: 'stated',
      value: ['203.0.113.0/24', '198.51.100.10/32'],
      path: 'api_server_access_profile.authorized_ip_ranges',
      file,
      line: 37,
    });
  });

  it('reports a variable without default as unknown, with the reason', async () => {
    const cluster = only((await load('v4-module')).sink, 'azurerm_kubernetes_cluster.main');
    expect(brief(cluster.network.networkPolicy)).toEqual({
      state: 'unknown',
      reason: 'depends on var.network_policy, which has no default',
      path: 'network_profile.network_policy',
      file,
      line: 61,
    });
  });

  it('translates azurerm meanings into ARM ones', async () => {
    const cluster = only((await load('v4-module')).sink, 'azurerm_kubernetes_cluster.main');
    // run_command_enabled = false is disableRunCommand: true.
    expect(brief(cluster.apiServer.disableRunCommand)).toMatchObject({
      state: 'stated',
      value: true,
      path: 'run_command_enabled',
      line: 32,
    });
    expect(brief(cluster.identity.entraManaged)).toMatchObject({
      state: 'stated',
      value: true,
      path: 'azure_active_directory_role_based_access_control',
      line: 53,
    });
    expect(brief(cluster.identity.enableAzureRBAC)).toMatchObject({ state: 'stated', value: true, line: 54 });
    expect(brief(cluster.addons.omsagent)).toMatchObject({
      state: 'stated',
      value: true,
      path: 'oms_agent',
      line: 65,
    });
    expect(brief(cluster.addons.azureKeyvaultSecretsProvider)).toMatchObject({ value: true, line: 69 });
    expect(brief(cluster.addons.secretRotation)).toMatchObject({ value: true, line: 70 });
    expect(brief(cluster.security.defender)).toMatchObject({
      value: true,
      path: 'microsoft_defender',
      line: 73,
    });
    expect(brief(cluster.identity.clusterIdentity)).toMatchObject({ value: 'SystemAssigned', line: 50 });
    expect(brief(cluster.security.keyVaultKms)).toMatchObject({ state: 'default', value: false, line: 20 });
  });

  it('applies azurerm defaults where they differ from AKS, and AKS defaults elsewhere', async () => {
    const cluster = only((await load('v4-module')).sink, 'azurerm_kubernetes_cluster.main');
    expect(brief(cluster.apiServer.enablePrivateClusterPublicFQDN)).toEqual({
      state: 'default',
      value: false,
      basis: 'azurerm provider default',
      path: 'private_cluster_public_fqdn_enabled',
      file,
      line: 20,
    });
    expect(brief(cluster.upgrade.nodeOSChannel)).toMatchObject({
      state: 'default',
      value: 'NodeImage',
      basis: 'azurerm provider default',
    });
    expect(brief(cluster.upgrade.channel)).toMatchObject({ state: 'stated', value: 'patch', line: 34 });
    expect(brief(cluster.apiServer.enablePrivateCluster)).toMatchObject({
      state: 'default',
      value: false,
      basis: 'AKS API default',
    });
    // An absent attribute inside a present block points at the block.
    expect(brief(cluster.network.networkDataplane)).toMatchObject({
      state: 'default',
      value: 'azure',
      line: 58,
    });
  });

  it('marks what azurerm cannot express as unknown', async () => {
    const cluster = only((await load('v4-module')).sink, 'azurerm_kubernetes_cluster.main');
    expect(cluster.security.imageIntegrity.state).toBe('unknown');
    expect(cluster.security.deploymentSafeguards.state).toBe('unknown');
    for (const pool of pools(cluster)) {
      expect(pool.sshAccess).toMatchObject({
        state: 'unknown',
        reason:
          'azurerm has no attribute for node SSH access; set it with az aks nodepool update --ssh-access disabled and scan az aks show',
      });
    }
  });

  it('reads the default pool and the node pool resources of this cluster', async () => {
    const cluster = only((await load('v4-module')).sink, 'azurerm_kubernetes_cluster.main');
    expect(pools(cluster)).toHaveLength(2);
    const system = nth(pools(cluster), 0);
    const apps = nth(pools(cluster), 1);
    expect(system).toMatchObject({ name: 'system', path: 'default_node_pool', at: { file, line: 40 } });
    expect(system.mode).toMatchObject({ state: 'stated', value: 'System' });
    expect(brief(system.nodeTaints)).toEqual({
      state: 'stated',
      value: ['CriticalAddonsOnly=true:NoSchedule'],
      path: 'default_node_pool.only_critical_addons_enabled',
      file,
      line: 44,
    });
    expect(brief(system.enableEncryptionAtHost)).toMatchObject({ state: 'stated', value: true, line: 45 });
    expect(brief(system.nodeLabels)).toMatchObject({
      state: 'stated',
      value: { team: 'platform' },
      line: 46,
    });
    expect(apps).toMatchObject({ name: 'apps', path: 'azurerm_kubernetes_cluster_node_pool.apps' });
    expect(brief(apps.enableNodePublicIP)).toEqual({
      state: 'stated',
      value: true,
      path: 'azurerm_kubernetes_cluster_node_pool.apps.node_public_ip_enabled',
      file,
      line: 90,
    });
    expect(apps.nodeTaints).toMatchObject({ value: ['workload=apps:NoSchedule'] });
    expect(apps.mode).toMatchObject({ state: 'stated', value: 'User' });
  });

  it('attaches the diagnostic setting that targets it, expanding a dynamic enabled_log', async () => {
    const cluster = only((await load('v4-module')).sink, 'azurerm_kubernetes_cluster.main');
    expect(cluster.diagnosticSettings.state).toBe('stated');
    if (cluster.diagnosticSettings.state !== 'stated') return;
    expect(cluster.diagnosticSettings.value).toHaveLength(1);
    const setting = nth(cluster.diagnosticSettings.value, 0);
    expect(setting).toMatchObject({ name: 'aks-audit', at: { file: 'v4-module/monitoring.tf', line: 1 } });
    expect(brief(setting.enabledCategories)).toEqual({
      state: 'stated',
      value: ['kube-audit', 'kube-audit-admin', 'guard'],
      path: 'azurerm_monitor_diagnostic_setting.aks.enabled_log',
      file: 'v4-module/monitoring.tf',
      line: 6,
    });
  });

  it('reads maintenance windows and the Defender for Containers plan', async () => {
    const cluster = only((await load('v4-module')).sink, 'azurerm_kubernetes_cluster.main');
    expect(cluster.maintenanceConfigurations).toMatchObject({
      state: 'stated',
      value: [{ name: 'aksManagedAutoUpgradeSchedule', at: { file, line: 77 } }],
    });
    expect(brief(cluster.security.defenderPlan)).toEqual({
      state: 'stated',
      value: 'Standard',
      path: 'azurerm_security_center_subscription_pricing.containers.tier',
      file: 'v4-module/monitoring.tf',
      line: 29,
    });
  });
});

describe('azurerm 3 module (older spellings)', () => {
  const file = 'v3-module/main.tf';

  it('reads the older attribute names', async () => {
    const cluster = only((await load('v3-module')).sink, 'azurerm_kubernetes_cluster.legacy');
    expect(brief(cluster.skuTier)).toMatchObject({
      state: 'stated',
      value: 'Standard',
      path: 'sku_tier',
      line: 24,
    });
    expect(brief(cluster.apiServer.authorizedIPRanges)).toEqual({
      state: 'stated',
      value: ['10.0.0.0/8'],
      path: 'api_server_authorized_ip_ranges',
      file,
      line: 27,
    });
    expect(brief(cluster.apiServer.enablePrivateClusterPublicFQDN)).toMatchObject({
      state: 'stated',
      value: true,
    });
    expect(brief(cluster.upgrade.channel)).toMatchObject({
      value: 'stable',
      path: 'automatic_channel_upgrade',
      line: 28,
    });
    expect(brief(cluster.upgrade.nodeOSChannel)).toMatchObject({
      value: 'SecurityPatch',
      path: 'node_os_channel_upgrade',
      line: 29,
    });
    expect(brief(cluster.network.networkDataplane)).toMatchObject({
      value: 'cilium',
      path: 'network_profile.ebpf_data_plane',
      line: 56,
    });
    expect(brief(cluster.identity.entraManaged)).toMatchObject({
      value: true,
      path: 'azure_active_directory_role_based_access_control.managed',
      line: 49,
    });
    expect(brief(cluster.security.keyVaultKms)).toMatchObject({ state: 'stated', value: true, line: 59 });
    expect(cluster.maintenanceConfigurations).toMatchObject({
      state: 'stated',
      value: [{ name: 'default', at: { line: 63 } }],
    });
  });

  it('reports a service principal and an unresolvable resource attribute', async () => {
    const cluster = only((await load('v3-module')).sink, 'azurerm_kubernetes_cluster.legacy');
    expect(brief(cluster.identity.clusterIdentity)).toMatchObject({
      state: 'stated',
      value: 'ServicePrincipal',
      path: 'service_principal',
      line: 43,
    });
    expect(brief(cluster.diskEncryptionSetID)).toEqual({
      state: 'unknown',
      reason: 'depends on azurerm_disk_encryption_set.des.id, a resource attribute known only after apply',
      path: 'disk_encryption_set_id',
      file,
      line: 32,
    });
  });

  it('reads enable_* pool spellings and the older log blocks', async () => {
    const cluster = only((await load('v3-module')).sink, 'azurerm_kubernetes_cluster.legacy');
    const system = nth(pools(cluster), 0);
    const win = nth(pools(cluster), 1);
    expect(brief(system.enableEncryptionAtHost)).toMatchObject({
      value: true,
      path: 'default_node_pool.enable_host_encryption',
      line: 39,
    });
    expect(system.nodeTaints).toMatchObject({
      state: 'stated',
      value: ['CriticalAddonsOnly=true:NoSchedule'],
    });
    expect(win).toMatchObject({ name: 'win', osType: { state: 'stated', value: 'Windows' } });
    expect(brief(win.enableNodePublicIP)).toMatchObject({
      value: true,
      path: 'azurerm_kubernetes_cluster_node_pool.win.enable_node_public_ip',
      line: 97,
    });
    // `log { enabled = false }` is not an enabled category.
    expect(cluster.diagnosticSettings).toMatchObject({
      state: 'stated',
      value: [{ name: 'legacy-diag', enabledCategories: { state: 'stated', value: ['kube-apiserver'] } }],
    });
  });

  it('treats an Entra block naming its own applications as the legacy integration', async () => {
    const cluster = only((await load('v3-module')).sink, 'azurerm_kubernetes_cluster.aad_legacy');
    expect(brief(cluster.identity.entraManaged)).toMatchObject({ state: 'stated', value: false, line: 86 });
    // The node pool and diagnostic setting reference the other cluster.
    expect(pools(cluster).map((p) => p.name)).toEqual(['default']);
    expect(cluster.diagnosticSettings).toMatchObject({ state: 'stated', value: [] });
  });

  it('leaves the Defender plan unknown when a pricing resource_type is unresolved', async () => {
    const cluster = only((await load('v3-module')).sink, 'azurerm_kubernetes_cluster.legacy');
    expect(brief(cluster.security.defenderPlan)).toMatchObject({
      state: 'unknown',
      reason:
        'resource_type depends on var.pricing_type, which has no default, so it may be the Containers plan',
      line: 118,
    });
  });

  it('never puts a secret from tfvars into the model', async () => {
    const { sink } = await load('v3-module');
    expect(JSON.stringify(sink)).not.toContain('tfvars-secret-value-do-not-print');
  });
});

describe('azurerm 2 module (addon_profile)', () => {
  it('reads add-ons and RBAC from the v2 blocks', async () => {
    const cluster = only((await load('v2-addon-profile')).sink, 'azurerm_kubernetes_cluster.old');
    expect(brief(cluster.addons.kubeDashboard)).toEqual({
      state: 'stated',
      value: true,
      path: 'addon_profile.kube_dashboard.enabled',
      file: 'v2-addon-profile/main.tf',
      line: 34,
    });
    expect(brief(cluster.addons.omsagent)).toMatchObject({ state: 'stated', value: false, line: 37 });
    expect(brief(cluster.addons.azurepolicy)).toMatchObject({ state: 'stated', value: true, line: 40 });
    expect(brief(cluster.addons.httpApplicationRouting)).toMatchObject({
      state: 'stated',
      value: false,
      line: 43,
    });
    expect(brief(cluster.identity.enableRBAC)).toMatchObject({
      value: true,
      path: 'role_based_access_control.enabled',
      line: 24,
    });
    expect(brief(cluster.identity.entraManaged)).toMatchObject({ value: true, line: 27 });
    expect(brief(cluster.identity.enableAzureRBAC)).toMatchObject({ value: true, line: 28 });
    expect(cluster.identity.clusterIdentity).toMatchObject({ state: 'stated', value: 'UserAssigned' });
  });
});

describe('count, for_each and dynamic blocks', () => {
  const file = 'repetition/main.tf';

  it('loads a for_each cluster once and notes it', async () => {
    const { sink, count } = await load('repetition');
    expect(count).toBe(1);
    expect(sink.diagnostics.map((d) => [d.code, d.level, d.line, d.message.split(':')[0]])).toEqual([
      ['unresolved-value', 'info', 18, 'azurerm_kubernetes_cluster.fleet uses for_each'],
      ['unresolved-value', 'info', 54, 'azurerm_kubernetes_cluster_node_pool.extra uses count'],
    ]);
    const cluster = only(sink, 'azurerm_kubernetes_cluster.fleet');
    // `name = each.key` cannot be resolved: the cluster is named after its resource.
    expect(cluster.name).toBe('fleet');
    expect(brief(cluster.kubernetesVersion)).toEqual({
      state: 'unknown',
      reason: 'depends on each.value.version, which differs per for_each instance',
      path: 'kubernetes_version',
      file,
      line: 24,
    });
    expect(cluster.identity.disableLocalAccounts).toMatchObject({ state: 'stated', value: true });
  });

  it('makes a dynamic block over an unresolvable collection unknown', async () => {
    const cluster = only((await load('repetition')).sink, 'azurerm_kubernetes_cluster.fleet');
    expect(brief(cluster.security.defender)).toEqual({
      state: 'unknown',
      reason:
        'the dynamic "microsoft_defender" block depends on an expression over var.enable_defender that aksward does not evaluate',
      path: 'microsoft_defender',
      file,
      line: 36,
    });
    expect(brief(cluster.maintenanceConfigurations)).toEqual({
      state: 'unknown',
      reason: 'the dynamic "maintenance_window" block depends on var.windows, which has no default',
      path: 'maintenance_window',
      file,
      line: 43,
    });
  });

  it('loads a count node pool once and keeps diagnostic settings with an unresolved target unknown', async () => {
    const cluster = only((await load('repetition')).sink, 'azurerm_kubernetes_cluster.fleet');
    expect(pools(cluster).map((p) => p.name)).toEqual(['system', 'extra']);
    expect(brief(cluster.diagnosticSettings)).toEqual({
      state: 'unknown',
      reason:
        'azurerm_monitor_diagnostic_setting.external: target_resource_id depends on var.cluster_id, which has no default, so it may target this cluster',
      path: 'azurerm_monitor_diagnostic_setting.external.target_resource_id',
      file,
      line: 63,
    });
  });
});

describe('a module with a syntax error in one file', () => {
  it('reports the error with its line and still loads the other files', async () => {
    const { sink, count } = await load('syntax-error');
    expect(count).toBe(1);
    expect(sink.diagnostics).toHaveLength(1);
    expect(sink.diagnostics[0]).toMatchObject({
      code: 'parse-error',
      level: 'error',
      file: 'syntax-error/broken.tf',
      line: 4,
    });
    expect(sink.diagnostics[0]?.message).toMatch(/^HCL syntax error: /);
    const cluster = only(sink, 'azurerm_kubernetes_cluster.ok');
    expect(brief(cluster.identity.disableLocalAccounts)).toMatchObject({
      state: 'stated',
      value: true,
      file: 'syntax-error/cluster.tf',
      line: 6,
    });
  });
});

describe('files Terraform does not read as the module', () => {
  it('notes override files, .tf.json, other tfvars and module calls', async () => {
    const sink = collectSink();
    const count = await loadTerraformModule(
      [
        { file: 'm/main.tf', text: 'module "aks" {\n  source = "Azure/aks/azurerm"\n}\n' },
        { file: 'm/override.tf', text: '' },
        { file: 'm/extra.tf.json', text: '{}' },
        { file: 'm/prod.tfvars', text: 'x = 1\n' },
      ],
      sink,
    );
    // The registry AKS module may define a cluster: one whose every control is unknown, never a pass.
    expect(count).toBe(1);
    expect(sink.clusters[0]?.apiServer.enablePrivateCluster).toMatchObject({
      state: 'unknown',
      at: { line: 1 },
    });
    expect(sink.diagnostics.map((d) => [d.file, d.code, d.level, d.line])).toEqual([
      ['m/override.tf', 'unsupported-input', 'warning', undefined],
      ['m/extra.tf.json', 'unsupported-input', 'warning', undefined],
      ['m/prod.tfvars', 'unsupported-input', 'warning', undefined],
      ['m/main.tf', 'unsupported-input', 'info', 1],
    ]);
  });

  it('applies *.auto.tfvars after terraform.tfvars', async () => {
    const sink = collectSink();
    await loadTerraformModule(
      [
        {
          file: 'm/main.tf',
          text: [
            'variable "tier" {}',
            'resource "azurerm_kubernetes_cluster" "c" {',
            '  sku_tier = var.tier',
            '  default_node_pool {',
            '    name = "a"',
            '  }',
            '}',
          ].join('\n'),
        },
        { file: 'm/b.auto.tfvars', text: 'tier = "Premium"\n' },
        { file: 'm/terraform.tfvars', text: 'tier = "Free"\n' },
      ],
      sink,
    );
    expect(sink.clusters[0]?.skuTier).toMatchObject({ state: 'stated', value: 'Premium', at: { line: 3 } });
  });
});

describe('variables that refer to each other', () => {
  const cluster = (attribute: string) =>
    `resource "azurerm_kubernetes_cluster" "c" {\n  name = "c"\n  ${attribute}\n  default_node_pool {\n    name = "p"\n  }\n}\n`;

  it('reads a cycle of defaults as unknown, with a diagnostic naming the cycle and where it starts', async () => {
    const sink = collectSink();
    const text =
      'variable "a" {\n  default = "${var.b}"\n}\nvariable "b" {\n  default = "${var.a}"\n}\n' +
      cluster('sku_tier = var.a');
    await loadTerraformModule([{ file: 'm/main.tf', text }], sink);
    expect(sink.diagnostics).toEqual([
      {
        code: 'unresolved-value',
        level: 'warning',
        message: 'var.a → var.b → var.a: a reference cycle; these values are unknown',
        file: 'm/main.tf',
        line: 1,
      },
    ]);
    expect(brief(only(sink, 'azurerm_kubernetes_cluster.c').skuTier)).toMatchObject({ state: 'unknown' });
  });

  it('reads a tfvars value that refers to its own variable as unknown', async () => {
    const sink = collectSink();
    await loadTerraformModule(
      [
        { file: 'm/variables.tf', text: 'variable "tier" {\n  default = "Free"\n}\n' },
        { file: 'm/main.tf', text: cluster('sku_tier = var.tier') },
        { file: 'm/terraform.tfvars', text: 'tier = "${var.tier}"\n' },
      ],
      sink,
    );
    expect(sink.diagnostics).toMatchObject([
      {
        code: 'unresolved-value',
        message: 'var.tier → var.tier: a reference cycle; these values are unknown',
      },
    ]);
    expect(sink.diagnostics[0]).toMatchObject({ file: 'm/variables.tf', line: 1 });
    expect(brief(only(sink, 'azurerm_kubernetes_cluster.c').skuTier)).toMatchObject({ state: 'unknown' });
  });
});
