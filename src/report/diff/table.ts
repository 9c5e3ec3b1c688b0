/** @module `aksward diff` as text: per part (findings, reachability, each blast radius) what opened (+) and closed (-). */
import type { Delta, DiffResult } from '../../engine/diff.js';
import type { Render } from '../render.js';
import { terminalLines } from '../escape.js';

function deltaLines(title: string, d: Delta): string[] {
  return [
    `${title}: ${d.opened.length} opened, ${d.closed.length} closed`,
    ...d.opened.map((x) => `  + ${x}`),
    ...d.closed.map((x) => `  - ${x}`),
  ];
}

export const renderDiffTable: Render<DiffResult> = ({ changes }, write) => {
  const lines = [
    ...deltaLines('Findings', changes.findings),
    ...(changes.reachability
      ? deltaLines('Reachability', changes.reachability)
      : [`Reachability: ${changes.reachabilityNote ?? 'not compared'}`]),
  ];
  for (const [workload, d] of Object.entries(changes.blastRadius))
    lines.push(...deltaLines(`Blast radius of ${workload}`, d));
  write(terminalLines(lines));
};
