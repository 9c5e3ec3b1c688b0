/** @module Connections grouped for people: between workloads by source namespace, entering the cluster, leaving it. */
import type { Connection } from '../../analysis/netpol/reachability.js';

export interface ConnectionGroups {
  /** Workload to workload, keyed by the source's namespace, namespaces sorted. */
  readonly namespaces: ReadonlyMap<string, readonly Connection[]>;
  /** From an external range to a workload. */
  readonly entering: readonly Connection[];
  /** From a workload to an external range: what may leave the cluster. */
  readonly leaving: readonly Connection[];
}

export function groupConnections(connections: readonly Connection[]): ConnectionGroups {
  const namespaces = new Map<string, Connection[]>();
  const entering: Connection[] = [];
  const leaving: Connection[] = [];
  for (const c of connections) {
    if (c.src.kind === 'ip') entering.push(c);
    else if (c.dst.kind === 'ip') leaving.push(c);
    else {
      const list = namespaces.get(c.src.peer.namespace);
      if (list) list.push(c);
      else namespaces.set(c.src.peer.namespace, [c]);
    }
  }
  const sorted = new Map([...namespaces].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { namespaces: sorted, entering, leaving };
}
