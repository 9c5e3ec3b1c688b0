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

/**
 * Connections in destination name order: `length` destinations (indices into `ConnectionTable.names`)
 * and their sets (indices into `conns`). A shared run is the same object for every source with one row
 * key (their workload destinations, less the source itself): a format may keep what it derives from a
 * shared run, by its identity, for the next source that has it.
 */
export interface ConnectionRun {
  readonly shared: boolean;
  readonly length: number;
  readonly dst: ArrayLike<number>;
  readonly conn: ArrayLike<number>;
}

/** The entries `from..to` (end excluded, never empty) of a run. */
export interface RowPart {
  readonly run: ConnectionRun;
  readonly from: number;
  readonly to: number;
}

/** One source's connections, in destination name order: its parts one after the other. */
export interface SourceRow {
  /** The source: an index into `ConnectionTable.names`. */
  readonly src: number;
  readonly parts: readonly RowPart[];
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

/** A run of workload destinations, with each one's position in name order (to place ranges and skip the source). */
interface WorkloadRun extends ConnectionRun {
  readonly at: Int32Array;
}

/** A connection from a workload to an external range, with the place its name takes among the workloads. */
interface LeavingRange {
  readonly name: number;
  readonly conn: number;
  readonly at: number;
}

/** External sources: each range with the workloads it reaches (name order) and on what. */
interface EnteringRange {
  readonly range: IpRange;
  readonly dst: number[];
  readonly conn: number[];
}

/** The first index in `0..length` where `after` holds, for an `after` that is false, then true, along them. */
function partitionPoint(length: number, after: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (after(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The first index of the sorted `values` holding `value` or more (`values.length` when none). */
const lowerBound = (values: ArrayLike<number>, value: number): number =>
  partitionPoint(values.length, (i) => (values[i] ?? 0) >= value);

const ownRun = (dst: number[], conn: number[]): ConnectionRun => ({
  shared: false,
  length: dst.length,
  dst,
  conn,
});

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
  /** Each workload's position in that order. */
  readonly #position: Int32Array;
  /** The workloads' names in that order, to place external ranges among them. */
  readonly #sortedNames: string[];
  /** The workload destinations in focus, as positions in name order: every one, one, or none. */
  readonly #targets: readonly [number, number];
  /** Per row key, the workload destinations in focus that its sources reach (see `rowKey`). */
  readonly #runs = new Map<string, WorkloadRun>();
  /** Per connection set, whether it holds the focus port. */
  readonly #hasPort: boolean[] = [];

  constructor(result: Reachability, focus: ConnectionFocus) {
    this.#result = result;
    this.#focus = focus;
    this.#to = scopeSide(result, focus.to);
    const { peers } = result;
    this.names = peers.map((p) => p.id);
    this.#order = Int32Array.from(
      [...peers.keys()].sort((a, b) => compare(this.names[a] ?? '', this.names[b] ?? '') || a - b),
    );
    this.#position = new Int32Array(peers.length);
    this.#order.forEach((peer, k) => (this.#position[peer] = k));
    this.#sortedNames = Array.from(this.#order, (i) => this.names[i] ?? '');
    const to = this.#to;
    const at = to === undefined || to === 'ip' ? -1 : (this.#position[to.index] ?? -1);
    if (to === undefined) this.#targets = focus.to === undefined ? [0, peers.length] : [0, 0];
    else this.#targets = at < 0 ? [0, 0] : [at, at + 1];
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

  /** One class's sets towards every workload, in name order. */
  #classSets(src: number): Int32Array {
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
    return out;
  }

  /** The workload destinations in focus with a connection, from sets in name order. */
  #runOf(sets: Int32Array, shared: boolean): WorkloadRun {
    const [first, end] = this.#targets;
    const at: number[] = [];
    const dst: number[] = [];
    const conn: number[] = [];
    for (let k = first; k < end; k++) {
      const set = sets[k] ?? 0;
      if (!this.#inFocus(set)) continue;
      at.push(k);
      dst.push(this.#order[k] ?? -1);
      conn.push(set);
    }
    const length = at.length;
    return {
      shared,
      length,
      at: Int32Array.from(at),
      dst: Int32Array.from(dst),
      conn: Int32Array.from(conn),
    };
  }

  /** A workload's run: its one class's, shared by row key; or the union over its classes (any pod to any pod). */
  #workloadRun(peer: WorkloadPeer): WorkloadRun {
    const [only] = peer.classes;
    if (peer.classes.length === 1 && only !== undefined) {
      const key = this.#result.rowKey(only);
      let run = this.#runs.get(key);
      if (!run) this.#runs.set(key, (run = this.#runOf(this.#classSets(only), true)));
      return run;
    }
    const sets = new Int32Array(this.#order.length);
    for (const c of peer.classes) {
      this.#classSets(c).forEach((b, k) => {
        const a = sets[k] ?? 0;
        if (b === a || b === 0) return;
        sets[k] =
          a === 0 ? b : this.#connOf(unionPorts(this.conns[a] ?? NO_PORTS, this.conns[b] ?? NO_PORTS));
      });
    }
    return this.#runOf(sets, false);
  }

  /** What leaves the cluster from a workload, in name order, each with its place among the workloads. */
  #leaving(peer: WorkloadPeer): LeavingRange[] {
    const to = this.#to;
    if (to !== undefined && to !== 'ip') return [];
    const out: LeavingRange[] = [];
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
    const names = this.#sortedNames;
    return partitionPoint(names.length, (i) => compare(names[i] ?? '', name) > 0);
  }

  /**
   * A workload source's parts: its run less itself (a workload never lists itself), with the external
   * ranges it reaches put in their places by name.
   */
  #workloadParts(peer: WorkloadPeer): RowPart[] {
    const run = this.#workloadRun(peer);
    const self = lowerBound(run.at, this.#position[peer.index] ?? -1);
    const skip = run.dst[self] === peer.index ? self : -1;
    const parts: RowPart[] = [];
    const addRun = (from: number, to: number): void => {
      if (skip >= from && skip < to) {
        addRun(from, skip);
        addRun(skip + 1, to);
      } else if (from < to) parts.push({ run, from, to });
    };
    let k = 0;
    for (const range of this.#leaving(peer)) {
      const stop = lowerBound(run.at, range.at);
      addRun(k, stop);
      k = stop;
      parts.push({ run: ownRun([range.name], [range.conn]), from: 0, to: 1 });
    }
    addRun(k, run.length);
    return parts;
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
      let parts: RowPart[];
      if (peer === undefined) {
        const range = entering.get(name);
        if (!range || !isRangeSide(range.range, this.#focus.from)) continue;
        parts = [{ run: ownRun(range.dst, range.conn), from: 0, to: range.dst.length }];
      } else {
        const inFocus =
          from === undefined ? this.#focus.from === undefined || peer.id === this.#focus.from : peer === from;
        if (!inFocus) continue;
        parts = this.#workloadParts(peer);
      }
      if (parts.length > 0) visit({ src: name, parts }, this);
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
