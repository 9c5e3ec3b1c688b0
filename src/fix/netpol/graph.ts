/** @module The communication graph a fix must preserve: who talks to whom on which ports, and the evidence for it. */
import type { PortSet } from '../../analysis/netpol/port-set.js';
import { unionPorts } from '../../analysis/netpol/port-set.js';
import type { SourceLocation, Workload } from '../../model/index.js';

/**
 * One side of an edge: a workload of the model; every pod of a namespace (a Service's clients when nothing
 * names them, or an ingress controller the input does not hold); addresses outside the cluster; cluster DNS.
 */
export type GraphEndpoint =
  | { readonly kind: 'workload'; readonly workload: Workload }
  | { readonly kind: 'namespace'; readonly namespace: string }
  | { readonly kind: 'cidr'; readonly cidr: string }
  | { readonly kind: 'cluster-dns' };

export type EvidenceSource = 'manifest' | 'flows' | 'policy' | 'assumption';

export interface Evidence {
  readonly source: EvidenceSource;
  /** `Service shop/db port 5432`, `env DB_HOST of Deployment/shop/api`, `flows: 12`. Never a value. */
  readonly text: string;
  readonly at: readonly SourceLocation[];
  /** Flow records behind it (source `flows`). */
  readonly flows?: number;
}

export interface CommunicationEdge {
  readonly from: GraphEndpoint;
  readonly to: GraphEndpoint;
  readonly ports: PortSet;
  readonly evidence: readonly Evidence[];
}

export function endpointKey(endpoint: GraphEndpoint): string {
  switch (endpoint.kind) {
    case 'workload':
      return `workload:${endpoint.workload.display}`;
    case 'namespace':
      return `namespace:${endpoint.namespace}`;
    case 'cidr':
      return `cidr:${endpoint.cidr}`;
    case 'cluster-dns':
      return 'cluster-dns';
  }
}

/** `Deployment/shop/web`, `every pod of namespace shop`, `203.0.113.0/24`, `cluster DNS (kube-system/kube-dns)`. */
export function describeEndpoint(endpoint: GraphEndpoint): string {
  switch (endpoint.kind) {
    case 'workload':
      return endpoint.workload.display;
    case 'namespace':
      return `every pod of namespace ${endpoint.namespace}`;
    case 'cidr':
      return endpoint.cidr;
    case 'cluster-dns':
      return 'cluster DNS (kube-system/kube-dns)';
  }
}

/** Edges keyed by their two ends: adding the same pair again widens its ports and adds evidence. */
export class EdgeSet {
  readonly #edges = new Map<string, CommunicationEdge>();

  add(from: GraphEndpoint, to: GraphEndpoint, ports: PortSet, evidence: Evidence): void {
    const key = `${endpointKey(from)} -> ${endpointKey(to)}`;
    const known = this.#edges.get(key);
    if (!known) {
      this.#edges.set(key, { from, to, ports, evidence: [evidence] });
      return;
    }
    const same = known.evidence.some((e) => e.source === evidence.source && e.text === evidence.text);
    this.#edges.set(key, {
      ...known,
      ports: unionPorts(known.ports, ports),
      evidence: same ? known.evidence : [...known.evidence, evidence],
    });
  }

  has(predicate: (edge: CommunicationEdge) => boolean): boolean {
    for (const edge of this.#edges.values()) if (predicate(edge)) return true;
    return false;
  }

  list(): CommunicationEdge[] {
    return [...this.#edges.values()].sort((a, b) =>
      `${endpointKey(a.from)} ${endpointKey(a.to)}`.localeCompare(
        `${endpointKey(b.from)} ${endpointKey(b.to)}`,
      ),
    );
  }
}
