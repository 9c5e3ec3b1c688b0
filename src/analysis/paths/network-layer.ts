/**
 * @module Workload → workload edges of the attack graph, kept implicit: a flat cluster of n workloads has
 * n² connections, far too many to hold as edge objects (10,000 workloads: 52 million). Each workload keeps
 * one bit per destination (n²/8 bytes: 12.5 MB at 10,000), filled from the NetworkPolicy engine's class
 * rows, and the edge of a step (its ports and evidence) is built only when a path shows it.
 */
import type { Reachability, WorkloadPeer } from '../netpol/index.js';
import { ALL_PORTS, formatPortList, isAllPorts } from '../netpol/port-set.js';
import type { PortSet } from '../netpol/port-set.js';
import type { ClassBits } from './row-bits.js';
import { rowBits } from './row-bits.js';
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
  /** Whether the connection from `from` to `to` is open on every port (a flat network); false when there is none. */
  isFlat(from: number, to: number): boolean;
  /** The edge from workload `from` to workload `to` (indexes), with its ports and evidence. */
  edge(from: number, to: number): GraphEdge;
  /** Every destination of `from`, as indexes, in index order. */
  targets(from: number): number[];
}

/** The edge of a connection; `from` and `to` are the layer's ids of the two workloads (one string each, however many edges). */
function networkEdge(
  src: WorkloadPeer,
  dst: WorkloadPeer,
  ends: { readonly from: string; readonly to: string },
  ports: PortSet,
): GraphEdge {
  const flat = isAllPorts(ports);
  const how = flat
    ? 'on every port: no NetworkPolicy restricts it'
    : `on ${formatPortList(ports).join(', ')}, as NetworkPolicy allows`;
  return {
    from: ends.from,
    to: ends.to,
    kind: 'network',
    evidence: `${src.id} can connect to ${dst.id} ${how}`,
    control: src.namespace !== dst.namespace ? 'no-cross-namespace-reach' : 'require-default-deny',
    flat,
  };
}

const isAll = (ports: PortSet): boolean => ports === ALL_PORTS || isAllPorts(ports);

interface Rows {
  readonly groupOf: Int32Array;
  readonly rows: Uint32Array;
  /** Row `g`'s flat bits (open on every port), when `exact[g]` is 1: its workloads' classes share one row key. */
  readonly flat: Uint32Array;
  readonly exact: Uint8Array;
}

/**
 * The rows: a peer's row is the union of its classes' rows, so peers whose classes have the same row keys
 * (`Reachability.rowKey`) share one. A 10,000-workload cluster with one class per workload has some
 * hundreds of distinct rows: kilobytes per row instead of one row per workload (12.5 MB, n²/8). A row of
 * one key also keeps which connections are flat, read from the same class row: the narrative counts them
 * and a flat edge needs no port computation. A row of several keys (pods of one workload in classes that
 * policies tell apart) leaves that to `Reachability.peerConnection`.
 */
function groupRows(reach: Reachability, words: number): Rows {
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
  const single: boolean[] = [];
  for (const peer of peers) {
    const [only] = peer.classes;
    const distinct =
      peer.classes.length === 1 && only !== undefined ? [keyOf(only)] : [...new Set(peer.classes.map(keyOf))];
    const signature = distinct.length === 1 ? (distinct[0] ?? '') : distinct.sort().join('\n');
    let group = groups.get(signature);
    if (group === undefined) {
      groups.set(signature, (group = sources.length));
      sources.push(peer.classes);
      single.push(distinct.length === 1);
    }
    groupOf[peer.index] = group;
  }
  const size = Math.max(1, sources.length * words);
  const rows = new Uint32Array(size);
  const flat = new Uint32Array(size);
  const exact = new Uint8Array(sources.length);
  const bitsOfKey = new Map<string, ClassBits>();
  const bitsOf = rowBits(reach, words);
  sources.forEach((classes, group) => {
    const base = group * words;
    for (const source of classes) {
      const key = keyOf(source);
      let bits = bitsOfKey.get(key);
      if (!bits) bitsOfKey.set(key, (bits = bitsOf(source)));
      for (let w = 0; w < words; w++) rows[base + w] = (rows[base + w] ?? 0) | (bits.open[w] ?? 0);
      if (single[group] === true) flat.set(bits.flat, base);
    }
    exact[group] = single[group] === true ? 1 : 0;
  });
  return { groupOf, rows, flat, exact };
}

export function buildNetworkLayer(reach: Reachability): NetworkLayer {
  const { peers } = reach.topology;
  const ids = peers.map((p) => workloadId(p.namespace, p.name));
  const words = Math.max(1, Math.ceil(peers.length / 32));
  const { groupOf, rows, flat, exact } = groupRows(reach, words);
  const connects = (from: number, to: number): boolean =>
    from !== to && (((rows[(groupOf[from] ?? 0) * words + (to >>> 5)] ?? 0) >>> (to & 31)) & 1) === 1;
  const peerAt = (i: number): WorkloadPeer => {
    const peer = peers[i];
    if (!peer) throw new RangeError(`no workload at ${i}`);
    return peer;
  };
  /** The ports of a connection, or ALL_PORTS at once when the row knows it is flat. */
  const portsOf = (from: number, to: number): PortSet => {
    const group = groupOf[from] ?? 0;
    if (exact[group] === 1 && ((flat[group * words + (to >>> 5)] ?? 0) >>> (to & 31)) & 1) return ALL_PORTS;
    return reach.peerConnection(peerAt(from), peerAt(to));
  };
  return {
    ids,
    indexOf: new Map(ids.map((id, i) => [id, i])),
    words,
    groupOf,
    rows,
    connects,
    isFlat: (from, to) => {
      if (!connects(from, to)) return false;
      const group = groupOf[from] ?? 0;
      if (exact[group] === 1) return (((flat[group * words + (to >>> 5)] ?? 0) >>> (to & 31)) & 1) === 1;
      return isAll(reach.peerConnection(peerAt(from), peerAt(to)));
    },
    edge: (from, to) =>
      networkEdge(peerAt(from), peerAt(to), { from: ids[from] ?? '', to: ids[to] ?? '' }, portsOf(from, to)),
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
