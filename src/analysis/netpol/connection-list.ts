/** @module The normalised connection list: `[{src, dst, conn}]`, the oracle's JSON form, sorted by (src, dst). */
import { containsIp, formatIpRange, groupBy, parseIp } from '../../model/index.js';
import { formatPortList, hasPort, isAllPorts } from './port-set.js';
import type { PortSet, Protocol } from './port-set.js';
import type { Connection, ConnectionScope, Endpoint, Reachability } from './reachability.js';

export interface ConnectionEntry {
  /** `namespace/name` for a workload, `a.b.c.d-e.f.g.h` (inclusive) for an external range. */
  readonly src: string;
  readonly dst: string;
  /** `All Connections`, or `PROTO port` / `PROTO lo-hi` strings sorted by protocol then port. */
  readonly conn: 'All Connections' | readonly string[];
}

/** Narrows the answer: a source, a destination (`namespace/name`, or an IP address), or one port. */
export interface ConnectionFocus {
  readonly from?: string;
  readonly to?: string;
  readonly port?: { readonly protocol: Protocol; readonly port: number };
}

export function endpointName(endpoint: Endpoint): string {
  return endpoint.kind === 'workload' ? endpoint.peer.id : formatIpRange(endpoint.range);
}

export function formatConn(conn: PortSet): ConnectionEntry['conn'] {
  return isAllPorts(conn) ? 'All Connections' : formatPortList(conn);
}

function isSide(endpoint: Endpoint, side: string | undefined): boolean {
  if (side === undefined) return true;
  if (endpoint.kind === 'workload') return endpoint.peer.id === side;
  const ip = parseIp(side);
  return ip ? containsIp(endpoint.range, ip.family, ip.value) : formatIpRange(endpoint.range) === side;
}

function inFocus(connection: Connection, focus: ConnectionFocus): boolean {
  if (!isSide(connection.src, focus.from) || !isSide(connection.dst, focus.to)) return false;
  return !focus.port || hasPort(connection.conn, focus.port.protocol, focus.port.port);
}

/** The workload a focus names, `ip` for an address or range, `undefined` for no focus (or an unknown name). */
function scopeSide(result: Reachability, side: string | undefined): ConnectionScope['from'] {
  if (side === undefined) return undefined;
  if (parseIp(side) || /^[0-9a-f.:]+-[0-9a-f.:]+$/i.test(side)) return 'ip';
  return result.peers.find((p) => p.id === side);
}

function dropUndefined(scope: { from: ConnectionScope['from']; to: ConnectionScope['to'] }): ConnectionScope {
  return {
    ...(scope.from === undefined ? {} : { from: scope.from }),
    ...(scope.to === undefined ? {} : { to: scope.to }),
  };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The allowed connections in focus, sorted by (src, dst) as code-unit strings. */
export function selectConnections(result: Reachability, focus: ConnectionFocus = {}): Connection[] {
  const out: Connection[] = [];
  const scope = { from: scopeSide(result, focus.from), to: scopeSide(result, focus.to) };
  for (const connection of result.connections(dropUndefined(scope)))
    if (inFocus(connection, focus)) out.push(connection);
  return out
    .map((c) => ({ c, src: endpointName(c.src), dst: endpointName(c.dst) }))
    .sort((a, b) => compare(a.src, b.src) || compare(a.dst, b.dst))
    .map(({ c }) => c);
}

export function toConnectionList(result: Reachability, focus: ConnectionFocus = {}): ConnectionEntry[] {
  return selectConnections(result, focus).map((c) => ({
    src: endpointName(c.src),
    dst: endpointName(c.dst),
    conn: formatConn(c.conn),
  }));
}

/**
 * The same entries as `toConnectionList`, in the same order, visited one source at a time: a 10,000-workload
 * cluster has tens of millions of connections, which are never all held at once.
 */
export function forEachConnectionEntry(
  result: Reachability,
  focus: ConnectionFocus,
  visit: (entry: ConnectionEntry) => void,
): void {
  const to = scopeSide(result, focus.to);
  const from = scopeSide(result, focus.from);
  if (from !== undefined) {
    for (const entry of toConnectionList(result, focus)) visit(entry);
    return;
  }
  const entries = (connections: Iterable<Connection>): ConnectionEntry[] =>
    [...connections]
      .filter((c) => inFocus(c, focus))
      .map((c) => ({ src: endpointName(c.src), dst: endpointName(c.dst), conn: formatConn(c.conn) }))
      .sort((a, b) => compare(a.dst, b.dst));
  // Connections from outside, grouped by range; then each workload's own row.
  const external = groupBy(result.connections(dropUndefined({ from: 'ip', to })), (c) => endpointName(c.src));
  const sources = [
    ...[...external.keys()].map((name) => ({ name, peer: undefined })),
    ...result.peers.map((peer) => ({ name: peer.id, peer })),
  ].sort((a, b) => compare(a.name, b.name));
  for (const source of sources) {
    const connections = source.peer
      ? result.connections(dropUndefined({ from: source.peer, to }))
      : (external.get(source.name) ?? []);
    for (const entry of entries(connections)) visit(entry);
  }
}
