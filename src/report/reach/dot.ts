/** @module Graphviz DOT for the allowed connections: namespaces as clusters, external ranges as ellipses. */
import type { WorkloadPeer } from '../../analysis/netpol/classes.js';
import { endpointName } from '../../analysis/netpol/connection-list.js';
import { describePorts } from '../../analysis/netpol/port-set.js';
import type { ReachConnections } from '../../engine/reach.js';
import type { Render } from '../render.js';
import { dotLabel, dotString as quote } from '../escape.js';
import { appendAll } from '../../model/append.js';

/** Each namespace as a cluster of its workloads; node ids start with `prefix` (a scope's, when several are drawn). */
export function namespaceClusters(peers: readonly WorkloadPeer[], prefix = ''): string[] {
  const byNamespace = new Map<string, WorkloadPeer[]>();
  for (const p of peers) {
    const list = byNamespace.get(p.namespace);
    if (list) list.push(p);
    else byNamespace.set(p.namespace, [p]);
  }
  const lines: string[] = [];
  for (const [namespace, members] of [...byNamespace].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    lines.push(`  subgraph ${quote(`cluster_${prefix}${namespace}`)} {`, `    label=${quote(namespace)};`);
    for (const p of members)
      lines.push(`    ${quote(`${prefix}${p.id}`)} [label=${dotLabel(p.name, `(${p.kind})`)}];`);
    lines.push('  }');
  }
  return lines;
}

/** A digraph of the connections; every workload is drawn, even when no edge touches it. */
export const renderReachDot: Render<ReachConnections> = ({ list, peers }, write) => {
  const connections = list();
  const external = new Set<string>();
  for (const c of connections) {
    for (const e of [c.src, c.dst]) if (e.kind === 'ip') external.add(endpointName(e));
  }
  const lines = [
    'digraph reachability {',
    '  rankdir=LR;',
    '  node [shape=box, fontsize=10];',
    '  edge [fontsize=9];',
  ];
  appendAll(lines, namespaceClusters(peers));
  for (const ip of [...external].sort())
    lines.push(`  ${quote(ip)} [shape=ellipse, label=${dotLabel(ip, '(external)')}];`);
  for (const c of connections) {
    lines.push(
      `  ${quote(endpointName(c.src))} -> ${quote(endpointName(c.dst))} [label=${quote(describePorts(c.conn))}];`,
    );
  }
  lines.push('}');
  write(`${lines.join('\n')}\n`);
};
