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
  /** The workloads some edge goes to. */
  readonly #toWorkloads = new Set<Workload>();

  add(from: GraphEndpoint, to: GraphEndpoint, ports: PortSet, evidence: Evidence): void {
    if (to.kind === 'workload') this.#toWorkloads.add(to.workload);
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

  /** Whether some edge goes to `workload`. */
  reaches(workload: Workload): boolean {
    return this.#toWorkloads.has(workload);
  }

  list(): CommunicationEdge[] {
    return [...this.#edges.values()].sort((a, b) =>
      `${endpointKey(a.from)} ${endpointKey(a.to)}`.localeCompare(
        `${endpointKey(b.from)} ${endpointKey(b.to)}`,
      ),
    );
  }
}

/**
 * A graph's edges by the workload at their ends, each list in graph order: what one workload's policies and
 * checks read, without scanning every edge of the cluster for each workload.
 */
export class EdgeIndex {
  readonly #to = new Map<Workload, CommunicationEdge[]>();
  readonly #from = new Map<Workload, CommunicationEdge[]>();
  readonly #fromNamespace = new Map<string, CommunicationEdge[]>();
  readonly #position = new Map<CommunicationEdge, number>();

  constructor(graph: readonly CommunicationEdge[]) {
    graph.forEach((edge, position) => {
      this.#position.set(edge, position);
      if (edge.to.kind === 'workload') pushTo(this.#to, edge.to.workload, edge);
      if (edge.from.kind === 'workload') pushTo(this.#from, edge.from.workload, edge);
      else if (edge.from.kind === 'namespace') pushTo(this.#fromNamespace, edge.from.namespace, edge);
    });
  }

  /** The edges to the workload. */
  to(workload: Workload): readonly CommunicationEdge[] {
    return this.#to.get(workload) ?? [];
  }

  /** The edges from the workload itself. */
  from(workload: Workload): readonly CommunicationEdge[] {
    return this.#from.get(workload) ?? [];
  }

  /** The edges from the workload and from every pod of its namespace (it is one of them), in graph order. */
  leaving(workload: Workload): CommunicationEdge[] {
    const own = this.from(workload);
    const shared = this.#fromNamespace.get(workload.namespace) ?? [];
    const out: CommunicationEdge[] = [];
    let i = 0;
    let j = 0;
    const at = (edge: CommunicationEdge): number => this.#position.get(edge) ?? 0;
    while (i < own.length || j < shared.length) {
      const a = own[i];
      const b = shared[j];
      if (b === undefined || (a !== undefined && at(a) < at(b))) {
        out.push(a as CommunicationEdge);
        i += 1;
      } else {
        out.push(b);
        j += 1;
      }
    }
    return out;
  }
}

function pushTo<K>(map: Map<K, CommunicationEdge[]>, key: K, edge: CommunicationEdge): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [edge]);
  else list.push(edge);
}
