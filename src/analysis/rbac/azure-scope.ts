/**
 * @module Whether an Azure role assignment's scope covers the cluster (or one of its namespaces). Azure
 * assignments inherit downwards: an assignment at the subscription, resource group or cluster covers
 * every namespace (`<cluster id>/namespaces/<ns>`); one at a namespace covers that namespace only.
 */
import type { AksCluster } from '../../model/index.js';

/** `yes`, `no`, or `unknown` when a placeholder (an id only the deployment knows) decides it. */
export type ScopeMatch = 'yes' | 'no' | 'unknown';

/**
 * The cluster's Azure resource id. A Terraform cluster has only an address, so its id is built from its
 * name with `{subscriptionId}` and `{resourceGroupName}` placeholders, as ARM templates have.
 */
export function clusterResourceId(cluster: Pick<AksCluster, 'id' | 'name'>): string {
  if (cluster.id.toLowerCase().startsWith('/subscriptions/')) return cluster.id;
  return `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/${cluster.name}`;
}

/** The scope guard checks a request against: the cluster id, or `<cluster id>/namespaces/<ns>`. */
export function requestScope(clusterId: string, namespace: string): string {
  return namespace === '' ? clusterId : `${clusterId.replace(/\/+$/, '')}/namespaces/${namespace}`;
}

const segmentsOf = (scope: string): string[] =>
  scope
    .toLowerCase()
    .split('/')
    .filter((s) => s !== '');

const isPlaceholder = (segment: string): boolean => segment.includes('{') || segment.includes('[');

function namesCluster(segments: readonly string[]): boolean {
  const at = segments.lastIndexOf('managedclusters');
  return at >= 0 && at + 1 < segments.length && !isPlaceholder(segments[at + 1] ?? '{');
}

/**
 * Segment-wise prefix comparison, case-insensitive as Azure ids are. A management-group scope cannot be
 * placed above a subscription without the tenant's hierarchy, so it is `unknown`; the root scope `/`
 * covers everything.
 */
export function scopeCovers(assignmentScope: string, target: string): ScopeMatch {
  const scope = segmentsOf(assignmentScope);
  const wanted = segmentsOf(target);
  if (scope.length === 0) return 'yes';
  if (scope[0] === 'providers' && scope[1] === 'microsoft.management') return 'unknown';
  if (scope.length > wanted.length) return 'no';
  let guessed = false;
  for (const [i, segment] of scope.entries()) {
    const other = wanted[i] ?? '';
    if (segment === other) continue;
    if (!isPlaceholder(segment) && !isPlaceholder(other)) return 'no';
    guessed = true;
  }
  if (!guessed) return 'yes';
  // The same cluster name on both sides: the placeholders stand for that cluster's subscription and group.
  return namesCluster(scope) ? 'yes' : 'unknown';
}
