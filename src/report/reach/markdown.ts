/** @module Markdown for the allowed connections: a table per source namespace, then what enters and leaves the cluster. */
import { endpointName } from '../../analysis/netpol/connection-list.js';
import { describePorts } from '../../analysis/netpol/port-set.js';
import type { Connection } from '../../analysis/netpol/reachability.js';
import type { ReachConnections } from '../../engine/reach.js';
import type { Render } from '../render.js';
import { groupConnections } from './group-connections.js';
import { markdownInline as cell } from '../escape.js';

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
export const renderReachMarkdown: Render<ReachConnections> = ({ enforcement, list }, write) => {
  const groups = groupConnections(list());
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
  write(`${lines.join('\n')}\n`);
};
