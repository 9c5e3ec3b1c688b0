/** @module Markdown for the allowed connections: a table per source namespace, then what enters and leaves the cluster. */
import { endpointName } from './connection-list.js';
import type { ConnectionGroups } from './group-connections.js';
import type { Enforcement } from './options.js';
import { describePorts } from './port-set.js';
import type { Connection } from './reachability.js';

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function table(connections: readonly Connection[]): string[] {
  if (connections.length === 0) return ['None.'];
  return [
    '| Source | Destination | Connections |',
    '|---|---|---|',
    ...connections.map(
      (c) =>
        `| ${cell(endpointName(c.src))} | ${cell(endpointName(c.dst))} | ${cell(describePorts(c.conn))} |`,
    ),
  ];
}

/** The whole answer as one Markdown document. */
export function renderMarkdown(groups: ConnectionGroups, enforcement: Enforcement): string {
  const lines = [
    '# Allowed connections',
    '',
    `NetworkPolicy enforcement: **${enforcement.state}** (${cell(enforcement.reason)}).`,
  ];
  for (const [namespace, connections] of groups.namespaces) {
    lines.push('', `## From namespace ${cell(namespace)}`, '', ...table(connections));
  }
  lines.push('', '## Entering the cluster', '', ...table(groups.entering));
  lines.push('', '## Leaving the cluster', '', ...table(groups.leaving));
  return `${lines.join('\n')}\n`;
}
