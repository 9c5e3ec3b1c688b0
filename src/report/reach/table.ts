/** @module Plain-text tables for the terminal: a section per source namespace, then what enters and leaves the cluster. */
import { endpointName } from '../../analysis/netpol/connection-list.js';
import { describePorts } from '../../analysis/netpol/port-set.js';
import type { Connection } from '../../analysis/netpol/reachability.js';
import type { ReachConnections } from '../../engine/reach.js';
import type { Render } from '../render.js';
import { groupConnections } from './group-connections.js';
import { sanitizeLine, terminalLines } from '../escape.js';

export function columns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows.reduce<number[]>((w, row) => row.map((c, i) => Math.max(w[i] ?? 0, c.length)), []);
  return rows.map((row) =>
    row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  '),
  );
}

function section(title: string, connections: readonly Connection[]): string[] {
  if (connections.length === 0) return [title, '  (none)'];
  const rows = connections.map((c) => [
    sanitizeLine(endpointName(c.src)),
    '->',
    sanitizeLine(endpointName(c.dst)),
    describePorts(c.conn),
  ]);
  return [title, ...columns(rows).map((line) => `  ${line}`)];
}

export const renderReachTable: Render<ReachConnections> = ({ enforcement, list }, write) => {
  const groups = groupConnections(list());
  const lines = [`NetworkPolicy enforcement: ${enforcement.state} (${enforcement.reason})`];
  for (const [namespace, connections] of groups.namespaces)
    lines.push('', ...section(`namespace ${sanitizeLine(namespace)}`, connections));
  lines.push('', ...section('entering the cluster', groups.entering));
  lines.push('', ...section('leaving the cluster', groups.leaving));
  write(terminalLines(lines));
};
