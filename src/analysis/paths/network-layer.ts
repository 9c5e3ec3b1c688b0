/**
 * @module Workload → workload edges of the attack graph, kept implicit: a flat cluster of n workloads has
 * n² connections, far too many to hold as edge objects (10,000 workloads: 52 million). Each workload keeps
 * one bit per destination (n²/8 bytes: 12.5 MB at 10,000), filled from the NetworkPolicy engine's class
 * rows, and the edge of a step (its ports and evidence) is built only when a path shows it.
 */
import type { Reachability, WorkloadPeer } from '../netpol/index.js';
import { formatPortList, isAllPorts, isEmptyPorts } from '../netpol/port-set.js';
import type { GraphEdge } from './types.js';
import { workloadId } from './types.js';

export interface NetworkLayer {
  /** Workload node ids, by index. */
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** 32-bit words per row. */
  readonly words: number;
  /** Row `i` (words `i * words` onwards): bit `j` set when workload `i` can open a connection to `j`. */
  readonly rows: Uint32Array;
  /** The edge from workload `from` to workload `to` (indexes), with its ports and evidence. */
  edge(from: number, to: number): GraphEdge;
  /** Every destination of `from`, as indexes. */
  targets(from: number): number[];
  /** Every destination of `from` with whether the connection is flat (every port open), as the engine lists them. */
  connections(from: number): { readonly to: number; readonly flat: boolean }[];
}

function networkEdge(reach: Reachability, src: WorkloadPeer, dst: WorkloadPeer): GraphEdge {
  const ports = reach.peerConnection(src, dst);
  const flat = isAllPorts(ports);
  const how = flat
    ? 'on every port: no NetworkPolicy restricts it'
    : `on ${formatPortList(ports).join(', ')}, as NetworkPolicy allows`;
  return {
    from: workloadId(src.namespace, src.name),
    to: workloadId(dst.namespace, dst.name),
    kind: 'network',
    evidence: `${src.id} can connect to ${dst.id} ${how}`,
    control: src.namespace !== dst.namespace ? 'no-cross-namespace-reach' : 'require-default-deny',
    flat,
  };
}

/** A class's destinations as bits over peers (a destination class stands for every peer with pods in it). */
function classBits(reach: Reachability, source: number, words: number): Uint32Array {
  const { classes } = reach.topology;
  const bits = new Uint32Array(words);
  const row = reach.classRow(source);
  for (let d = 0; d < row.length; d++) {
    const ports = row[d];
    if (ports === undefined || isEmptyPorts(ports)) continue;
    for (const t of classes[d]?.peers ?? []) bits[t >>> 5] = (bits[t >>> 5] ?? 0) | (1 << (t & 31));
  }
  return bits;
}

/**
 * Each peer's row is the union of its classes' rows, without itself. Classes with the same row key
 * (`Reachability.rowKey`) share one row, kept until the last peer of those classes is filled.
 */
function fillRows(reach: Reachability, rows: Uint32Array, words: number): void {
  const { classes, peers } = reach.topology;
  const keys = classes.map((_, c) => reach.rowKey(c));
  const lastPeer = new Map<string, number>();
  classes.forEach((c, i) => {
    const key = keys[i] ?? '';
    lastPeer.set(
      key,
      c.peers.reduce((a, b) => Math.max(a, b), lastPeer.get(key) ?? -1),
    );
  });
  const shared = new Map<string, Uint32Array>();
  for (const peer of peers) {
    const base = peer.index * words;
    for (const source of peer.classes) {
      const key = keys[source] ?? '';
      let bits = shared.get(key);
      if (!bits) {
        bits = classBits(reach, source, words);
        shared.set(key, bits);
      }
      for (let w = 0; w < words; w++) rows[base + w] = (rows[base + w] ?? 0) | (bits[w] ?? 0);
      if ((lastPeer.get(key) ?? -1) <= peer.index) shared.delete(key);
    }
    const self = base + (peer.index >>> 5);
    rows[self] = (rows[self] ?? 0) & ~(1 << (peer.index & 31));
  }
}

export function buildNetworkLayer(reach: Reachability): NetworkLayer {
  const { peers } = reach.topology;
  const ids = peers.map((p) => workloadId(p.namespace, p.name));
  const words = Math.max(1, Math.ceil(peers.length / 32));
  const rows = new Uint32Array(peers.length * words);
  fillRows(reach, rows, words);
  return {
    ids,
    indexOf: new Map(ids.map((id, i) => [id, i])),
    words,
    rows,
    edge: (from, to) => {
      const src = peers[from];
      const dst = peers[to];
      if (!src || !dst) throw new RangeError(`no workload at ${from} or ${to}`);
      return networkEdge(reach, src, dst);
    },
    connections: (from) => {
      const peer = peers[from];
      const out: { to: number; flat: boolean }[] = [];
      if (peer)
        reach.forEachConnection(
          (_src, dst, ports) => {
            if (dst.kind === 'workload') out.push({ to: dst.peer.index, flat: isAllPorts(ports) });
          },
          { from: peer },
        );
      return out;
    },
    targets: (from) => {
      const out: number[] = [];
      const base = from * words;
      for (let w = 0; w < words; w++) {
        let bits = rows[base + w] ?? 0;
        while (bits !== 0) {
          const low = bits & -bits;
          out.push(w * 32 + 31 - Math.clz32(low));
          bits ^= low;
        }
      }
      return out;
    },
  };
}
