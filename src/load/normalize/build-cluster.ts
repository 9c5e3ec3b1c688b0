/** @module buildCluster: one normaliser from any cluster format to `AksCluster`, applying AKS's documented defaults. */
import type { AksCluster, NodePool, Setting } from '../../model/index.js';
import { emptyRecord } from '../../model/index.js';
import type { ClusterPath, ClusterSource, Lookup, PoolPath, PoolSource } from './cluster-source.js';

/** Reads a value as the model's type (undefined when it is not one); `expects` names that type in reasons. */
interface Coerce<T> {
  (value: unknown): T | undefined;
  readonly expects: string;
}

const coercer = <T>(expects: string, read: (value: unknown) => T | undefined): Coerce<T> =>
  Object.assign(read, { expects });

const API_DEFAULT = 'AKS API default';

/** AKS's documented defaults for values a complete definition omits (ManagedCluster REST API reference). */
const CLUSTER_DEFAULTS: Partial<Record<ClusterPath, unknown>> = {
  '/sku/tier': 'Free',
  'apiServerAccessProfile.enablePrivateCluster': false,
  'apiServerAccessProfile.authorizedIPRanges': [],
  // A private cluster gets a public FQDN unless it is disabled (`az aks update --disable-public-fqdn`).
  'apiServerAccessProfile.enablePrivateClusterPublicFQDN': true,
  'apiServerAccessProfile.enableVnetIntegration': false,
  'apiServerAccessProfile.disableRunCommand': false,
  'addonProfiles.kubeDashboard.enabled': false,
  'addonProfiles.httpApplicationRouting.enabled': false,
  'addonProfiles.azurepolicy.enabled': false,
  'addonProfiles.omsagent.enabled': false,
  'addonProfiles.azureKeyvaultSecretsProvider.enabled': false,
  'addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation': false,
  'networkProfile.networkPlugin': 'kubenet',
  // No `networkPluginMode` is Azure CNI giving pods VNet addresses (or kubenet/BYO CNI): null, "not overlay".
  'networkProfile.networkPluginMode': null,
  'networkProfile.networkPolicy': 'none',
  'networkProfile.networkDataplane': 'azure',
  'networkProfile.outboundType': 'loadBalancer',
  disableLocalAccounts: false,
  enableRBAC: true,
  'aadProfile.managed': false,
  'aadProfile.enableAzureRBAC': false,
  'oidcIssuerProfile.enabled': false,
  'securityProfile.workloadIdentity.enabled': false,
  'securityProfile.azureKeyVaultKms.enabled': false,
  'securityProfile.defender.securityMonitoring.enabled': false,
  'securityProfile.imageIntegrity.enabled': false,
  'securityProfile.imageCleaner.enabled': false,
  'safeguardsProfile.level': 'Off',
  'autoUpgradeProfile.upgradeChannel': 'none',
  'autoUpgradeProfile.nodeOSUpgradeChannel': 'NodeImage',
  diskEncryptionSetID: null,
};

const POOL_DEFAULTS: Record<PoolPath, unknown> = {
  mode: 'User',
  osType: 'Linux',
  enableNodePublicIP: false,
  'securityProfile.sshAccess': 'LocalUser',
  enableEncryptionAtHost: false,
  nodeTaints: [],
  nodeLabels: {},
};

const asBoolean = coercer<boolean>('a boolean', (value) => {
  if (typeof value === 'boolean') return value;
  // ARM add-on `config` values are strings ("true"/"false").
  if (value === 'true' || value === 'True') return true;
  if (value === 'false' || value === 'False') return false;
  return undefined;
});
const asString = coercer<string>('a string', (value) => (typeof value === 'string' ? value : undefined));
const asNullableString = coercer<string | null>('a string', (value) =>
  value === null || value === '' ? null : typeof value === 'string' ? value : undefined,
);
const asStringList = coercer<readonly string[]>('a list of strings', (value) =>
  value === null
    ? []
    : Array.isArray(value) && value.every((v): v is string => typeof v === 'string')
      ? value
      : undefined,
);
const asStringMap = coercer<Readonly<Record<string, string>>>('a map of strings', (value) => {
  const map = emptyRecord<string>();
  if (value === null) return map;
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== 'string') return undefined;
    map[k] = v;
  }
  return map;
});

