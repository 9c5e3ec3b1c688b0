/** @module Recognises the Azure-side JSON inputs: az aks show/list, ARM REST, ARM templates, diagnostic settings lists. */
import type { InputFormat } from '../diagnostics.js';
import { getProperty, isPlainObject } from './arm-value.js';
import type { PlainObject } from './arm-value.js';
import { isDiagnosticSettingObject } from './diagnostic-settings.js';

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
function isTemplate(value: PlainObject): boolean {
  const schema = getProperty(value, '$schema');
  return typeof schema === 'string' && schema.toLowerCase().includes('deploymenttemplate');
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

/** A non-empty list whose items are all clusters of one shape, or all diagnostic settings. */
function detectList(items: readonly unknown[]): InputFormat | undefined {
  if (items.length === 0 || !items.every(isPlainObject)) return undefined;
  if (items.every(isDiagnosticSettingObject)) return 'diagnostic-settings';
  const formats = new Set(items.map(clusterFormat));
  const [only] = formats;
  return formats.size === 1 ? only : undefined;
}

/** Recognises a cluster-side JSON document, or returns undefined (then it may be Kubernetes JSON or nothing). */
export function detectClusterJson(value: unknown): InputFormat | undefined {
  if (Array.isArray(value)) return detectList(value);
  if (!isPlainObject(value) || isKubernetes(value) || isTerraformJson(value)) return undefined;
  if (isTemplate(value)) return 'arm-template';
  if (isDiagnosticSettingObject(value)) return 'diagnostic-settings';
  const cluster = clusterFormat(value);
  if (cluster) return cluster;
  // A REST list (`GET .../managedClusters?api-version=`): `{ value: [...], nextLink? }`.
  const list = getProperty(value, 'value');
  const keys = Object.keys(value).filter((key) => key !== 'value' && key !== 'nextLink');
  return Array.isArray(list) && keys.length === 0 ? detectList(list) : undefined;
}
