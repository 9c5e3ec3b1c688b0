/**
 * @module What closes each cluster-setting rule: the ARM value, the Terraform attribute, the `az` command,
 * whether a running cluster can take it (update) or needs a rebuild, a migration or the user's input, and
 * the rollout phase of the hardening guidance it belongs to ("Where teams get the rollout order wrong").
 *
 * Sources: the AKS ManagedCluster REST reference (property paths), the azurerm `kubernetes_cluster`
 * documentation (attributes, ForceNew), and the `az aks update` / `az aks enable-addons` references.
 */
import type { AksCluster, NodePool, Setting } from '../../model/index.js';
import type { PlanPhase } from '../plan/types.js';
import { PLAN_PHASES } from '../plan/types.js';

/**
 * `update`: a running cluster takes it (`az aks update`, an in-place Terraform change).
 * `migrate`: a supported but disruptive change (new node pool, network plugin upgrade): the step gives the path.
 * `rebuild`: AKS cannot change it on an existing cluster (Terraform forces a new resource): a new cluster.
 * `input`: aksward cannot choose the value (a CIDR, a workspace, a key): the user must.
 */
export type Retrofit = 'update' | 'migrate' | 'rebuild' | 'input';

export interface ClusterChange {
  readonly rule: string;
  /** A short title for the plan: "Disable local accounts". */
  readonly title: string;
  /** The rollout phase; Azure-plane identity changes belong to `rbac` (both RBAC planes). */
  readonly phase: PlanPhase;
  readonly retrofit: Retrofit;
  /** The model setting the change sets; undefined for changes of a node pool (see `pool`). */
  readonly setting?: (cluster: AksCluster) => Setting<unknown>;
  readonly pool?: (pool: NodePool) => Setting<unknown>;
  /** The ARM value, relative to the setting's property path. */
  readonly armValue?: unknown;
  /** Terraform (azurerm 4) attribute path under the resource, and its value. */
  readonly terraform?: { readonly path: readonly string[]; readonly value: unknown };
  /** Settings that must change with it (workload identity needs the OIDC issuer). */
  readonly also?: readonly {
    readonly setting: (cluster: AksCluster) => Setting<unknown>;
    readonly armValue: unknown;
    readonly terraform?: { readonly path: readonly string[]; readonly value: unknown };
  }[];
  /** `az` command lines; `$RG` and `$CLUSTER` are the resource group and cluster name. */
  readonly az: readonly string[];
  /** How to check it from the attacker's side, or the shortest command that proves it. */
  readonly verify: readonly string[];
  /** What applying it before its dependencies breaks. */
  readonly breaksIfEarly?: string;
  /** Rules whose change must land first (`require-entra-integration` before `no-local-accounts`). */
  readonly after?: readonly string[];
  /** Why it cannot be a patch, or what the user must supply. */
  readonly reason?: string;
  /** The migration or rebuild path, step by step. */
  readonly migration?: readonly string[];
}

const SHOW = (query: string): string => `az aks show -g "$RG" -n "$CLUSTER" --query ${query} -o tsv`;