/** What a value is, never what it says: an unexpected value may be a secret put in the wrong field. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  return `a ${typeof value}`;
}

/** Why a value the input states cannot be used, e.g. "a number where a boolean is expected". */
const mismatch = <T>(value: unknown, coerced: Coerce<T>, what: string): string =>
  `${what} is ${kindOf(value)} where ${coerced.expects} is expected`;

function toSetting<T>(lookup: Lookup, coerce: Coerce<T>, fallback: unknown, complete: boolean): Setting<T> {
  const { at, path } = lookup;
  switch (lookup.kind) {
    case 'unknown':
      return { state: 'unknown', reason: lookup.reason, at, path };
    case 'value': {
      const value = coerce(lookup.value);
      if (value === undefined) {
        return { state: 'unknown', reason: mismatch(lookup.value, coerce, 'the value'), at, path };
      }
      return { state: 'stated', value, at, path };
    }
    case 'default': {
      const value = coerce(lookup.value);
      return value === undefined
        ? { state: 'unknown', reason: mismatch(lookup.value, coerce, 'the default'), at, path }
        : { state: 'default', value, basis: lookup.basis, at, path };
    }
    case 'absent': {
      if (!complete) return { state: 'unknown', reason: 'not stated in this partial input', at, path };
      const value = fallback === undefined ? undefined : coerce(fallback);
      if (value === undefined)
        return { state: 'unknown', reason: 'not stated and AKS has no fixed default', at, path };
      return { state: 'default', value, basis: API_DEFAULT, at, path };
    }
  }
}

function buildPool(source: PoolSource, complete: boolean): NodePool {
  const get = <T>(path: PoolPath, coerce: Coerce<T>): Setting<T> =>
    toSetting(source.get(path), coerce, POOL_DEFAULTS[path], complete);
  return {
    name: source.name,
    at: source.at,
    path: source.path,
    mode: get('mode', asString),
    osType: get('osType', asString),
    enableNodePublicIP: get('enableNodePublicIP', asBoolean),
    sshAccess: get('securityProfile.sshAccess', asString),
    enableEncryptionAtHost: get('enableEncryptionAtHost', asBoolean),
    nodeTaints: get('nodeTaints', asStringList),
    nodeLabels: get('nodeLabels', asStringMap),
  };
}

/** The cluster identity: `identity.type`, else what `servicePrincipalProfile.clientId` implies. */
function clusterIdentity(source: ClusterSource): Setting<string> {
  const type = source.get('/identity/type');
  if (type.kind !== 'absent') return toSetting(type, asString, undefined, source.complete);
  const clientId = source.get('servicePrincipalProfile.clientId');
  if (clientId.kind === 'value' && typeof clientId.value === 'string') {
    // `msi` is how AKS writes "managed identity" into the service principal profile.
    const value = clientId.value.toLowerCase() === 'msi' ? 'SystemAssigned' : 'ServicePrincipal';
    return { state: 'stated', value, at: clientId.at, path: clientId.path };
  }
  if (clientId.kind === 'unknown') return toSetting(clientId, asString, undefined, source.complete);
  return {
    state: 'unknown',
    reason: 'neither identity nor servicePrincipalProfile is stated',
    at: type.at,
    path: type.path,
  };
}

function deploymentSafeguards(source: ClusterSource): Setting<string> {
  const resource = source.deploymentSafeguards;
  if (resource && resource.kind !== 'absent') return toSetting(resource, asString, 'Off', source.complete);
  return toSetting(source.get('safeguardsProfile.level'), asString, 'Off', source.complete);
}

