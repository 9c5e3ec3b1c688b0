/** @module Enumerating allowed connections row by row: workload pairs, then external ranges in and out, merged. */
import type { WorkloadPeer } from './classes.js';
import type { IpRange } from '../../model/index.js';
import { NO_PORTS, equalPorts, isEmptyPorts, unionPorts } from './port-set.js';
import type { PortSet } from './port-set.js';
import type { ConnectionScope, Endpoint, Reachability } from './reachability.js';

export type VisitConnection = (src: Endpoint, dst: Endpoint, conn: PortSet) => void;

/**
 * A source peer's connection to a destination peer, read from the source's class rows (`classRow`, one per
 * class of it): the union of their entries for the destination's classes. Most peers are one class: one read.
 */
export function rowConnection(rows: readonly (readonly PortSet[])[], classes: readonly number[]): PortSet {
  if (rows.length === 1 && classes.length === 1) return rows[0]?.[classes[0] ?? -1] ?? NO_PORTS;
  let conn = NO_PORTS;
  for (const row of rows) for (const d of classes) conn = unionPorts(conn, row[d] ?? NO_PORTS);
  return conn;
}

function workloadPairs(
  result: Reachability,
  sources: readonly WorkloadPeer[],
  destinations: readonly WorkloadPeer[],
  visit: VisitConnection,
): void {
  const endpoints = destinations.map((peer): Endpoint => ({ kind: 'workload', peer }));
  for (const src of sources) {
    const from: Endpoint = { kind: 'workload', peer: src };
    const rows = src.classes.map((c) => result.classRow(c));
    destinations.forEach((dst, i) => {
      if (dst === src) return;
      const conn = rowConnection(rows, dst.classes);
      if (!isEmptyPorts(conn)) visit(from, endpoints[i] ?? from, conn);
    });
  }
}

/** External ranges to (`in`) or from (`out`) one workload; adjacent atoms with equal verdicts merge. */
export function ipConnections(
  result: Reachability,
  peer: WorkloadPeer,
  way: 'in' | 'out',
  visit: VisitConnection,
): void {
  const workload: Endpoint = { kind: 'workload', peer };
  const emit = (range: IpRange, conn: PortSet): void => {
    if (isEmptyPorts(conn)) return;
    const ip: Endpoint = { kind: 'ip', range };
    if (way === 'in') visit(ip, workload, conn);
    else visit(workload, ip, conn);
  };
  let pending: { range: IpRange; conn: PortSet } | undefined;
  for (const atom of result.atoms) {
    const conn = way === 'in' ? result.ipToPeer(atom, peer) : result.peerToIp(peer, atom);
    const touches = pending && pending.range.family === atom.family && pending.range.hi + 1n === atom.lo;
    if (pending && touches && equalPorts(pending.conn, conn)) {
      pending = { range: { ...pending.range, hi: atom.hi }, conn };
      continue;
    }
    if (pending) emit(pending.range, pending.conn);
    pending = { range: atom, conn };
  }
  if (pending) emit(pending.range, pending.conn);
}

export function forEachConnection(
  result: Reachability,
  visit: VisitConnection,
  scope: ConnectionScope,
): void {
  const { from, to } = scope;
  const sources = from === undefined || from === 'ip' ? result.peers : [from];
  const destinations = to === undefined || to === 'ip' ? result.peers : [to];
  if (from !== 'ip' && to !== 'ip') workloadPairs(result, sources, destinations, visit);
  if ((from === undefined || from === 'ip') && to !== 'ip') {
    for (const peer of destinations) ipConnections(result, peer, 'in', visit);
  }
  if ((to === undefined || to === 'ip') && from !== 'ip') {
    for (const peer of sources) ipConnections(result, peer, 'out', visit);
  }
}
