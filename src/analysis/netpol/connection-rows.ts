/**
 * @module The connection list as columns, a source at a time: for each source in name order, its
 * destinations and connection sets in name order, as indices into one table of names and one of distinct
 * sets. A 10,000-workload cluster has tens of millions of connections but about a thousand distinct class
 * rows and a few hundred distinct sets, so a row is computed once per row key, the workloads are sorted
 * by name once, and a format renders each name and set once instead of once per connection.
 */
import { formatIpRange } from '../../model/index.js';
import type { IpRange } from '../../model/index.js';
import type { WorkloadPeer } from './classes.js';
import type { ConnectionFocus } from './connection-focus.js';
import { isRangeSide, scopeSide } from './connection-focus.js';
import { ipConnections } from './enumerate.js';
import { NO_PORTS, describePorts, hasPort, isEmptyPorts, unionPorts } from './port-set.js';
import type { PortSet } from './port-set.js';
import type { Endpoint, Reachability } from './reachability.js';

/** One source's connections in destination name order; valid only during the visit (its arrays are reused). */
export interface SourceRow {
  /** The source: an index into `ConnectionTable.names`. */
  readonly src: number;
  /** How many connections: the first `length` items of `dst` and `conn`. */
  readonly length: number;
  /** Each destination: an index into `names`. */
  readonly dst: Int32Array;
  /** Each connection set: an index into `conns`. */
  readonly conn: Int32Array;
}

/** The names and connection sets that rows point into, each held once; both grow while rows are visited. */
export interface ConnectionTable {
  /** Workload ids (at their peer's index), then external ranges (`a.b.c.d-e.f.g.h`) as they are met. */
  readonly names: readonly string[];
  /** Distinct connection sets (equal sets share one index); index 0 is the empty set, which no row holds. */
  readonly conns: readonly PortSet[];
}

export type VisitRow = (row: SourceRow, table: ConnectionTable) => void;

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A connection from or to an external range, before it takes its place in a row. */
interface RangeConnection {
  readonly name: number;
  readonly conn: number;
}

/** External sources: each range with the workloads it reaches (name order) and on what. */
interface EnteringRange {
  readonly range: IpRange;
  readonly dst: number[];
  readonly conn: number[];
}

class ConnectionRows implements ConnectionTable {
  readonly names: string[];
  readonly conns: PortSet[] = [NO_PORTS];
  readonly #connIndex = new Map<string, number>();
  readonly #nameIndex = new Map<string, number>();
  readonly #result: Reachability;
  readonly #focus: ConnectionFocus;
  readonly #to: WorkloadPeer | 'ip' | undefined;
  /** Workloads in name order (ties in input order, as a stable sort leaves them): peer indices. */
  readonly #order: Int32Array;
  /** The workloads' names in that order, to place external ranges among them. */
  readonly #sortedNames: string[];
  /** The workload destinations in focus, as positions in name order: every one, one, or none. */
  readonly #targets: readonly [number, number];
  /** Per row key, the connection set of each workload destination in name order (see `rowKey`). */
  readonly #byKey = new Map<string, Int32Array>();
  /** Per connection set, whether it holds the focus port. */
  readonly #hasPort: boolean[] = [];
  #row = { src: 0, length: 0, dst: new Int32Array(0), conn: new Int32Array(0) };

