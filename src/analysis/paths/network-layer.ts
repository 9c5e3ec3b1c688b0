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
  /**
   * Workloads whose classes have the same rows (`Reachability.rowKey`) reach the same workloads, each but
   * itself: they share one row. `groupOf[i]` is workload `i`'s row; a search expands each row once.
   */
  readonly groupOf: Int32Array;
  /** Row `g` (words `g * words` onwards): bit `j` set when the workloads of row `g` can open a connection to `j` (unless `j` is the one connecting). */
  readonly rows: Uint32Array;
  /** Whether workload `from` can open a connection to workload `to` (never to itself). */
  connects(from: number, to: number): boolean;
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
 * The rows: a peer's row is the union of its classes' rows, so peers whose classes have the same row keys
 * (`Reachability.rowKey`) share one. A 10,000-workload cluster with one class per workload has some
 * hundreds of distinct rows: kilobytes per row instead of one row per workload (12.5 MB, n²/8).
 */
function groupRows(reach: Reachability, words: number): { groupOf: Int32Array; rows: Uint32Array } {
  const { peers } = reach.topology;
  const keys = new Map<number, string>();
  const keyOf = (c: number): string => {
    let key = keys.get(c);
    if (key === undefined) keys.set(c, (key = reach.rowKey(c)));
    return key;
  };
  const groupOf = new Int32Array(peers.length);
  const groups = new Map<string, number>();
  const sources: (readonly number[])[] = [];
  for (const peer of peers) {
    const signature = [...new Set(peer.classes.map(keyOf))].sort().join('\n');
    let group = groups.get(signature);
    if (group === undefined) {
      groups.set(signature, (group = sources.length));
      sources.push(peer.classes);
    }
    groupOf[peer.index] = group;
  }
  const rows = new Uint32Array(Math.max(1, sources.length * words));
  const bitsOfKey = new Map<string, Uint32Array>();
  sources.forEach((classes, group) => {
    const base = group * words;
    for (const source of classes) {
      const key = keyOf(source);
      let bits = bitsOfKey.get(key);
      if (!bits) bitsOfKey.set(key, (bits = classBits(reach, source, words)));
      for (let w = 0; w < words; w++) rows[base + w] = (rows[base + w] ?? 0) | (bits[w] ?? 0);
    }
  });
  return { groupOf, rows };
}

export function buildNetworkLayer(reach: Reachability): NetworkLayer {
  const { peers } = reach.topology;
  const ids = peers.map((p) => workloadId(p.namespace, p.name));
  const words = Math.max(1, Math.ceil(peers.length / 32));
  const { groupOf, rows } = groupRows(reach, words);
  const connects = (from: number, to: number): boolean =>
    from !== to && (((rows[(groupOf[from] ?? 0) * words + (to >>> 5)] ?? 0) >>> (to & 31)) & 1) === 1;
  return {
    ids,
    indexOf: new Map(ids.map((id, i) => [id, i])),
    words,
    groupOf,
    rows,
    connects,
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
      const base = (groupOf[from] ?? 0) * words;
      for (let w = 0; w < words; w++) {
        let bits = rows[base + w] ?? 0;
        while (bits !== 0) {
          const low = bits & -bits;
          const to = w * 32 + 31 - Math.clz32(low);
          if (to !== from) out.push(to);
          bits ^= low;
        }
      }
      return out;
    },
  };
}