export const CLUSTER_CHANGES: readonly ClusterChange[] = [
  {
    rule: 'require-network-policy-engine',
    title: 'Choose the network policy engine',
    phase: 'creation',
    retrofit: 'migrate',
    setting: (c) => c.network.networkPolicy,
    armValue: 'cilium',
    terraform: { path: ['network_profile', 'network_policy'], value: 'cilium' },
    // Azure CNI powered by Cilium: overlay networking, the Cilium dataplane enforcing the policies.
    also: [
      {
        setting: (c) => c.network.networkPlugin,
        armValue: 'azure',
        terraform: { path: ['network_profile', 'network_plugin'], value: 'azure' },
      },
      {
        setting: (c) => c.network.networkPluginMode,
        armValue: 'overlay',
        terraform: { path: ['network_profile', 'network_plugin_mode'], value: 'overlay' },
      },
      {
        setting: (c) => c.network.networkDataplane,
        armValue: 'cilium',
        terraform: { path: ['network_profile', 'network_data_plane'], value: 'cilium' },
      },
    ],
    az: [
      'az aks update -g "$RG" -n "$CLUSTER" --network-plugin azure --network-plugin-mode overlay',
      'az aks update -g "$RG" -n "$CLUSTER" --network-dataplane cilium',
    ],
    verify: [
      SHOW('networkProfile.networkPolicy'),
      'kubectl -n <ns> exec deploy/<workload> -- nc -zvw3 <a peer no policy allows> <port>   # must time out once a default-deny applies',
    ],
    reason:
      'the guidance treats the policy engine as a creation-time decision: enabling one re-images every node, and Cilium needs Azure CNI overlay first',
    migration: [
      'Preferred: create a new cluster with Azure CNI overlay and Cilium (network_plugin = "azure", network_plugin_mode = "overlay", network_data_plane = "cilium"), deploy the workloads there, move traffic, delete the old cluster.',
      'In place (supported, disruptive): upgrade kubenet to Azure CNI overlay (`az aks update --network-plugin azure --network-plugin-mode overlay`), then `--network-dataplane cilium`; each step re-images the nodes.',
      'Until an engine runs, every NetworkPolicy in the repository is inert: do the network steps of this plan only on a cluster that enforces them.',
    ],
  },
  {
    rule: 'require-azure-cni',
    title: 'Move from kubenet to Azure CNI overlay',
    phase: 'creation',
    retrofit: 'migrate',
    setting: (c) => c.network.networkPlugin,
    armValue: 'azure',
    terraform: { path: ['network_profile', 'network_plugin'], value: 'azure' },
    az: ['az aks update -g "$RG" -n "$CLUSTER" --network-plugin azure --network-plugin-mode overlay'],
    verify: [SHOW('networkProfile.networkPlugin')],
    reason: 'the network plugin upgrade re-images every node pool',
    migration: [
      'Upgrade in place to Azure CNI overlay (`az aks update --network-plugin azure --network-plugin-mode overlay`) in a maintenance window, or rebuild the cluster with it.',
    ],
  },
  {
    rule: 'require-private-cluster',
    title: 'Make the API server private',
    phase: 'creation',
    retrofit: 'rebuild',
    setting: (c) => c.apiServer.enablePrivateCluster,
    armValue: true,
    terraform: { path: ['private_cluster_enabled'], value: true },
    also: [
      {
        setting: (c) => c.apiServer.enablePrivateClusterPublicFQDN,
        armValue: false,
        terraform: { path: ['private_cluster_public_fqdn_enabled'], value: false },
      },
    ],
    az: [
      'az aks update -g "$RG" -n "$CLUSTER" --api-server-authorized-ip-ranges <your CIDRs>   # the interim restriction on a public cluster',
    ],
    verify: [
      'curl -sk --max-time 5 https://$(az aks show -g "$RG" -n "$CLUSTER" --query fqdn -o tsv):443/healthz   # from outside the VNet / authorized ranges: must not connect',
    ],
    reason:
      'a public cluster cannot become private in place (private_cluster_enabled forces a new cluster); authorized IP ranges restrict it meanwhile, and they need your CIDRs',
    migration: [
      'Create the cluster again with private_cluster_enabled = true (or API server VNet integration, which can turn private on an existing cluster), reachable from a jump host, a VPN or the pipeline agents inside the VNet.',
      'Meanwhile restrict the public endpoint to your egress CIDRs with authorized IP ranges.',
    ],
  },
  {
    rule: 'require-entra-integration',
    title: 'Enable AKS-managed Entra ID integration',
    phase: 'creation',
    retrofit: 'update',
    setting: (c) => c.identity.entraManaged,
    armValue: true,
    terraform: {
      path: ['azure_active_directory_role_based_access_control', 'azure_rbac_enabled'],
      value: true,
    },
    az: ['az aks update -g "$RG" -n "$CLUSTER" --enable-aad --enable-azure-rbac'],
    verify: [
      SHOW('aadProfile.managed'),
      'kubectl get nodes   # with a fresh `az aks get-credentials` as a user without a role: Forbidden',
    ],
    breaksIfEarly:
      'users and pipelines that use a certificate kubeconfig keep working only until local accounts are disabled; give them Entra identities and role assignments first',
    reason: 'Entra integration cannot be switched off again once on: decide it with the team before the rest',
  },
  {
    rule: 'require-azure-rbac',
    title: 'Authorize Kubernetes access with Azure RBAC',
    phase: 'rbac',
    retrofit: 'update',
    setting: (c) => c.identity.enableAzureRBAC,
    armValue: true,
    terraform: {
      path: ['azure_active_directory_role_based_access_control', 'azure_rbac_enabled'],
      value: true,
    },
    az: ['az aks update -g "$RG" -n "$CLUSTER" --enable-azure-rbac'],
    verify: [
      SHOW('aadProfile.enableAzureRBAC'),
      'az role assignment list --scope $(az aks show -g "$RG" -n "$CLUSTER" --query id -o tsv) -o table',
    ],
    after: ['require-entra-integration'],
    breaksIfEarly: 'Azure RBAC needs Entra integration: the update fails on a cluster without it',
  },
  {
    rule: 'no-local-accounts',
    title: 'Disable local accounts',
    phase: 'rbac',
    retrofit: 'update',
    setting: (c) => c.identity.disableLocalAccounts,
    armValue: true,
    terraform: { path: ['local_account_disabled'], value: true },
    az: ['az aks update -g "$RG" -n "$CLUSTER" --disable-local-accounts'],
    verify: [
      'az aks get-credentials -g "$RG" -n "$CLUSTER" --admin -f /tmp/admin.kubeconfig   # must fail: local accounts are disabled',
    ],
    after: ['require-entra-integration', 'require-azure-rbac'],
    breaksIfEarly:
      'every pipeline and person using `az aks get-credentials --admin` loses access; without Entra integration nobody can sign in at all',
  },
  {
    rule: 'no-run-command',
    title: 'Disable run command',
    phase: 'api-server',
    retrofit: 'update',
    setting: (c) => c.apiServer.disableRunCommand,
    armValue: true,
    terraform: { path: ['run_command_enabled'], value: false },
    az: ['az aks update -g "$RG" -n "$CLUSTER" --disable-run-command'],
    verify: ['az aks command invoke -g "$RG" -n "$CLUSTER" --command "kubectl get ns"   # must fail'],
    breaksIfEarly:
      'operators of a private cluster who reach it only through `az aks command invoke` need another path (jump host, VPN) first',
  },
  {
    rule: 'no-private-cluster-public-fqdn',
    title: 'Remove the public FQDN of the private API server',
    phase: 'api-server',
    retrofit: 'update',
    setting: (c) => c.apiServer.enablePrivateClusterPublicFQDN,
    armValue: false,
    terraform: { path: ['private_cluster_public_fqdn_enabled'], value: false },
    az: ['az aks update -g "$RG" -n "$CLUSTER" --disable-public-fqdn'],
    verify: [
      'nslookup $(az aks show -g "$RG" -n "$CLUSTER" --query fqdn -o tsv)   # from outside the VNet: no answer',
    ],
    breaksIfEarly:
      'clients outside the VNet that resolve the public name need the private DNS zone linked first',
  },
  {
    rule: 'no-http-application-routing',
    title: 'Remove the HTTP application routing add-on',
    phase: 'api-server',
    retrofit: 'update',
    setting: (c) => c.addons.httpApplicationRouting,
    armValue: false,
    terraform: { path: ['http_application_routing_enabled'], value: false },
    az: ['az aks disable-addons -g "$RG" -n "$CLUSTER" --addons http_application_routing'],
    verify: [SHOW('addonProfiles.httpApplicationRouting.enabled')],
    breaksIfEarly:
      'Ingresses of class addon-http-application-routing stop serving: move them to the application routing add-on (`az aks approuting enable`) or your own ingress controller first',
  },
  {
    rule: 'no-dashboard-addon',
    title: 'Remove the Kubernetes dashboard add-on',
    phase: 'api-server',
    retrofit: 'update',
    setting: (c) => c.addons.kubeDashboard,
    armValue: false,
    terraform: { path: ['addon_profile', 'kube_dashboard', 'enabled'], value: false },
    az: ['az aks disable-addons -g "$RG" -n "$CLUSTER" --addons kube-dashboard'],
    verify: ['kubectl -n kube-system get deploy kubernetes-dashboard   # NotFound'],
  },
  {
    rule: 'require-workload-identity',
    title: 'Enable the OIDC issuer and workload identity',
    phase: 'secrets',
    retrofit: 'update',
    setting: (c) => c.security.workloadIdentity,
    armValue: true,
    terraform: { path: ['workload_identity_enabled'], value: true },
    also: [
      {
        setting: (c) => c.security.oidcIssuer,
        armValue: true,
        terraform: { path: ['oidc_issuer_enabled'], value: true },
      },
    ],
    az: ['az aks update -g "$RG" -n "$CLUSTER" --enable-oidc-issuer --enable-workload-identity'],
    verify: [SHOW('oidcIssuerProfile.issuerUrl'), SHOW('securityProfile.workloadIdentity.enabled')],
  },
  {
    rule: 'require-keyvault-csi',
    title: 'Enable the Key Vault Secrets Store CSI driver',
    phase: 'secrets',
    retrofit: 'update',
    setting: (c) => c.addons.azureKeyvaultSecretsProvider,
    armValue: true,
    terraform: { path: ['key_vault_secrets_provider', 'secret_rotation_enabled'], value: true },
    also: [{ setting: (c) => c.addons.secretRotation, armValue: 'true' }],
    az: [
      'az aks enable-addons -g "$RG" -n "$CLUSTER" --addons azure-keyvault-secrets-provider --enable-secret-rotation',
    ],
    verify: ['kubectl -n kube-system get pods -l app=secrets-store-csi-driver'],
  },
  {
    rule: 'require-secret-rotation',
    title: 'Rotate mounted Key Vault secrets',
    phase: 'secrets',
    retrofit: 'update',
    setting: (c) => c.addons.secretRotation,
    armValue: 'true',
    terraform: { path: ['key_vault_secrets_provider', 'secret_rotation_enabled'], value: true },
    az: [
      'az aks addon update -g "$RG" -n "$CLUSTER" --addon azure-keyvault-secrets-provider --enable-secret-rotation',
    ],
    verify: [SHOW('addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation')],
    after: ['require-keyvault-csi'],
  },
  {
    rule: 'require-kms-etcd-encryption',
    title: 'Encrypt etcd with a Key Vault key (KMS)',
    phase: 'secrets',
    retrofit: 'input',
    setting: (c) => c.security.keyVaultKms,
    az: [
      'az aks update -g "$RG" -n "$CLUSTER" --enable-azure-keyvault-kms --azure-keyvault-kms-key-id <key id> --azure-keyvault-kms-key-vault-network-access Public',
    ],
    verify: [SHOW('securityProfile.azureKeyVaultKms.enabled')],
    reason: 'needs your Key Vault key id and a cluster identity allowed to use it',
  },
  {
    rule: 'require-azure-policy',
    title: 'Enable the Azure Policy add-on',
    phase: 'admission',
    retrofit: 'update',
    setting: (c) => c.addons.azurepolicy,
    armValue: true,
    terraform: { path: ['azure_policy_enabled'], value: true },
    az: ['az aks enable-addons -g "$RG" -n "$CLUSTER" --addons azure-policy'],
    verify: ['kubectl -n gatekeeper-system get pods'],
  },
  {
    rule: 'require-image-cleaner',
    title: 'Enable Image Cleaner',
    phase: 'nodes',
    retrofit: 'update',
    setting: (c) => c.security.imageCleaner,
    armValue: true,
    terraform: { path: ['image_cleaner_enabled'], value: true },
    az: ['az aks update -g "$RG" -n "$CLUSTER" --enable-image-cleaner'],
    verify: [SHOW('securityProfile.imageCleaner.enabled')],
  },
  {
    rule: 'require-auto-upgrade',
    title: 'Set the cluster auto-upgrade channel',
    phase: 'nodes',
    retrofit: 'update',
    setting: (c) => c.upgrade.channel,
    armValue: 'patch',
    terraform: { path: ['automatic_upgrade_channel'], value: 'patch' },
    az: ['az aks update -g "$RG" -n "$CLUSTER" --auto-upgrade-channel patch'],
    verify: [SHOW('autoUpgradeProfile.upgradeChannel')],
  },
  {
    rule: 'require-node-os-upgrade',
    title: 'Patch the node OS automatically',
    phase: 'nodes',
    retrofit: 'update',
    setting: (c) => c.upgrade.nodeOSChannel,
    armValue: 'NodeImage',
    terraform: { path: ['node_os_upgrade_channel'], value: 'NodeImage' },
    az: ['az aks update -g "$RG" -n "$CLUSTER" --node-os-upgrade-channel NodeImage'],
    verify: [SHOW('autoUpgradeProfile.nodeOsUpgradeChannel')],
  },
  {
    rule: 'require-supported-version',
    title: 'Upgrade to a supported Kubernetes version',
    phase: 'nodes',
    retrofit: 'input',
    setting: (c) => c.kubernetesVersion,
    az: [
      'az aks get-upgrades -g "$RG" -n "$CLUSTER" -o table',
      'az aks upgrade -g "$RG" -n "$CLUSTER" --kubernetes-version <next minor>',
    ],
    verify: [SHOW('currentKubernetesVersion')],
    reason:
      'upgrade one minor version at a time, after checking deprecated APIs: the version is yours to pick',
  },
  {
    rule: 'require-host-encryption',
    title: 'Encrypt node disks at the host',
    phase: 'nodes',
    retrofit: 'migrate',
    pool: (p) => p.enableEncryptionAtHost,
    armValue: true,
    terraform: { path: ['default_node_pool', 'host_encryption_enabled'], value: true },
    az: [
      'az aks nodepool add -g "$RG" --cluster-name "$CLUSTER" -n <new pool> --enable-encryption-at-host',
      'kubectl drain <nodes of the old pool> --ignore-daemonsets --delete-emptydir-data',
      'az aks nodepool delete -g "$RG" --cluster-name "$CLUSTER" -n <old pool>',
    ],
    verify: [
      'az aks nodepool list -g "$RG" --cluster-name "$CLUSTER" --query "[].{name:name,host:enableEncryptionAtHost}" -o table',
    ],
    reason: 'an existing node pool cannot turn on encryption at host: a new pool replaces it',
    migration: ['Add a pool with encryption at host, cordon and drain the old pool, delete it.'],
  },
  {
    rule: 'no-node-public-ip',
    title: 'Remove node public IPs',
    phase: 'network',
    retrofit: 'migrate',
    pool: (p) => p.enableNodePublicIP,
    armValue: false,
    terraform: { path: ['default_node_pool', 'node_public_ip_enabled'], value: false },
    az: [
      'az aks nodepool add -g "$RG" --cluster-name "$CLUSTER" -n <new pool>   # without --enable-node-public-ip',
    ],
    verify: [
      'az aks nodepool list -g "$RG" --cluster-name "$CLUSTER" --query "[].enableNodePublicIp" -o tsv',
    ],
    reason: 'node public IPs are fixed at pool creation: a new pool replaces the old one',
    migration: ['Add a pool without public IPs, drain the old pool, delete it.'],
  },
  {
    rule: 'no-node-ssh',
    title: 'Disable SSH to the nodes',
    phase: 'nodes',
    retrofit: 'update',
    pool: (p) => p.sshAccess,
    armValue: 'Disabled',
    az: ['az aks nodepool update -g "$RG" --cluster-name "$CLUSTER" -n <pool> --ssh-access disabled'],
    verify: [
      'az aks nodepool show -g "$RG" --cluster-name "$CLUSTER" -n <pool> --query securityProfile.sshAccess -o tsv',
    ],
    breaksIfEarly: 'node debugging moves to `kubectl debug node/<node>`: tell the on-call team first',
  },
  {
    rule: 'require-defender',
    title: 'Enable Microsoft Defender for Containers',
    phase: 'posture',
    retrofit: 'update',
    setting: (c) => c.security.defender,
    armValue: true,
    az: ['az aks update -g "$RG" -n "$CLUSTER" --enable-defender'],
    verify: [SHOW('securityProfile.defender.securityMonitoring.enabled')],
    reason: 'in Terraform the microsoft_defender block needs your Log Analytics workspace id',
  },
  {
    rule: 'require-audit-logs',
    title: 'Send the Kubernetes audit log to a workspace',
    phase: 'posture',
    retrofit: 'input',
    az: [
      'az monitor diagnostic-settings create --name aks-audit --resource $(az aks show -g "$RG" -n "$CLUSTER" --query id -o tsv) --workspace <workspace id> --logs \'[{"category":"kube-audit-admin","enabled":true},{"category":"guard","enabled":true}]\'',
    ],
    verify: [
      'az monitor diagnostic-settings list --resource $(az aks show -g "$RG" -n "$CLUSTER" --query id -o tsv) -o table',
    ],
    reason: 'needs the Log Analytics workspace that keeps the audit log',
  },
  {
    rule: 'require-container-insights',
    title: 'Enable Container Insights',
    phase: 'posture',
    retrofit: 'input',
    setting: (c) => c.addons.omsagent,
    az: [
      'az aks enable-addons -g "$RG" -n "$CLUSTER" --addons monitoring --workspace-resource-id <workspace id>',
    ],
    verify: [SHOW('addonProfiles.omsagent.enabled')],
    reason: 'needs the Log Analytics workspace',
  },
  {
    rule: 'require-uptime-sla',
    title: 'Move to the Standard tier',
    phase: 'posture',
    retrofit: 'update',
    setting: (c) => c.skuTier,
    armValue: 'Standard',
    terraform: { path: ['sku_tier'], value: 'Standard' },
    az: ['az aks update -g "$RG" -n "$CLUSTER" --tier standard'],
    verify: [SHOW('sku.tier')],
    reason: 'the Standard tier is billed per cluster hour',
  },
  {
    rule: 'require-egress-control',
    title: 'Route egress through a firewall',
    phase: 'network',
    retrofit: 'input',
    setting: (c) => c.network.outboundType,
    az: [
      'az aks update -g "$RG" -n "$CLUSTER" --outbound-type userDefinedRouting   # after the route table sends 0.0.0.0/0 to your firewall',
    ],
    verify: [SHOW('networkProfile.outboundType')],
    reason: 'needs your firewall and a route table on the node subnet',
  },
  {
    rule: 'require-api-server-vnet-integration',
    title: 'Integrate the API server into the VNet',
    phase: 'api-server',
    retrofit: 'input',
    setting: (c) => c.apiServer.enableVnetIntegration,
    az: [
      'az aks update -g "$RG" -n "$CLUSTER" --enable-apiserver-vnet-integration --apiserver-subnet-id <subnet id>',
    ],
    verify: [SHOW('apiServerAccessProfile.enableVnetIntegration')],
    reason: 'on a cluster in your own VNet it needs a delegated subnet for the API server',
  },
  {
    rule: 'require-cmk-disk-encryption',
    title: 'Encrypt OS disks with a customer-managed key',
    phase: 'nodes',
    retrofit: 'rebuild',
    setting: (c) => c.diskEncryptionSetID,
    az: [],
    verify: [SHOW('diskEncryptionSetId')],
    reason: 'the disk encryption set is fixed when the cluster is created, and it needs your key',
    migration: [
      'Create a disk encryption set with your key; create the cluster with it (disk_encryption_set_id); migrate.',
    ],
  },
  {
    rule: 'require-maintenance-window',
    title: 'Plan maintenance windows',
    phase: 'nodes',
    retrofit: 'input',
    az: [
      'az aks maintenanceconfiguration add -g "$RG" --cluster-name "$CLUSTER" -n aksManagedAutoUpgradeSchedule --schedule-type Weekly --day-of-week <day> --start-time <HH:MM> --duration 4',
    ],
    verify: ['az aks maintenanceconfiguration list -g "$RG" --cluster-name "$CLUSTER" -o table'],
    reason: 'the window is your team’s choice',
  },
  {
    rule: 'require-system-pool-isolation',
    title: 'Reserve the system pool for critical add-ons',
    phase: 'nodes',
    retrofit: 'migrate',
    az: [
      'az aks nodepool add -g "$RG" --cluster-name "$CLUSTER" -n user1 --mode User',
      'az aks nodepool update -g "$RG" --cluster-name "$CLUSTER" -n <system pool> --node-taints CriticalAddonsOnly=true:NoSchedule',
    ],
    verify: ['kubectl get nodes -o custom-columns=NAME:.metadata.name,TAINTS:.spec.taints'],
    reason: 'workloads need a user pool to move to before the system pool is tainted',
    breaksIfEarly: 'tainting the only pool leaves application pods Pending',
  },
  {
    rule: 'require-deployment-safeguards',
    title: 'Turn on Deployment Safeguards in Warn',
    phase: 'admission',
    retrofit: 'input',
    az: [
      'az aks safeguards create -g "$RG" -n "$CLUSTER" --level Warn   # Enforce after the warnings are fixed',
    ],
    verify: [
      'kubectl run probe --image=nginx --privileged --dry-run=server   # Warn: a warning; Enforce: denied',
    ],
    reason: 'Deployment Safeguards are a separate resource outside the cluster definition',
  },
  {
    rule: 'require-image-integrity',
    title: 'Verify image signatures (Image Integrity)',
    phase: 'admission',
    retrofit: 'input',
    az: [
      'az policy assignment create --policy 5dc99dae-cfb2-42cc-8762-9aae02b74e27 --scope <resource group id>   # [Preview] Deploy Image Integrity on AKS',
    ],
    verify: ['kubectl -n gatekeeper-system get pods -l app=ratify'],
    reason: 'needs signed images and a trust policy for their signers',
  },
  {
    rule: 'require-managed-identity',
    title: 'Use a managed identity for the cluster',
    phase: 'rbac',
    retrofit: 'update',
    setting: (c) => c.identity.clusterIdentity,
    armValue: 'SystemAssigned',
    terraform: { path: ['identity', 'type'], value: 'SystemAssigned' },
    az: ['az aks update -g "$RG" -n "$CLUSTER" --enable-managed-identity'],
    verify: [SHOW('identity.type')],
    breaksIfEarly:
      'role assignments made for the old service principal (on the VNet, the registry) must be granted to the new identity first',
  },
];

/** The change for a rule id, if aksward knows one. */
export function clusterChange(rule: string): ClusterChange | undefined {
  return CLUSTER_CHANGES.find((c) => c.rule === rule);
}

/** Rollout order: by phase, then as the table lists them within a phase. */
export function rolloutRank(rule: string): number {
  const index = CLUSTER_CHANGES.findIndex((c) => c.rule === rule);
  const change = CLUSTER_CHANGES[index];
  return change ? PLAN_PHASES.indexOf(change.phase) * 1000 + index : Number.MAX_SAFE_INTEGER;
}
