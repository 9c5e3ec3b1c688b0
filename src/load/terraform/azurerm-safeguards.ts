/** @module Deployment Safeguards of an azurerm cluster: `azurerm_kubernetes_cluster_deployment_safeguard` or an azapi resource. */
// azurerm: `website/docs/r/kubernetes_cluster_deployment_safeguard.html.markdown` (`kubernetes_cluster_id`,
// `level` = `Warn` | `Enforce`, both required). The ARM resource is `Microsoft.ContainerService/deploymentSafeguards`
// (name `default`), an extension of the cluster: azapi creates it with `parent_id` = the cluster id.
import type { Lookup } from '../normalize/cluster-source.js';
import { display, stated, unknownLookup } from './azurerm-lookups.js';
import type { TfResource } from './tf-resource.js';
import { isRecord } from './tf-resource.js';

export const SAFEGUARD = 'azurerm_kubernetes_cluster_deployment_safeguard';
export const AZAPI_RESOURCE = 'azapi_resource';

const SAFEGUARDS_TYPE = 'microsoft.containerservice/deploymentsafeguards@';

/** An azapi resource whose `type` is Deployment Safeguards; unknown when its type cannot be read. */
export function isAzapiSafeguards(resource: TfResource): boolean | { readonly unknown: string } {
  if (resource.type !== AZAPI_RESOURCE) return false;
  const type = resource.view.attr(['type']);
  if (type.kind === 'unknown') return { unknown: `type ${type.reason}` };
  return (
    type.kind === 'value' &&
    typeof type.value === 'string' &&
    type.value.toLowerCase().startsWith(SAFEGUARDS_TYPE)
  );
}

/** `count = 0` or an empty `for_each` creates nothing: a module that reads so has no such resource. */
function existence(resource: TfResource): boolean | { readonly unknown: string } {
  if (resource.repetition === undefined) return true;
  const read = resource.view.attr([resource.repetition]);
  if (read.kind === 'unknown') return { unknown: `${resource.repetition} ${read.reason}` };
  if (read.kind === 'absent') return true;
  const { value } = read;
  if (typeof value === 'number') return value > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return { unknown: `${resource.repetition} is not a number or a collection` };
}

/** `body.properties.level` of an azapi resource: an HCL object (azapi 2), or a JSON string (azapi 1 in a plan). */
function azapiLevel(resource: TfResource): Lookup {
  const { view, address } = resource;
  const body = view.attr(['body']);
  const at = view.locate(['body']);
  const path = display(address, ['body', 'properties', 'level']);
  if (body.kind === 'unknown') return { kind: 'unknown', reason: `body ${body.reason}`, at, path };
  let value: unknown = body.kind === 'value' ? body.value : undefined;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      // A body that is not JSON says nothing readable; its text is never quoted.
      return { kind: 'unknown', reason: 'body is a string that is not JSON', at, path };
    }
  }
  const properties = isRecord(value) ? value.properties : undefined;
  const level = isRecord(properties) ? properties.level : undefined;
  if (level === undefined || level === null)
    return { kind: 'unknown', reason: 'body states no properties.level (the API requires one)', at, path };
  return { kind: 'value', value: level, at, path };
}

/** Whether `resource` is this cluster's Deployment Safeguards: certainly, possibly (why), or not. */
function belongs(resource: TfResource, cluster: TfResource): boolean | { readonly unknown: string } {
  const azapi = isAzapiSafeguards(resource);
  if (resource.type !== SAFEGUARD && azapi === false) return false;
  const attribute = resource.type === SAFEGUARD ? 'kubernetes_cluster_id' : 'parent_id';
  const reference = resource.references(attribute, cluster);
  if (reference === false) return false;
  if (reference !== true) return reference;
  if (azapi !== true && azapi !== false) return azapi;
  return existence(resource);
}

function levelOf(resource: TfResource): Lookup {
  if (resource.type !== SAFEGUARD) return azapiLevel(resource);
  const reason = 'level is required by azurerm but not stated';
  return (
    stated(resource.view, ['level'], resource.address) ??
    unknownLookup(resource.view, ['level'], reason, resource.address)
  );
}

/**
 * The level of the Deployment Safeguards resource that refers to the cluster. Without one the level stays
 * unknown: Safeguards are a separate resource, often switched on outside Terraform (`az aks safeguards create`).
 */
export function deploymentSafeguards(cluster: TfResource, resources: readonly TfResource[]): Lookup {
  let undecided: Lookup | undefined;
  for (const resource of resources) {
    const found = belongs(resource, cluster);
    if (found === true) return levelOf(resource);
    if (found === false || undecided) continue;
    const reason = `${resource.address}: ${found.unknown}, so it may be this cluster's Deployment Safeguards`;
    undecided = { kind: 'unknown', reason, at: resource.at, path: resource.address };
  }
  return (
    undecided ?? {
      kind: 'unknown',
      reason: `no ${SAFEGUARD} (or azapi_resource of type Microsoft.ContainerService/deploymentSafeguards) refers to this cluster, and Safeguards may be set outside Terraform: scan \`az aks safeguards show\``,
      at: cluster.at,
      path: SAFEGUARD,
    }
  );
}
