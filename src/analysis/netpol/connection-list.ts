/** @module The normalised connection list: `[{src, dst, conn}]`, the oracle's JSON form, sorted by (src, dst). */
import { formatIpRange } from '../../model/index.js';
import type { ConnectionFocus } from './connection-focus.js';
import { dropUndefined, isSide, scopeSide } from './connection-focus.js';
import { forEachConnectionRow } from './connection-rows.js';
import { NO_PORTS, formatPortList, hasPort, isAllPorts } from './port-set.js';
import type { PortSet } from './port-set.js';
import type { Connection, Endpoint, Reachability } from './reachability.js';

export type { ConnectionFocus } from './connection-focus.js';

export interface ConnectionEntry {
  /** `namespace/name` for a workload, `a.b.c.d-e.f.g.h` (inclusive) for an external range. */
  readonly src: string;
  readonly dst: string;
  /** `All Connections`, or `PROTO port` / `PROTO lo-hi` strings sorted by protocol then port. */
  readonly conn: 'All Connections' | readonly string[];
}

export function endpointName(endpoint: Endpoint): string {
  return endpoint.kind === 'workload' ? endpoint.peer.id : formatIpRange(endpoint.range);
}

export function formatConn(conn: PortSet): ConnectionEntry['conn'] {
  return isAllPorts(conn) ? 'All Connections' : formatPortList(conn);
}

function inFocus(connection: Connection, focus: ConnectionFocus): boolean {
  if (!isSide(connection.src, focus.from) || !isSide(connection.dst, focus.to)) return false;
  return !focus.port || hasPort(connection.conn, focus.port.protocol, focus.port.port);
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
 * cluster has tens of millions of connections, which are never all held at once. Entries share their
 * `conn` value when their sets are equal.
 */
export function forEachConnectionEntry(
  result: Reachability,
  focus: ConnectionFocus,
  visit: (entry: ConnectionEntry) => void,
): void {
  const conns: ConnectionEntry['conn'][] = [];
  forEachConnectionRow(result, focus, (row, { names, conns: sets }) => {
    const src = names[row.src] ?? '';
    for (const { run, from, to } of row.parts) {
      for (let i = from; i < to; i++) {
        const conn = run.conn[i] ?? 0;
        const text = (conns[conn] ??= formatConn(sets[conn] ?? NO_PORTS));
        visit({ src, dst: names[run.dst[i] ?? -1] ?? '', conn: text });
      }
    }
  });
}
