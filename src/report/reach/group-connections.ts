/** @module Connections grouped for people: between workloads by source namespace, entering the cluster, leaving it. */
import type { Connection } from '../../analysis/netpol/reachability.js';

export interface RowGroups<Row> {
  /** Workload to workload, keyed by the source's namespace, namespaces sorted. */
  readonly namespaces: ReadonlyMap<string, readonly Row[]>;
  /** From an external range to a workload. */
  readonly entering: readonly Row[];
  /** From a workload to an external range: what may leave the cluster. */
  readonly leaving: readonly Row[];
}

export type ConnectionGroups = RowGroups<Connection>;

/** Rows (a connection with what a format adds to it) grouped by their connection. */
export function groupRows<Row>(rows: readonly Row[], connectionOf: (row: Row) => Connection): RowGroups<Row> {
  const namespaces = new Map<string, Row[]>();
  const entering: Row[] = [];
  const leaving: Row[] = [];
  for (const row of rows) {
    const c = connectionOf(row);
    if (c.src.kind === 'ip') entering.push(row);
    else if (c.dst.kind === 'ip') leaving.push(row);
    else {
      const list = namespaces.get(c.src.peer.namespace);
      if (list) list.push(row);
      else namespaces.set(c.src.peer.namespace, [row]);
    }
  }
  const sorted = new Map([...namespaces].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { namespaces: sorted, entering, leaving };
}

export function groupConnections(connections: readonly Connection[]): ConnectionGroups {
  return groupRows(connections, (c) => c);
}