export function buildCluster(source: ClusterSource): AksCluster {
  const { complete } = source;
  const get = <T>(path: ClusterPath, coerce: Coerce<T>): Setting<T> =>
    toSetting(source.get(path), coerce, CLUSTER_DEFAULTS[path], complete);
  const pools: Setting<readonly NodePool[]> = Array.isArray(source.pools)
    ? {
        state: 'stated',
        value: (source.pools as readonly PoolSource[]).map((p) => buildPool(p, complete)),
        at: source.at,
        path: 'agentPoolProfiles',
      }
    : (() => {
        const unknown = source.pools as { unknown: string; at: ClusterSource['at']; path: string };
        return { state: 'unknown', reason: unknown.unknown, at: unknown.at, path: unknown.path } as const;
      })();
  const defenderPlan: Setting<string> = source.defenderPlan
    ? toSetting(source.defenderPlan, asString, undefined, false)
    : {
        state: 'unknown',
        reason: 'the input has no Defender for Containers pricing resource',
        at: source.at,
        path: 'Microsoft.Security/pricings/Containers',
      };
  return {
    name: source.name,
    format: source.format,
    id: source.id,
    display: source.display,
    at: source.at,
    kubernetesVersion: get('kubernetesVersion', asString),
    skuTier: get('/sku/tier', asString),
    apiServer: {
      enablePrivateCluster: get('apiServerAccessProfile.enablePrivateCluster', asBoolean),
      authorizedIPRanges: get('apiServerAccessProfile.authorizedIPRanges', asStringList),
      enablePrivateClusterPublicFQDN: get('apiServerAccessProfile.enablePrivateClusterPublicFQDN', asBoolean),
      enableVnetIntegration: get('apiServerAccessProfile.enableVnetIntegration', asBoolean),
      disableRunCommand: get('apiServerAccessProfile.disableRunCommand', asBoolean),
    },
    addons: {
      kubeDashboard: get('addonProfiles.kubeDashboard.enabled', asBoolean),
      httpApplicationRouting: get('addonProfiles.httpApplicationRouting.enabled', asBoolean),
      azurepolicy: get('addonProfiles.azurepolicy.enabled', asBoolean),
      omsagent: get('addonProfiles.omsagent.enabled', asBoolean),
      azureKeyvaultSecretsProvider: get('addonProfiles.azureKeyvaultSecretsProvider.enabled', asBoolean),
      secretRotation: get(
        'addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation',
        asBoolean,
      ),
    },
    network: {
      networkPlugin: get('networkProfile.networkPlugin', asString),
      networkPluginMode: get('networkProfile.networkPluginMode', asNullableString),
      networkPolicy: get('networkProfile.networkPolicy', asString),
      networkDataplane: get('networkProfile.networkDataplane', asString),
      outboundType: get('networkProfile.outboundType', asString),
    },
    identity: {
      disableLocalAccounts: get('disableLocalAccounts', asBoolean),
      enableRBAC: get('enableRBAC', asBoolean),
      entraManaged: get('aadProfile.managed', asBoolean),
      enableAzureRBAC: get('aadProfile.enableAzureRBAC', asBoolean),
      clusterIdentity: clusterIdentity(source),
    },
    security: {
      oidcIssuer: get('oidcIssuerProfile.enabled', asBoolean),
      workloadIdentity: get('securityProfile.workloadIdentity.enabled', asBoolean),
      keyVaultKms: get('securityProfile.azureKeyVaultKms.enabled', asBoolean),
      defender: get('securityProfile.defender.securityMonitoring.enabled', asBoolean),
      imageIntegrity: get('securityProfile.imageIntegrity.enabled', asBoolean),
      imageCleaner: get('securityProfile.imageCleaner.enabled', asBoolean),
      deploymentSafeguards: deploymentSafeguards(source),
      defenderPlan,
    },
    upgrade: {
      channel: get('autoUpgradeProfile.upgradeChannel', asString),
      nodeOSChannel: get('autoUpgradeProfile.nodeOSUpgradeChannel', asString),
    },
    diskEncryptionSetID: get('diskEncryptionSetID', asNullableString),
    nodePools: pools,
    ...(source.poolsPartial === undefined ? {} : { nodePoolsPartial: source.poolsPartial }),
    maintenanceConfigurations: source.maintenanceConfigurations,
    diagnosticSettings: source.diagnosticSettings,
  };
}
