/**
 * @module The proof: the repository's own reachability engine over the inputs plus the generated policies,
 * enforcement on. Every edge of the graph must still be allowed and DNS reachable; what else was allowed
 * before and no longer is, is what the policies close.
 */
import { analyzeReachability } from '../../analysis/netpol/index.js';
import type { Reachability, WorkloadPeer } from '../../analysis/netpol/index.js';
import { managedCoreDns } from '../../analysis/netpol/dns.js';
import { parseCidr } from '../../model/index.js';
import type { IpRange } from '../../model/index.js';
import {
  NO_PORTS,
  hasPort,
  isEmptyPorts,
  isSubsetPorts,
  unionPorts,
} from '../../analysis/netpol/port-set.js';
import type { PortSet } from '../../analysis/netpol/port-set.js';
import type { AksCluster, KubeObject, Workload } from '../../model/index.js';
import { extractWorkloads, groupBy } from '../../model/index.js';
import type { CommunicationEdge, GraphEndpoint } from './graph.js';
import { subtractPorts } from './ports.js';
import { rowConnection } from '../../analysis/netpol/enumerate.js';

export const PROBE_NAME = 'aksward-probe';

/** One run of the engine, with each input workload's peer. */
export interface Simulation {
  readonly result: Reachability;
  readonly peerOf: ReadonlyMap<KubeObject, WorkloadPeer>;
  readonly dns: readonly WorkloadPeer[];
  /** The peers of each namespace, in the result's order: an edge from or to a whole namespace reads them. */
  readonly peersIn: ReadonlyMap<string, readonly WorkloadPeer[]>;
}

/** A bare pod standing for the pods of a namespace the inputs do not hold (an ingress controller's). */
function probePod(namespace: string): KubeObject {
  const body = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: PROBE_NAME, namespace },
    spec: { containers: [{ name: 'probe', image: 'busybox' }] },
  };
  const at = { file: `<probe in ${namespace}>`, line: 1 };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    name: PROBE_NAME,
    namespace,
    labels: {},
    annotations: {},
    body,
    origin: { file: at.file, documentIndex: 0, basePath: [], at },
  };
}

/**
 * Runs the engine with enforcement on (the plan enables a policy engine before any policy step), with
 * CoreDNS as AKS deploys it when the inputs lack it, and a probe pod in each namespace an edge names
 * without a workload of the inputs.
 */
export function simulate(
  objects: readonly KubeObject[],
  clusters: readonly AksCluster[],
  probeNamespaces: readonly string[],
): Simulation {
  const workloads = extractWorkloads(objects);
  const hasDns = workloads.some(
    (w) => w.namespace === 'kube-system' && w.podLabels['k8s-app'] === 'kube-dns',
  );
  const extra = [...(hasDns ? [] : [managedCoreDns()]), ...probeNamespaces.map(probePod)];
  const result = analyzeReachability([...objects, ...extra], clusters, { enforcement: 'enforced' });
  const peerOf = new Map<KubeObject, WorkloadPeer>();
  for (const peer of result.peers) for (const w of peer.workloads) peerOf.set(w.object, peer);
  const dns = result.peers.filter(
    (p) => p.namespace === 'kube-system' && p.workloads.some((w) => w.podLabels['k8s-app'] === 'kube-dns'),
  );
  return { result, peerOf, dns, peersIn: groupBy(result.peers, (p) => p.namespace) };
}

type Side = { readonly peers: readonly WorkloadPeer[] } | { readonly ip: IpRange };

function sideOf(simulation: Simulation, endpoint: GraphEndpoint): Side {
  switch (endpoint.kind) {
    case 'workload': {
      const peer = simulation.peerOf.get(endpoint.workload.object);
      return { peers: peer ? [peer] : [] };
    }
    case 'namespace':
      return { peers: simulation.peersIn.get(endpoint.namespace) ?? [] };
    case 'cluster-dns':
      return { peers: simulation.dns };
    case 'cidr': {
      const range = parseCidr(endpoint.cidr);
      // The block's first address stands for it: every generated rule allows whole blocks.
      return range ? { ip: { family: range.family, lo: range.lo, hi: range.lo } } : { peers: [] };
    }
  }
}

