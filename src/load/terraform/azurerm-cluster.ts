/** @module The ARM meaning of `azurerm_kubernetes_cluster` attributes, in their azurerm 2.x, 3.x and 4.x spellings. */
// Attribute names and provider defaults: hashicorp/terraform-provider-azurerm
// `website/docs/r/kubernetes_cluster.html.markdown` (the 4.x page, API 2025-05-01).
import type { ClusterPath, Lookup } from '../normalize/cluster-source.js';
import {
  absent,
  negate,
  present,
  providerDefault,
  stated,
  unknownLookup,
  type Attribute,
} from './azurerm-lookups.js';
import type { TfView } from './tf-resource.js';

type Reader = (view: TfView) => Lookup;

/** The first spelling the input uses, newest first; absent (at the newest spelling) when it uses none. */
const attr =
  (...spellings: Attribute[]): Reader =>
  (view) => {
    for (const spelling of spellings) {
      const found = stated(view, spelling);
      if (found) return found;
    }
    return absent(view, spellings[0] ?? []);
  };

/** An add-on that azurerm 3+ turns on with a block and azurerm 2 with `addon_profile.<name>.enabled`. */
const addon =
  (block: string, v2: string): Reader =>
  (view) =>
    present(view, [block]) ?? stated(view, ['addon_profile', v2, 'enabled']) ?? absent(view, [block]);

/** `sku_tier = "Paid"` is what AKS API versions before 2023-02-01 called `Standard`. */
const skuTier: Reader = (view) =>
  stated(view, ['sku_tier'], '', (tier) => (tier === 'Paid' ? 'Standard' : tier)) ??
  absent(view, ['sku_tier']);

/**
 * Managed Entra ID integration. azurerm 4 has no `managed` attribute: the block is always the managed
 * integration. azurerm 3 (and 2, inside `role_based_access_control`) states `managed`; without it, the
 * legacy integration is the one that names its own applications (`client_app_id`, `server_app_id`).
 */
function aadManaged(view: TfView): Lookup {
  const blocks: Attribute[] = [
    ['azure_active_directory_role_based_access_control'],
    ['role_based_access_control', 'azure_active_directory'],
  ];
  for (const block of blocks) {
    const found = present(view, block);
    if (!found) continue;
    if (found.kind !== 'value') return found;
    const managed = stated(view, [...block, 'managed']);
    if (managed) return managed;
    const legacy = ['client_app_id', 'server_app_id'].some((a) => view.attr([...block, a]).kind !== 'absent');
    return { ...found, value: !legacy };
  }
  return absent(view, blocks[0] ?? []);
}

/** `identity { type }`, or `ServicePrincipal` when only a `service_principal {}` block gives the cluster a credential. */
function identityType(view: TfView): Lookup {
  const type = stated(view, ['identity', 'type']);
  if (type) return type;
  const principal = present(view, ['service_principal']);
  if (principal?.kind === 'value') return { ...principal, value: 'ServicePrincipal' };
  return principal ?? absent(view, ['identity', 'type']);
}

/** "If `network_profile` is not defined, `kubenet` profile will be used by default" (azurerm docs). */
function networkPlugin(view: TfView): Lookup {
  const profile = view.block(['network_profile']);
  if (profile.kind === 'unknown') return unknownLookup(view, ['network_profile'], profile.reason);
  if (profile.kind === 'absent')
    return providerDefault(view, ['network_profile', 'network_plugin'], 'kubenet');
  return attr(['network_profile', 'network_plugin'])(view);
}

/** azurerm has no attribute for these: they are set outside Terraform, so a module cannot say. */
const outsideTerraform =
  (attribute: string, how: string): Reader =>
  (view) =>
    unknownLookup(
      view,
      [attribute],
      `azurerm has no attribute for ${how}; scan az aks show for the cluster's value`,
    );

/**
 * Image Integrity is switched on by assigning the built-in Azure Policy "[Preview]: Deploy Image Integrity on
 * Azure Kubernetes Service" (5dc99dae-cfb2-42cc-8762-9aae02b74e27, DeployIfNotExists), per the AKS Image
 * Integrity article; only the aks-preview CLI extension has an `az aks update` flag for it.
 */
const IMAGE_INTEGRITY =
  'Image Integrity, which is switched on by assigning the built-in Azure Policy 5dc99dae-cfb2-42cc-8762-9aae02b74e27 ([Preview]: Deploy Image Integrity on Azure Kubernetes Service)';

