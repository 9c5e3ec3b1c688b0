/** @module The interface between a cluster format loader and the one normaliser that builds `AksCluster`. */
import type {
  ClusterFormat,
  DiagnosticSetting,
  MaintenanceConfiguration,
  Setting,
  SourceLocation,
} from '../../model/index.js';

/**
 * The answer of a format to "what does the input say at this ARM property path?".
 * `path` is always in the input's own vocabulary (`properties.enableRBAC`, `local_account_disabled`).
 */
export type Lookup =
  /** The input states the value (already translated to the ARM meaning: TF `run_command_enabled = true` is `disableRunCommand: false`). */
  | { readonly kind: 'value'; readonly value: unknown; readonly at: SourceLocation; readonly path: string }
  /** The format applies its own default (a Terraform provider default that differs from AKS's). */
  | {
      readonly kind: 'default';
      readonly value: unknown;
      readonly basis: string;
      readonly at: SourceLocation;
      readonly path: string;
    }
  /** The input does not mention it: the AKS default applies if the definition is complete. */
  | { readonly kind: 'absent'; readonly at: SourceLocation; readonly path: string }
  /** The input mentions it but its value cannot be decided (ARM expression, Terraform variable, plan unknown). */
  | { readonly kind: 'unknown'; readonly reason: string; readonly at: SourceLocation; readonly path: string };

/** ARM property paths the normaliser asks for, relative to `properties` (paths starting with `/` are top-level). */
export const CLUSTER_PATHS = [
  'kubernetesVersion',
  '/sku/tier',
  'apiServerAccessProfile.enablePrivateCluster',
  'apiServerAccessProfile.authorizedIPRanges',
  'apiServerAccessProfile.enablePrivateClusterPublicFQDN',
  'apiServerAccessProfile.enableVnetIntegration',
  'apiServerAccessProfile.disableRunCommand',
  'addonProfiles.kubeDashboard.enabled',
  'addonProfiles.httpApplicationRouting.enabled',
  'addonProfiles.azurepolicy.enabled',
  'addonProfiles.omsagent.enabled',
  'addonProfiles.azureKeyvaultSecretsProvider.enabled',
  'addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation',
  'networkProfile.networkPlugin',
  'networkProfile.networkPluginMode',
  'networkProfile.networkPolicy',
  'networkProfile.networkDataplane',
  'networkProfile.outboundType',
  'disableLocalAccounts',
  'enableRBAC',
  'aadProfile.managed',
  'aadProfile.enableAzureRBAC',
  '/identity/type',
  'servicePrincipalProfile.clientId',
  'oidcIssuerProfile.enabled',
  'securityProfile.workloadIdentity.enabled',
  'securityProfile.azureKeyVaultKms.enabled',
  'securityProfile.defender.securityMonitoring.enabled',
  'securityProfile.imageIntegrity.enabled',
  'securityProfile.imageCleaner.enabled',
  'safeguardsProfile.level',
  'autoUpgradeProfile.upgradeChannel',
  'autoUpgradeProfile.nodeOSUpgradeChannel',
  'diskEncryptionSetID',
] as const;
export type ClusterPath = (typeof CLUSTER_PATHS)[number];

/** ARM property paths asked of each node pool, relative to the pool profile. */
export const POOL_PATHS = [
  'mode',
  'osType',
  'enableNodePublicIP',
  'securityProfile.sshAccess',
  'enableEncryptionAtHost',
  'nodeTaints',
  'nodeLabels',
] as const;
export type PoolPath = (typeof POOL_PATHS)[number];

export interface PoolSource {
  readonly name: string;
  readonly at: SourceLocation;
  readonly path: string;
  get(path: PoolPath): Lookup;
}

export interface ClusterSource {
  readonly format: ClusterFormat;
  readonly name: string;
  readonly id: string;
  readonly display: string;
  readonly at: SourceLocation;
  /**
   * True when the input is a whole definition of the resource (az aks show, ARM REST, a template or a
   * Terraform resource): an absent value then takes the AKS default. False for fragments.
   */
  readonly complete: boolean;
  get(path: ClusterPath): Lookup;
  /** The pools, or why they cannot be listed (a Terraform `for_each`, an ARM `copy` loop). */
  readonly pools:
    readonly PoolSource[] | { readonly unknown: string; readonly at: SourceLocation; readonly path: string };
  /** Why `pools` may be only some of the cluster's pools (see AksCluster.nodePoolsPartial). */
  readonly poolsPartial?: string;
  /** Separate resources: stated lists where the format defines them, unknown where it cannot say. */
  readonly maintenanceConfigurations: Setting<readonly MaintenanceConfiguration[]>;
  readonly diagnosticSettings: Setting<readonly DiagnosticSetting[]>;
  /** Deployment Safeguards from a separate `deploymentSafeguards` resource, when the input has one. */
  readonly deploymentSafeguards?: Lookup;
  /** Defender for Containers plan (`Microsoft.Security/pricings` or `azurerm_security_center_subscription_pricing`). */
  readonly defenderPlan?: Lookup;
}
