/** @module `aksward paths -f dot`: the edges of every landing's exposure and paths as one Graphviz digraph. */
import type { GraphEdge } from '../../analysis/paths/index.js';
import type { PathsResult } from '../../engine/paths.js';
import type { Render } from '../render.js';
import { dotString as quote } from '../escape.js';

export const renderPathsDot: Render<PathsResult> = (result, write) => {
  const edges = new Map<string, GraphEdge>();
  for (const r of result.landings()) {
    for (const e of [...r.exposure, ...r.paths.flatMap((p) => p.steps)])
      edges.set(`${e.from}|${e.to}|${e.kind}`, e);
  }
  const nodes = new Set([...edges.values()].flatMap((e) => [e.from, e.to]));
  const lines = ['digraph attack_paths {', '  rankdir=LR;'];
  for (const id of [...nodes].sort()) lines.push(`  ${quote(id)} [label=${quote(result.labelOf(id))}];`);
  for (const e of edges.values())
    lines.push(`  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(`${e.kind} (${e.control})`)}];`);
  lines.push('}');
  write(`${lines.join('\n')}\n`);
};