/** One pair of an edge that the policies block, and on which side. */
export interface BlockedPair {
  readonly from: WorkloadPeer | 'external';
  readonly to: WorkloadPeer | 'external';
  /** `egress`: the source's egress policies block it; `ingress`: the destination's. */
  readonly side: 'egress' | 'ingress';
  readonly allowed: PortSet;
}

function egressOnly(result: Reachability, src: WorkloadPeer, dst: WorkloadPeer): PortSet {
  let ports = NO_PORTS;
  for (const s of src.classes)
    for (const d of dst.classes) ports = unionPorts(ports, result.classEgress(s, d));
  return ports;
}

/** The pairs of `edge` the simulation does not allow on all of the edge's ports (none: the edge holds). */
export function blockedPairs(simulation: Simulation, edge: CommunicationEdge): BlockedPair[] {
  const { result } = simulation;
  const from = sideOf(simulation, edge.from);
  const to = sideOf(simulation, edge.to);
  const out: BlockedPair[] = [];
  if ('ip' in from && 'peers' in to) {
    for (const dst of to.peers) {
      const allowed = result.ipToPeer(from.ip, dst);
      if (!isSubsetPorts(edge.ports, allowed))
        out.push({ from: 'external', to: dst, side: 'ingress', allowed });
    }
  } else if ('peers' in from && 'ip' in to) {
    for (const src of from.peers) {
      const allowed = result.peerToIp(src, to.ip);
      if (!isSubsetPorts(edge.ports, allowed))
        out.push({ from: src, to: 'external', side: 'egress', allowed });
    }
  } else if ('peers' in from && 'peers' in to) {
    for (const src of from.peers) {
      for (const dst of to.peers) {
        if (src === dst) continue;
        const allowed = result.peerConnection(src, dst);
        if (isSubsetPorts(edge.ports, allowed)) continue;
        const side = isSubsetPorts(edge.ports, egressOnly(result, src, dst)) ? 'ingress' : 'egress';
        out.push({ from: src, to: dst, side, allowed });
      }
    }
  }
  return out;
}

/** Whether `workload` reaches CoreDNS on UDP 53 and TCP 53. */
export function reachesDns(simulation: Simulation, workload: Workload): { udp: boolean; tcp: boolean } {
  const peer = simulation.peerOf.get(workload.object);
  if (!peer) return { udp: false, tcp: false };
  const ports = simulation.dns.reduce(
    (acc, d) => unionPorts(acc, simulation.result.peerConnection(peer, d)),
    NO_PORTS,
  );
  return { udp: hasPort(ports, 'UDP', 53), tcp: hasPort(ports, 'TCP', 53) };
}

export interface ClosedConnection {
  /** `shop/web`, or `external` for addresses outside the cluster. */
  readonly from: string;
  readonly to: string;
  readonly ports: PortSet;
}

/**
 * A class's row, kept for the next source with the same row key (`Reachability.rowKey`): a row is as long as
 * the cluster has classes, and on a cluster without policies every source has the same one. Only the last is
 * kept: holding every distinct row would hold one per workload once each gets its own policies.
 */
class LastRow {
  readonly #result: Reachability;
  #key: string | undefined;
  #row: PortSet[] = [];

  constructor(result: Reachability) {
    this.#result = result;
  }

  row(c: number): PortSet[] {
    const key = this.#result.rowKey(c);
    if (key !== this.#key) {
      this.#row = this.#result.classRow(c);
      this.#key = key;
    }
    return this.#row;
  }
}

/** A peer's class when it has one, else -1. */
function onlyClass(classes: readonly number[]): number {
  return classes.length === 1 ? (classes[0] ?? -1) : -1;
}

/**
 * A source's connection to `peer` from the source's class rows: `rowConnection`, with the peer's one class
 * (`only`, -1 for several) read before the loop, so a one-class pair reads neither peer's class list.
 */