export const CLUSTER_READERS: Record<ClusterPath, Reader> = {
  kubernetesVersion: attr(['kubernetes_version']),
  '/sku/tier': skuTier,
  'apiServerAccessProfile.enablePrivateCluster': attr(['private_cluster_enabled']),
  'apiServerAccessProfile.authorizedIPRanges': attr(
    ['api_server_access_profile', 'authorized_ip_ranges'],
    ['api_server_authorized_ip_ranges'],
  ),
  // azurerm: "Defaults to `false`", where the AKS API gives a private cluster a public FQDN by default.
  'apiServerAccessProfile.enablePrivateClusterPublicFQDN': (view) =>
    stated(view, ['private_cluster_public_fqdn_enabled']) ??
    providerDefault(view, ['private_cluster_public_fqdn_enabled'], false),
  'apiServerAccessProfile.enableVnetIntegration': attr(
    ['api_server_access_profile', 'virtual_network_integration_enabled'],
    ['api_server_access_profile', 'vnet_integration_enabled'],
  ),
  'apiServerAccessProfile.disableRunCommand': (view) =>
    stated(view, ['run_command_enabled'], '', negate) ?? absent(view, ['run_command_enabled']),
  // The attribute exists in azurerm 2 only; from 3.0 the dashboard add-on cannot be enabled through azurerm.
  'addonProfiles.kubeDashboard.enabled': attr(['addon_profile', 'kube_dashboard', 'enabled']),
  'addonProfiles.httpApplicationRouting.enabled': attr(
    ['http_application_routing_enabled'],
    ['addon_profile', 'http_application_routing', 'enabled'],
  ),
  'addonProfiles.azurepolicy.enabled': attr(
    ['azure_policy_enabled'],
    ['addon_profile', 'azure_policy', 'enabled'],
  ),
  'addonProfiles.omsagent.enabled': addon('oms_agent', 'oms_agent'),
  'addonProfiles.azureKeyvaultSecretsProvider.enabled': addon(
    'key_vault_secrets_provider',
    'azure_keyvault_secrets_provider',
  ),
  'addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation': attr(
    ['key_vault_secrets_provider', 'secret_rotation_enabled'],
    ['addon_profile', 'azure_keyvault_secrets_provider', 'secret_rotation_enabled'],
  ),
  'networkProfile.networkPlugin': networkPlugin,
  'networkProfile.networkPluginMode': attr(['network_profile', 'network_plugin_mode']),
  'networkProfile.networkPolicy': attr(['network_profile', 'network_policy']),
  // `ebpf_data_plane = "cilium"` is the azurerm 3 spelling of `network_data_plane`.
  'networkProfile.networkDataplane': attr(
    ['network_profile', 'network_data_plane'],
    ['network_profile', 'ebpf_data_plane'],
  ),
  'networkProfile.outboundType': attr(['network_profile', 'outbound_type']),
  disableLocalAccounts: attr(['local_account_disabled']),
  enableRBAC: attr(['role_based_access_control_enabled'], ['role_based_access_control', 'enabled']),
  'aadProfile.managed': aadManaged,
  'aadProfile.enableAzureRBAC': attr(
    ['azure_active_directory_role_based_access_control', 'azure_rbac_enabled'],
    ['role_based_access_control', 'azure_active_directory', 'azure_rbac_enabled'],
  ),
  '/identity/type': identityType,
  'servicePrincipalProfile.clientId': attr(['service_principal', 'client_id']),
  'oidcIssuerProfile.enabled': attr(['oidc_issuer_enabled']),
  'securityProfile.workloadIdentity.enabled': attr(['workload_identity_enabled']),
  'securityProfile.azureKeyVaultKms.enabled': (view) =>
    present(view, ['key_management_service']) ?? absent(view, ['key_management_service']),
  'securityProfile.defender.securityMonitoring.enabled': (view) =>
    present(view, ['microsoft_defender']) ?? absent(view, ['microsoft_defender']),
  'securityProfile.imageIntegrity.enabled': outsideTerraform('image_integrity', IMAGE_INTEGRITY),
  'securityProfile.imageCleaner.enabled': attr(['image_cleaner_enabled']),
  // Read from a separate resource (azurerm-safeguards.ts), which takes precedence over this path.
  'safeguardsProfile.level': outsideTerraform(
    'deployment_safeguards',
    'Deployment Safeguards on the cluster resource (they are a separate resource)',
  ),
  // azurerm: "Omitting this field sets this value to `none`" (azurerm 3: `automatic_channel_upgrade`).
  'autoUpgradeProfile.upgradeChannel': (view) =>
    stated(view, ['automatic_upgrade_channel']) ??
    stated(view, ['automatic_channel_upgrade']) ??
    providerDefault(view, ['automatic_upgrade_channel'], 'none'),
  // azurerm 4: "Defaults to `NodeImage`" (azurerm 3: `node_os_channel_upgrade`).
  'autoUpgradeProfile.nodeOSUpgradeChannel': (view) =>
    stated(view, ['node_os_upgrade_channel']) ??
    stated(view, ['node_os_channel_upgrade']) ??
    providerDefault(view, ['node_os_upgrade_channel'], 'NodeImage'),
  diskEncryptionSetID: attr(['disk_encryption_set_id']),
};
