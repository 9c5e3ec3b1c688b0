/** @module The AKS cluster resource (the Azure plane), normalised from every cluster input format. */
import type { Setting } from './setting.js';
import type { SourceLocation } from './source-location.js';

/** The input format a cluster definition was read from. */
export type ClusterFormat =
  'az-aks-show' | 'arm-rest' | 'arm-template' | 'bicep' | 'terraform' | 'terraform-plan';

export interface NodePool {
  readonly name: string;
  /** Where the pool is defined, and its path (`properties.agentPoolProfiles[0]`, `default_node_pool`). */
  readonly at: SourceLocation;
  readonly path: string;
  readonly mode: Setting<string>;
  readonly osType: Setting<string>;
  readonly enableNodePublicIP: Setting<boolean>;
  /** `LocalUser` (AKS default), `Disabled` or `EntraId`. */
  readonly sshAccess: Setting<string>;
  readonly enableEncryptionAtHost: Setting<boolean>;
  /** `key=value:Effect` strings, as AKS writes them. */
  readonly nodeTaints: Setting<readonly string[]>;
  readonly nodeLabels: Setting<Readonly<Record<string, string>>>;
}

/** A `Microsoft.Insights/diagnosticSettings` resource scoped to the cluster. */
export interface DiagnosticSetting {
  readonly name: string;
  readonly at: SourceLocation;
  /** Enabled log categories and category groups (`kube-audit`, `kube-audit-admin`, `allLogs`, `audit`). */
  readonly enabledCategories: Setting<readonly string[]>;
}

/** A planned maintenance configuration (`default`, `aksManagedAutoUpgradeSchedule`, `aksManagedNodeOSUpgradeSchedule`). */
export interface MaintenanceConfiguration {
  readonly name: string;
  readonly at: SourceLocation;
}

export interface AksCluster {
  readonly name: string;
  readonly format: ClusterFormat;
  /** Azure resource id, or the Terraform address (`azurerm_kubernetes_cluster.main`). */
  readonly id: string;
  /** How findings name this cluster: `managedClusters/aks-prod`, `azurerm_kubernetes_cluster.main`. */
  readonly display: string;
  /** The line of the resource itself. */
  readonly at: SourceLocation;

  readonly kubernetesVersion: Setting<string>;
  readonly skuTier: Setting<string>;

  readonly apiServer: {
    readonly enablePrivateCluster: Setting<boolean>;
    readonly authorizedIPRanges: Setting<readonly string[]>;
    readonly enablePrivateClusterPublicFQDN: Setting<boolean>;
    readonly enableVnetIntegration: Setting<boolean>;
    readonly disableRunCommand: Setting<boolean>;
  };

  readonly addons: {
    readonly kubeDashboard: Setting<boolean>;
    readonly httpApplicationRouting: Setting<boolean>;
    readonly azurepolicy: Setting<boolean>;
    readonly omsagent: Setting<boolean>;
    readonly azureKeyvaultSecretsProvider: Setting<boolean>;
    readonly secretRotation: Setting<boolean>;
  };

  readonly network: {
    /** `azure`, `kubenet`, `none`. */
    readonly networkPlugin: Setting<string>;
    /** `overlay`, or null when absent: pods then get VNet addresses (Azure CNI) or the plugin has no modes. */
    readonly networkPluginMode: Setting<string | null>;
    /** `none`, `azure`, `calico`, `cilium`. */
    readonly networkPolicy: Setting<string>;
    /** `azure` or `cilium`. */
    readonly networkDataplane: Setting<string>;
    /** `loadBalancer`, `userDefinedRouting`, `managedNATGateway`, `userAssignedNATGateway`, `none`. */
    readonly outboundType: Setting<string>;
  };

  readonly identity: {
    readonly disableLocalAccounts: Setting<boolean>;
    readonly enableRBAC: Setting<boolean>;
    /** Managed Entra ID integration (`aadProfile.managed`). */
    readonly entraManaged: Setting<boolean>;
    readonly enableAzureRBAC: Setting<boolean>;
    /** `SystemAssigned`, `UserAssigned`, `ServicePrincipal` (a client secret) or `None`. */
    readonly clusterIdentity: Setting<string>;
  };

  readonly security: {
    readonly oidcIssuer: Setting<boolean>;
    readonly workloadIdentity: Setting<boolean>;
    readonly keyVaultKms: Setting<boolean>;
    readonly defender: Setting<boolean>;
    readonly imageIntegrity: Setting<boolean>;
    readonly imageCleaner: Setting<boolean>;
    /** Deployment Safeguards level: `Off`, `Warn`/`Warning`, `Enforce`/`Enforcement`. */
    readonly deploymentSafeguards: Setting<string>;
    /** Defender for Containers plan on the subscription (`Standard`/`Free`), where the input says. */
    readonly defenderPlan: Setting<string>;
  };

  readonly upgrade: {
    /** `none`, `patch`, `stable`, `rapid`, `node-image`. */
    readonly channel: Setting<string>;
    /** `None`, `Unmanaged`, `SecurityPatch`, `NodeImage`. */
    readonly nodeOSChannel: Setting<string>;
  };

  readonly diskEncryptionSetID: Setting<string | null>;
  readonly nodePools: Setting<readonly NodePool[]>;
  /**
   * Why `nodePools` may be only some of the cluster's pools (node pool resources whose cluster is not in
   * the inputs): each listed pool is assessed, but nothing can be said of the pools as a whole.
   */
  readonly nodePoolsPartial?: string;
  readonly maintenanceConfigurations: Setting<readonly MaintenanceConfiguration[]>;
  readonly diagnosticSettings: Setting<readonly DiagnosticSetting[]>;
}
