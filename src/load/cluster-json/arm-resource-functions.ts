/** @module ARM resource id functions, evaluated offline with placeholders for the deployment's subscription and group. */
import type { ArmFunction } from './arm-function-kit.js';
import { strict } from './arm-function-kit.js';
import type { Evaluation } from './arm-value.js';
import { decided, invalid } from './arm-value.js';

/**
 * Stand-ins for what only the deployment knows. An id built from them still ends in
 * `providers/<type>/<name>`, which is all a template needs to tie an extension resource to its cluster.
 */
export const SUBSCRIPTION_PLACEHOLDER = '{subscriptionId}';
export const RESOURCE_GROUP_PLACEHOLDER = '{resourceGroupName}';
export const MANAGEMENT_GROUP_PLACEHOLDER = '{managementGroupName}';
const PLACEHOLDERS = [SUBSCRIPTION_PLACEHOLDER, RESOURCE_GROUP_PLACEHOLDER, MANAGEMENT_GROUP_PLACEHOLDER].map(
  (p) => p.toLowerCase(),
);

/** True when a value contains a placeholder, so comparing it would be a guess. */
export function mentionsDeployment(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const lower = value.toLowerCase();
  return PLACEHOLDERS.some((placeholder) => lower.includes(placeholder));
}

/** `Microsoft.X/a/b` with names `n1`, `n2` → `providers/Microsoft.X/a/n1/b/n2`. */
function providerPath(type: unknown, names: readonly unknown[]): Evaluation {
  if (typeof type !== 'string' || !names.every((n): n is string => typeof n === 'string')) {
    return invalid('resource id arguments must be strings');
  }
  const [namespace, ...types] = type.split('/');
  if (!namespace || types.length === 0) return invalid(`resource type is not <namespace>/<type>`);
  if (types.length !== names.length)
    return invalid(`resource type has ${types.length} segments but ${names.length} names`);
  const pairs = types.map((t, i) => `${t}/${names[i] ?? ''}`);
  return decided(`providers/${namespace}/${pairs.join('/')}`);
}

/** `resourceId([subscriptionId], [resourceGroupName], resourceType, name...)`: the type is the first argument with a `/`. */
function resourceId(values: readonly unknown[]): Evaluation {
  const typeIndex = values.findIndex((v) => typeof v === 'string' && v.includes('/'));
  if (typeIndex < 0 || typeIndex > 2) return invalid('resourceId() has no resource type');
  const scope = values.slice(0, typeIndex);
  const path = providerPath(values[typeIndex], values.slice(typeIndex + 1));
  if (!path.ok) return path;
  const [subscription, group] =
    scope.length === 2 ? scope : [SUBSCRIPTION_PLACEHOLDER, scope[0] ?? RESOURCE_GROUP_PLACEHOLDER];
  return decided(
    `/subscriptions/${String(subscription)}/resourceGroups/${String(group)}/${String(path.value)}`,
  );
}

function subscriptionResourceId(values: readonly unknown[]): Evaluation {
  const typeIndex = values.findIndex((v) => typeof v === 'string' && v.includes('/'));
  if (typeIndex < 0 || typeIndex > 1) return invalid('subscriptionResourceId() has no resource type');
  const path = providerPath(values[typeIndex], values.slice(typeIndex + 1));
  const subscription = typeIndex === 1 ? values[0] : SUBSCRIPTION_PLACEHOLDER;
  return path.ok ? decided(`/subscriptions/${String(subscription)}/${String(path.value)}`) : path;
}

function extensionResourceId([base, type, ...names]: readonly unknown[]): Evaluation {
  if (typeof base !== 'string') return invalid('extensionResourceId() base id must be a string');
  const path = providerPath(type, names);
  return path.ok ? decided(`${base.replace(/\/+$/, '')}/${String(path.value)}`) : path;
}

function tenantResourceId([type, ...names]: readonly unknown[]): Evaluation {
  const path = providerPath(type, names);
  return path.ok ? decided(`/${String(path.value)}`) : path;
}

/** `managementGroupResourceId([managementGroupName], resourceType, name...)`. */
function managementGroupResourceId(values: readonly unknown[]): Evaluation {
  const typeIndex = values.findIndex((v) => typeof v === 'string' && v.includes('/'));
  if (typeIndex < 0 || typeIndex > 1) return invalid('managementGroupResourceId() has no resource type');
  const path = providerPath(values[typeIndex], values.slice(typeIndex + 1));
  const group = typeIndex === 1 ? values[0] : MANAGEMENT_GROUP_PLACEHOLDER;
  if (typeof group !== 'string') return invalid('managementGroupResourceId() group must be a string');
  return path.ok
    ? decided(`/providers/Microsoft.Management/managementGroups/${group}/${String(path.value)}`)
    : path;
}

/**
 * `environment()` as ARM documents it for global Azure (AzureCloud), the cloud aksward assumes; the
 * sovereign clouds differ in these endpoints, none of which a cluster control reads.
 */
const AZURE_CLOUD = {
  name: 'AzureCloud',
  gallery: 'https://gallery.azure.com/',
  graph: 'https://graph.windows.net/',
  portal: 'https://portal.azure.com',
  graphAudience: 'https://graph.windows.net/',
  activeDirectoryDataLake: 'https://datalake.azure.net/',
  batch: 'https://batch.core.windows.net/',
  media: 'https://rest.media.azure.net',
  sqlManagement: 'https://management.core.windows.net:8443/',
  vmImageAliasDoc:
    'https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json',
  resourceManager: 'https://management.azure.com/',
  authentication: {
    loginEndpoint: 'https://login.microsoftonline.com/',
    audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'],
    tenant: 'common',
    identityProvider: 'AAD',
  },
  suffixes: {
    acrLoginServer: '.azurecr.io',
    azureDatalakeAnalyticsCatalogAndJob: 'azuredatalakeanalytics.net',
    azureDatalakeStoreFileSystem: 'azuredatalakestore.net',
    azureFrontDoorEndpointSuffix: 'azurefd.net',
    keyvaultDns: '.vault.azure.net',
    sqlServerHostname: '.database.windows.net',
    storage: 'core.windows.net',
  },
} as const;

export const resourceIdFunctions: readonly (readonly [string, ArmFunction])[] = [
  ['environment', strict('environment', 0, 0, () => decided(structuredClone(AZURE_CLOUD)))],
  ['managementgroupresourceid', strict('managementGroupResourceId', 2, Infinity, managementGroupResourceId)],
  ['resourceid', strict('resourceId', 2, Infinity, resourceId)],
  ['subscriptionresourceid', strict('subscriptionResourceId', 2, Infinity, subscriptionResourceId)],
  ['extensionresourceid', strict('extensionResourceId', 3, Infinity, extensionResourceId)],
  ['tenantresourceid', strict('tenantResourceId', 2, Infinity, tenantResourceId)],
];

/** Functions whose value exists only during a deployment: an expression using them is undecidable offline. */
export const DEPLOYMENT_FUNCTIONS: ReadonlySet<string> = new Set([
  'copyindex',
  'deployment',
  'guid',
  'managementgroup',
  'newguid',
  'pickzones',
  'providers',
  'reference',
  'resourcegroup',
  'subscription',
  'tenant',
  'uniquestring',
  'utcnow',
]);
