/**
 * @module Recognises the Azure-side JSON inputs: az aks show/list, ARM REST, ARM templates with cluster-side
 * resources, diagnostic settings and maintenance configuration lists.
 */
import type { InputFormat } from '../diagnostics.js';
import { getProperty, isPlainObject } from './arm-value.js';
import type { PlainObject } from './arm-value.js';
import { isDiagnosticSettingObject } from './diagnostic-settings.js';
import { isMaintenanceConfigurationObject } from './maintenance-configurations.js';

type ClusterFormat = 'az-aks-show' | 'arm-rest';

const CLUSTER_TYPE = 'microsoft.containerservice/managedclusters';
const CLUSTER_ID = /\/providers\/Microsoft\.ContainerService\/managedClusters\/[^/]+$/i;

/** Kubernetes objects and lists: `apiVersion` and `kind` strings. */
const isKubernetes = (value: PlainObject): boolean =>
  typeof value.apiVersion === 'string' && typeof value.kind === 'string';

/** `terraform show -json`: a plan (`planned_values`) or a state (`values`). */
const isTerraformJson = (value: PlainObject): boolean =>
  'format_version' in value && ('planned_values' in value || 'values' in value);

/** Any deployment template schema (resource group, subscription, management group, tenant); not a parameters file. */
export function isTemplate(value: PlainObject): boolean {
  const schema = getProperty(value, '$schema');
  return typeof schema === 'string' && schema.toLowerCase().includes('deploymenttemplate');
}

/**
 * Resource types the template loader reads: the cluster and its children, its Deployment Safeguards,
 * and diagnostic settings (which may target a cluster). Defender pricing alone is read only beside a cluster.
 */
const isClusterSideType = (type: string): boolean =>
  type === CLUSTER_TYPE ||
  type.startsWith(`${CLUSTER_TYPE}/`) ||
  type === 'microsoft.containerservice/deploymentsafeguards' ||
  type === 'microsoft.insights/diagnosticsettings';

/** Nested deployments deeper than this are not searched, as the template loader does not follow them (it reports them). */
const MAX_TEMPLATE_DEPTH = 8;

/** The template's resources: an array, or (languageVersion 2.0) an object of symbolic names. */
function resourcesOf(container: unknown): unknown[] {
  const resources = isPlainObject(container) ? getProperty(container, 'resources') : undefined;
  if (Array.isArray(resources)) return resources;
  return isPlainObject(resources) ? Object.values(resources) : [];
}

/**
 * Whether a template (or a resource's nested `resources`, or an inline nested deployment) holds a cluster-side
 * resource; `too-deep` when the search met a nested deployment past the limit (the loader reports it).
 */
function holdsClusterSide(container: unknown, depth = 0): 'yes' | 'no' | 'too-deep' {
  if (depth > MAX_TEMPLATE_DEPTH) return 'too-deep';
  let found: 'yes' | 'no' | 'too-deep' = 'no';
  for (const resource of resourcesOf(container)) {
    if (!isPlainObject(resource)) continue;
    const type = getProperty(resource, 'type');
    if (typeof type === 'string' && isClusterSideType(type.toLowerCase())) return 'yes';
    const properties = getProperty(resource, 'properties');
    // A linked template may deploy a cluster: the loader follows a local link and reports any other.
    if (isPlainObject(properties) && getProperty(properties, 'templateLink') !== undefined) return 'yes';
    const inline = isPlainObject(properties) ? getProperty(properties, 'template') : undefined;
    // child resources are in the same template; only a nested deployment is one level deeper
    for (const inner of [holdsClusterSide(resource, depth), holdsClusterSide(inline, depth + 1)]) {
      if (inner === 'yes') return 'yes';
      if (inner === 'too-deep') found = 'too-deep';
    }
  }
  return found;
}

/** A ManagedCluster: by its type or its id; REST nests the settings in `properties`, az flattens them. */
function clusterFormat(value: PlainObject): ClusterFormat | undefined {
  const type = getProperty(value, 'type');
  const id = getProperty(value, 'id');
  const isCluster =
    typeof type === 'string'
      ? type.toLowerCase() === CLUSTER_TYPE
      : typeof id === 'string' && CLUSTER_ID.test(id);
  if (!isCluster) return undefined;
  return isPlainObject(getProperty(value, 'properties')) ? 'arm-rest' : 'az-aks-show';
}

/** A non-empty list whose items are all clusters of one shape, all diagnostic settings or all maintenance configurations. */
function detectList(items: readonly unknown[]): InputFormat | undefined {
  if (items.length === 0 || !items.every(isPlainObject)) return undefined;
  if (items.every(isDiagnosticSettingObject)) return 'diagnostic-settings';
  if (items.every(isMaintenanceConfigurationObject)) return 'maintenance-configurations';
  const formats = new Set(items.map(clusterFormat));
  const [only] = formats;
  return formats.size === 1 ? only : undefined;
}

/** Recognises a cluster-side JSON document, or returns undefined (then it may be Kubernetes JSON or nothing). */
export function detectClusterJson(value: unknown): InputFormat | undefined {
  if (Array.isArray(value)) return detectList(value);
  if (!isPlainObject(value) || isKubernetes(value) || isTerraformJson(value)) return undefined;
  // A template with no cluster-side resource (only role assignments, say) is left to the other detectors.
  if (isTemplate(value)) return holdsClusterSide(value) === 'no' ? undefined : 'arm-template';
  if (isDiagnosticSettingObject(value)) return 'diagnostic-settings';
  if (isMaintenanceConfigurationObject(value)) return 'maintenance-configurations';
  const cluster = clusterFormat(value);
  if (cluster) return cluster;
  // A REST list (`GET .../managedClusters?api-version=`): `{ value: [...], nextLink? }`.
  const list = getProperty(value, 'value');
  const keys = Object.keys(value).filter((key) => key !== 'value' && key !== 'nextLink');
  return Array.isArray(list) && keys.length === 0 ? detectList(list) : undefined;
}