  constructor(result: Reachability, focus: ConnectionFocus) {
    this.#result = result;
    this.#focus = focus;
    this.#to = scopeSide(result, focus.to);
    const { peers } = result;
    this.names = peers.map((p) => p.id);
    this.#order = Int32Array.from(
      [...peers.keys()].sort((a, b) => compare(this.names[a] ?? '', this.names[b] ?? '') || a - b),
    );
    this.#sortedNames = Array.from(this.#order, (i) => this.names[i] ?? '');
    const to = this.#to;
    const at = to === undefined || to === 'ip' ? -1 : this.#order.indexOf(to.index);
    if (to === undefined) this.#targets = focus.to === undefined ? [0, peers.length] : [0, 0];
    else this.#targets = at < 0 ? [0, 0] : [at, at + 1];
    this.#reserve(peers.length);
  }

  /** The index of a set in `conns`; 0 for the empty set. Equal sets have one text (ranges are canonical). */
  #connOf(set: PortSet): number {
    if (isEmptyPorts(set)) return 0;
    const text = describePorts(set);
    let index = this.#connIndex.get(text);
    if (index === undefined) {
      index = this.conns.push(set) - 1;
      this.#connIndex.set(text, index);
    }
    return index;
  }

  #rangeName(range: IpRange): number {
    const name = formatIpRange(range);
    let index = this.#nameIndex.get(name);
    if (index === undefined) {
      index = this.names.push(name) - 1;
      this.#nameIndex.set(name, index);
    }
    return index;
  }

  /** Whether a set is in focus: not empty, and holding the focus port if there is one. */
  #inFocus(conn: number): boolean {
    const port = this.#focus.port;
    if (conn === 0 || port === undefined) return conn !== 0;
    return (this.#hasPort[conn] ??= hasPort(this.conns[conn] ?? NO_PORTS, port.protocol, port.port));
  }

  #reserve(size: number): void {
    if (this.#row.dst.length >= size) return;
    const capacity = Math.max(size, this.#row.dst.length * 2);
    this.#row = { ...this.#row, dst: new Int32Array(capacity), conn: new Int32Array(capacity) };
  }

  #push(name: number, conn: number): void {
    const row = this.#row;
    row.dst[row.length] = name;
    row.conn[row.length] = conn;
    row.length++;
  }

  /** One class's row over the workloads in name order; classes with one row key share it. */
  #classRow(src: number): Int32Array {
    const key = this.#result.rowKey(src);
    const known = this.#byKey.get(key);
    if (known) return known;
    const row = this.#result.classRow(src);
    const { peers } = this.#result;
    const out = new Int32Array(this.#order.length);
    // A row repeats a few set objects thousands of times: each object is looked up by its text once.
    const seen = new Map<PortSet, number>();
    this.#order.forEach((p, k) => {
      const classes = peers[p]?.classes ?? [];
      let set = NO_PORTS;
      if (classes.length === 1) set = row[classes[0] ?? -1] ?? NO_PORTS;
      else for (const d of classes) set = unionPorts(set, row[d] ?? NO_PORTS);
      let index = seen.get(set);
      if (index === undefined) seen.set(set, (index = this.#connOf(set)));
      out[k] = index;
    });
    this.#byKey.set(key, out);
    return out;
  }

  /** A workload's row: its one class's, or the union over its classes (any pod to any pod). */
  #peerRow(peer: WorkloadPeer): Int32Array {
    const [only] = peer.classes;
    if (peer.classes.length === 1 && only !== undefined) return this.#classRow(only);
    const out = new Int32Array(this.#order.length);
    for (const c of peer.classes) {
      const row = this.#classRow(c);
      out.forEach((a, k) => {
        const b = row[k] ?? 0;
        if (b !== a && b !== 0)
          out[k] =
            a === 0 ? b : this.#connOf(unionPorts(this.conns[a] ?? NO_PORTS, this.conns[b] ?? NO_PORTS));
      });
    }
    return out;
  }

  /** What leaves the cluster from a workload, in name order, each with its place among the workloads. */
  #leaving(peer: WorkloadPeer): (RangeConnection & { readonly at: number })[] {
    const to = this.#to;
    if (to !== undefined && to !== 'ip') return [];
    const out: (RangeConnection & { at: number })[] = [];
    ipConnections(this.#result, peer, 'out', (_src: Endpoint, dst: Endpoint, set: PortSet) => {
      if (dst.kind !== 'ip' || !isRangeSide(dst.range, this.#focus.to)) return;
      const conn = this.#connOf(set);
      if (!this.#inFocus(conn)) return;
      const name = this.#rangeName(dst.range);
      out.push({ name, conn, at: this.#placeOf(this.names[name] ?? '') });
    });
    return out.sort((a, b) => compare(this.names[a.name] ?? '', this.names[b.name] ?? ''));
  }

  /** How many workload names sort before or equal to `name`: where it goes among them (after ties). */
  #placeOf(name: string): number {
    let lo = 0;
    let hi = this.#sortedNames.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.#sortedNames[mid] ?? '', name) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Workload destinations at name positions `from..to` (never the source itself), into the row. */
  #pushWorkloads(row: Int32Array, self: WorkloadPeer, from: number, to: number): void {
    const { peers } = this.#result;
    for (let k = from; k < to; k++) {
      const conn = row[k] ?? 0;
      const peer = this.#order[k] ?? -1;
      if (this.#inFocus(conn) && peers[peer] !== self) this.#push(peer, conn);
    }
  }

  /** A workload source's row: workloads and external ranges merged in name order. */
  #workloadRow(peer: WorkloadPeer): void {
    const row = this.#peerRow(peer);
    const leaving = this.#leaving(peer);
    this.#reserve(this.#order.length + leaving.length);
    const [first, end] = this.#targets;
    let k = first;
    for (const range of leaving) {
      const stop = Math.min(Math.max(range.at, k), end);
      this.#pushWorkloads(row, peer, k, stop);
      k = stop;
      this.#push(range.name, range.conn);
    }
    this.#pushWorkloads(row, peer, k, end);
  }

  /** Connections from outside, grouped by range (the workloads in name order); none when `to` is outside. */
  #entering(): Map<number, EnteringRange> {
    const ranges = new Map<number, EnteringRange>();
    if (this.#to === 'ip') return ranges;
    const [first, end] = this.#targets;
    for (let k = first; k < end; k++) {
      const index = this.#order[k] ?? -1;
      const peer = this.#result.peers[index];
      if (!peer) continue;
      ipConnections(this.#result, peer, 'in', (src: Endpoint, _dst: Endpoint, set: PortSet) => {
        if (src.kind !== 'ip') return;
        const conn = this.#connOf(set);
        if (!this.#inFocus(conn)) return;
        const name = this.#rangeName(src.range);
        let entering = ranges.get(name);
        if (!entering) ranges.set(name, (entering = { range: src.range, dst: [], conn: [] }));
        entering.dst.push(index);
        entering.conn.push(conn);
      });
    }
    return ranges;
  }

  /** Every source in name order (ranges before workloads of the same name, then input order). */
  visit(visit: VisitRow): void {
    const from = scopeSide(this.#result, this.#focus.from);
    const entering =
      from === undefined || from === 'ip' ? this.#entering() : new Map<number, EnteringRange>();
    const sources = [
      ...[...entering.keys()].map((name) => ({ name, peer: undefined })),
      ...this.#result.peers.map((peer) => ({ name: peer.index, peer })),
    ].sort((a, b) => compare(this.names[a.name] ?? '', this.names[b.name] ?? ''));
    for (const { name, peer } of sources) {
      this.#row.length = 0;
      this.#row.src = name;
      if (peer === undefined) {
        const range = entering.get(name);
        if (!range || !isRangeSide(range.range, this.#focus.from)) continue;
        this.#reserve(range.dst.length);
        range.dst.forEach((dst, i) => {
          this.#push(dst, range.conn[i] ?? 0);
        });
      } else {
        if (
          from === undefined ? this.#focus.from !== undefined && peer.id !== this.#focus.from : peer !== from
        )
          continue;
        if (from === 'ip') continue;
        this.#workloadRow(peer);
      }
      if (this.#row.length > 0) visit(this.#row, this);
    }
  }
}

/**
 * Visits the allowed connections in focus a source at a time, sources and destinations in name order
 * (code units; equal names in input order): the order and content of `toConnectionList`.
 */
export function forEachConnectionRow(result: Reachability, focus: ConnectionFocus, visit: VisitRow): void {
  new ConnectionRows(result, focus).visit(visit);
}
