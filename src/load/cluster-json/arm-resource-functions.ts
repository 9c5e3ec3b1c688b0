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

/** True when a value contains a placeholder, so comparing it would be a guess. */
export function mentionsDeployment(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const lower = value.toLowerCase();
  return (
    lower.includes(SUBSCRIPTION_PLACEHOLDER.toLowerCase()) ||
    lower.includes(RESOURCE_GROUP_PLACEHOLDER.toLowerCase())
  );
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

export const resourceIdFunctions: readonly (readonly [string, ArmFunction])[] = [
  ['resourceid', strict('resourceId', 2, Infinity, resourceId)],
  ['subscriptionresourceid', strict('subscriptionResourceId', 2, Infinity, subscriptionResourceId)],
  ['extensionresourceid', strict('extensionResourceId', 3, Infinity, extensionResourceId)],
  ['tenantresourceid', strict('tenantResourceId', 2, Infinity, tenantResourceId)],
];

/** Functions whose value exists only during a deployment: an expression using them is undecidable offline. */
export const DEPLOYMENT_FUNCTIONS: ReadonlySet<string> = new Set([
  'copyindex',
  'deployment',
  'environment',
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
