/** @module `aksward diff` as text: per part (findings, reachability, each blast radius) what opened (+) and closed (-). */
import type { Delta, DiffResult, FindingChange } from '../../engine/diff.js';
import type { Render } from '../render.js';
import { terminalLines } from '../escape.js';
import { severityRank } from '../../rules/types.js';

function deltaLines(title: string, d: Delta): string[] {
  return [
    `${title}: ${d.opened.length} opened, ${d.closed.length} closed`,
    ...d.opened.map((x) => `  + ${x}`),
    ...d.closed.map((x) => `  - ${x}`),
  ];
}

/** `+ HIGH      <key>  file:line`: severity first, so what a change opened reads worst first. */
function changeLine(sign: string, change: FindingChange): string {
  const severity = (change.severity ?? '').toUpperCase().padEnd(8);
  const at =
    change.file === undefined ? '' : `  ${change.file}${change.line === undefined ? '' : `:${change.line}`}`;
  return `  ${sign} ${severity}  ${change.key}${at}`;
}

const worstFirst = (a: FindingChange, b: FindingChange): number =>
  (b.severity === undefined ? 0 : severityRank(b.severity)) -
    (a.severity === undefined ? 0 : severityRank(a.severity)) || a.key.localeCompare(b.key);

function findingLines({ opened, closed }: DiffResult['changes']['findingChanges']): string[] {
  return [
    `Findings: ${opened.length} opened, ${closed.length} closed`,
    ...[...opened].sort(worstFirst).map((c) => changeLine('+', c)),
    ...[...closed].sort(worstFirst).map((c) => changeLine('-', c)),
  ];
}

export const renderDiffTable: Render<DiffResult> = ({ changes }, write) => {
  const lines = [
    ...findingLines(changes.findingChanges),
    ...(changes.reachability
      ? deltaLines('Reachability', changes.reachability)
      : [`Reachability: ${changes.reachabilityNote ?? 'not compared'}`]),
  ];
  for (const [workload, d] of Object.entries(changes.blastRadius))
    lines.push(...deltaLines(`Blast radius of ${workload}`, d));
  write(terminalLines(lines));
};