function connectionTo(rows: readonly (readonly PortSet[])[], only: number, peer: WorkloadPeer): PortSet {
  return rows.length === 1 && only >= 0 ? (rows[0]?.[only] ?? NO_PORTS) : rowConnection(rows, peer.classes);
}

/** One end of a closed connection: a workload's peer in the simulation after, or an address outside the cluster. */
export type ClosedEnd = WorkloadPeer | 'external';

/**
 * Each connection the inputs' workloads could make before (same engine, enforcement on, existing policies
 * only) and cannot after, handed to `visit` as it is found: workload pairs, and traffic from and to
 * external addresses (over every address block). A default-deny over a flat cluster of 10,000 workloads
 * closes nearly every one of its hundred million pairs, so they are not gathered here. `changed` holds the
 * namespaces the new policies are in: a NetworkPolicy decides the egress and the ingress of its own
 * namespace's pods only, so a connection between two other namespaces is the same after, and is not compared.
 */
export function forEachClosedConnection(
  before: Simulation,
  after: Simulation,
  workloads: readonly Workload[],
  changed: ReadonlySet<string>,
  /** The ends (their peers in the simulation after, named by `id`) and the ports closed. */
  visit: (from: ClosedEnd, to: ClosedEnd, ports: PortSet) => void,
): void {
  if (changed.size === 0) return;
  const pairs = workloads.flatMap((w) => {
    const b = before.peerOf.get(w.object);
    const a = after.peerOf.get(w.object);
    return b && a ? [{ before: b, after: a }] : [];
  });
  const unique = [...new Map(pairs.map((p) => [p.after.id, p])).values()];
  // Per peer, read once rather than per pair (the loop below runs 10^8 times on a flat cluster of 10,000
  // workloads): whether its namespace changed, and its class before and after when it has one.
  const inChanged = new Uint8Array(unique.length);
  const classBefore = new Int32Array(unique.length);
  const classAfter = new Int32Array(unique.length);
  unique.forEach((peer, j) => {
    inChanged[j] = changed.has(peer.after.namespace) ? 1 : 0;
    classBefore[j] = onlyClass(peer.before.classes);
    classAfter[j] = onlyClass(peer.after.classes);
  });
  const lastBefore = new LastRow(before.result);
  const lastAfter = new LastRow(after.result);
  for (let i = 0; i < unique.length; i += 1) {
    const src = unique[i];
    if (src === undefined) continue;
    // The source's own policies decide its egress and its ingress from outside the cluster.
    const sourceChanged = inChanged[i] === 1;
    // Its connections to every class, a row per class of it (what `peerConnection` reads pair by pair),
    // made at the first destination compared.
    let rowsBefore: PortSet[][] | undefined;
    let rowsAfter: PortSet[][] | undefined;
    for (let j = 0; j < unique.length; j += 1) {
      if (j === i || (!sourceChanged && inChanged[j] === 0)) continue;
      const dst = unique[j];
      if (dst === undefined) continue;
      rowsBefore ??= src.before.classes.map((c) => lastBefore.row(c));
      rowsAfter ??= src.after.classes.map((c) => lastAfter.row(c));
      const closed = subtractPorts(
        connectionTo(rowsBefore, classBefore[j] ?? -1, dst.before),
        connectionTo(rowsAfter, classAfter[j] ?? -1, dst.after),
      );
      if (!isEmptyPorts(closed)) visit(src.after, dst.after, closed);
    }
    if (!sourceChanged) continue;
    let outbound = NO_PORTS;
    let inbound = NO_PORTS;
    for (const atom of after.result.atoms) {
      outbound = unionPorts(
        outbound,
        subtractPorts(before.result.peerToIp(src.before, atom), after.result.peerToIp(src.after, atom)),
      );
      inbound = unionPorts(
        inbound,
        subtractPorts(before.result.ipToPeer(atom, src.before), after.result.ipToPeer(atom, src.after)),
      );
    }
    if (!isEmptyPorts(outbound)) visit(src.after, 'external', outbound);
    if (!isEmptyPorts(inbound)) visit('external', src.after, inbound);
  }
}
