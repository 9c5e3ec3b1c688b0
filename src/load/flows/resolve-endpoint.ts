/** @module Which workload of the model a flow endpoint is: by the owner Hubble names, the pod name, or the pod labels. */
import type { Workload } from '../../model/index.js';
import { groupBy } from '../../model/index.js';
import type { FlowEndpointInfo } from './flow-record.js';

export type ResolvedEndpoint =
  | { readonly kind: 'workload'; readonly workload: Workload }
  | { readonly kind: 'cluster-dns' }
  | { readonly kind: 'external' }
  /** The node itself (kubelet probes, hostNetwork pods): always allowed, not something a policy names. */
  | { readonly kind: 'node' }
  /** A pod no workload of the model accounts for: another cluster's, or one the input does not hold. */
  | { readonly kind: 'unmatched'; readonly name: string };

/** Reserved identities that are the node or the cluster's own machinery rather than a workload. */
const NODE_IDENTITIES = new Set(['host', 'remote-node', 'health', 'init', 'ingress', 'unmanaged']);

function isSubset(labels: Readonly<Record<string, string>>, of: Readonly<Record<string, string>>): boolean {
  const entries = Object.entries(labels);
  return entries.length > 0 && entries.every(([k, v]) => of[k] === v);
}

/** CoreDNS: `k8s-app=kube-dns` in kube-system, or (rows without labels) its `coredns-` pods. */
function isClusterDns(info: FlowEndpointInfo): boolean {
  if (info.namespace !== 'kube-system') return false;
  if (info.labels) return info.labels['k8s-app'] === 'kube-dns';
  return info.podName?.startsWith('coredns-') === true;
}

export class WorkloadIndex {
  readonly #byNamespace: Map<string, Workload[]>;

  constructor(workloads: readonly Workload[]) {
    this.#byNamespace = groupBy(workloads, (w) => w.namespace);
  }

  hasNamespace(namespace: string): boolean {
    return this.#byNamespace.has(namespace);
  }

  resolve(info: FlowEndpointInfo): ResolvedEndpoint {
    if (isClusterDns(info)) return { kind: 'cluster-dns' };
    if (info.namespace === undefined) {
      if (info.reserved.some((r) => NODE_IDENTITIES.has(r))) return { kind: 'node' };
      return { kind: 'external' };
    }
    const candidates = this.#byNamespace.get(info.namespace) ?? [];
    const found =
      this.#byOwner(info, candidates) ??
      this.#byPodName(info, candidates) ??
      this.#byLabels(info, candidates);
    if (found) return { kind: 'workload', workload: found };
    const name = `${info.cluster === undefined ? '' : `${info.cluster}:`}${info.namespace}/${info.podName ?? info.workloads[0]?.name ?? '?'}`;
    return { kind: 'unmatched', name };
  }

  /** Hubble resolves the top owner (a ReplicaSet's Deployment), so kind and name compare directly. */
  #byOwner(info: FlowEndpointInfo, candidates: readonly Workload[]): Workload | undefined {
    for (const owner of info.workloads) {
      const hit = candidates.find((w) => w.name === owner.name && w.kind === owner.kind);
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * Pods are named after their owner: `web-7d9c8b5f6d-x2k4q`, `db-0`, `log-agent-8kq2m`. The longest
   * workload name followed by `-` wins, provided the pod labels (when the flow gives them) agree.
   */
  #byPodName(info: FlowEndpointInfo, candidates: readonly Workload[]): Workload | undefined {
    const pod = info.podName;
    if (pod === undefined) return undefined;
    const matches = candidates
      .filter((w) => pod === w.name || pod.startsWith(`${w.name}-`))
      .filter((w) => info.labels === undefined || isSubset(w.podLabels, info.labels))
      .sort((a, b) => b.name.length - a.name.length);
    return matches[0];
  }

  /** The one workload whose pod template labels the flow's labels include. */
  #byLabels(info: FlowEndpointInfo, candidates: readonly Workload[]): Workload | undefined {
    const labels = info.labels;
    if (labels === undefined) return undefined;
    const matches = candidates.filter((w) => isSubset(w.podLabels, labels));
    return matches.length === 1 ? matches[0] : undefined;
  }
}
