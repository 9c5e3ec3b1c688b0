/** @module Plain-text tables for the terminal: a section per source namespace, then what enters and leaves the cluster. */
import { endpointName } from './connection-list.js';
import type { ConnectionGroups } from './group-connections.js';
import type { Enforcement } from './options.js';
import { describePorts } from './port-set.js';
import type { Connection } from './reachability.js';

function columns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows.reduce<number[]>((w, row) => row.map((c, i) => Math.max(w[i] ?? 0, c.length)), []);
  return rows.map((row) =>
    row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  '),
  );
}

function section(title: string, connections: readonly Connection[]): string[] {
  if (connections.length === 0) return [title, '  (none)'];
  const rows = connections.map((c) => [
    endpointName(c.src),
    '->',
    endpointName(c.dst),
    describePorts(c.conn),
  ]);
  return [title, ...columns(rows).map((line) => `  ${line}`)];
}

export function renderTable(groups: ConnectionGroups, enforcement: Enforcement): string {
  const lines = [`NetworkPolicy enforcement: ${enforcement.state} (${enforcement.reason})`];
  for (const [namespace, connections] of groups.namespaces)
    lines.push('', ...section(`namespace ${namespace}`, connections));
  lines.push('', ...section('entering the cluster', groups.entering));
  lines.push('', ...section('leaving the cluster', groups.leaving));
  return `${lines.join('\n')}\n`;
}
