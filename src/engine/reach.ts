/**
 * @module The `reach` verb: the NetworkPolicy reachability of a model as data: the allowed connections
 * (in a focus, listed or visited one at a time), or why one pair is (not) connected.
 */
import type { ClusterModel } from '../model/index.js';
import type {
  Connection,
  Enforcement,
  PolicyProblem,
  Reachability,
  ReachabilityOptions,
  WorkloadPeer,
} from '../analysis/netpol/index.js';
import { computeReachability } from '../analysis/netpol/index.js';
import { forEachConnectionEntry, selectConnections } from '../analysis/netpol/connection-list.js';
import type { ConnectionEntry, ConnectionFocus } from '../analysis/netpol/connection-list.js';
import { forEachConnectionRow } from '../analysis/netpol/connection-rows.js';
import type { VisitRow } from '../analysis/netpol/connection-rows.js';
import { explainPair } from '../analysis/netpol/explain.js';
import type { PairExplanation, PairSide } from '../analysis/netpol/explain.js';
import { parseIp } from '../model/index.js';
import { isProtocol } from '../analysis/netpol/port-set.js';
import type { Protocol } from '../analysis/netpol/port-set.js';
import { UsageError } from '../errors.js';

export type { ConnectionEntry } from '../analysis/netpol/connection-list.js';
export type { ConnectionRun, ConnectionTable, VisitRow } from '../analysis/netpol/connection-rows.js';
export type { PairExplanation } from '../analysis/netpol/explain.js';
export type { Connection, Enforcement, ReachabilityOptions } from '../analysis/netpol/index.js';

export interface PortRef {
  readonly protocol: Protocol;
  readonly port: number;
}

/** Narrows the answer: a source, a destination (`namespace/name`, or an IP address), one port. */
export interface ReachFocus {
  readonly from?: string;
  readonly to?: string;
  readonly port?: PortRef;
}

/** The allowed connections in a focus. */
export interface ReachConnections {
  readonly enforcement: Enforcement;
  /** Every workload of the input (a graph draws them even when no connection touches them). */
  readonly peers: readonly WorkloadPeer[];
  /** The connections, sorted by (source, destination): for answers people read. */
  readonly list: () => Connection[];
  /**
   * The same connections in the same order in connection-list form, visited one source at a time: a
   * 10,000-workload cluster has tens of millions of connections, which are never all held at once.
   */
  readonly forEachEntry: (visit: (entry: ConnectionEntry) => void) => void;
  /**
   * The same again as columns, a source at a time: destinations and sets as indices into one table of
   * names and one of distinct sets, so a format of the whole list encodes each name and set once.
   */
  readonly forEachRow: (visit: VisitRow) => void;
}

export interface ReachResult {
  /** Whether an engine enforces the policies (when not, every connection is allowed). */
  readonly enforcement: Enforcement;
  /** Policies, or parts of them, that could not be read as written. */
  readonly problems: readonly PolicyProblem[];
  readonly peers: readonly WorkloadPeer[];
  /** The allowed connections in `focus`; a usage error when `from` or `to` names nothing in the input. */
  readonly connections: (focus?: ReachFocus) => ReachConnections;
  /** Why `from` → `to` is (not) connected: for each direction, the policies that decide and what they allow. */
  readonly explain: (from: string, to: string) => PairExplanation;
}

/** `443`, `TCP/443`, `tcp:443`, `53/UDP`: protocol defaults to TCP, as in a NetworkPolicy. */
export function parsePort(text: string): PortRef {
  const parts = text.trim().toUpperCase().split(/[/:]/);
  const number = parts.find((p) => /^\d+$/.test(p));
  const protocol = parts.find((p) => !/^\d+$/.test(p)) ?? 'TCP';
  const port = Number(number);
  if (parts.length > 2 || number === undefined || port < 1 || port > 65535 || !isProtocol(protocol)) {
    throw new UsageError(`--port "${text}" is not PORT or PROTOCOL/PORT (TCP, UDP or SCTP; 1-65535)`);
  }
  return { protocol, port };
}

/** A `from`/`to` value: a workload of the input, or an IP address. */
function resolveSide(result: Reachability, flag: string, text: string): PairSide {
  const ip = parseIp(text);
  if (ip) return { kind: 'ip', range: { family: ip.family, lo: ip.value, hi: ip.value } };
  const peer = result.peers.find((p) => p.id === text);
  if (peer) return { kind: 'workload', peer };
  throw unknownSideError(flag, text, result.peers);
}

/** `--from`/`--to` naming no workload of the input (`peers`) and no address, with the nearest names. */
export function unknownSideError(flag: string, text: string, peers: readonly WorkloadPeer[]): UsageError {
  const similar = [
    ...new Set(peers.filter((p) => p.name === text || p.id.endsWith(`/${text}`)).map((p) => p.id)),
  ];
  const hint = similar.length > 0 ? ` (did you mean ${similar.slice(0, 3).join(', ')}?)` : '';
  return new UsageError(
    `${flag} "${text}" is neither a workload (namespace/name) of the input nor an IP address${hint}`,
  );
}

function connectionsOf(result: Reachability, focus: ReachFocus): ReachConnections {
  if (focus.from !== undefined) resolveSide(result, '--from', focus.from);
  if (focus.to !== undefined) resolveSide(result, '--to', focus.to);
  const selected: ConnectionFocus = {
    ...(focus.from === undefined ? {} : { from: focus.from }),
    ...(focus.to === undefined ? {} : { to: focus.to }),
    ...(focus.port === undefined ? {} : { port: focus.port }),
  };
  return {
    enforcement: result.enforcement,
    peers: result.peers,
    list: () => selectConnections(result, selected),
    forEachEntry: (visit) => {
      forEachConnectionEntry(result, selected, visit);
    },
    forEachRow: (visit) => {
      forEachConnectionRow(result, selected, visit);
    },
  };
}

export function reach(model: ClusterModel, options: ReachabilityOptions = {}): ReachResult {
  const result = computeReachability(model, options);
  return {
    enforcement: result.enforcement,
    problems: result.problems,
    peers: result.peers,
    connections: (focus = {}) => connectionsOf(result, focus),
    explain: (from, to) =>
      explainPair(result, resolveSide(result, '--from', from), resolveSide(result, '--to', to)),
  };
}
