/**
 * @module The attack-path report of a model: for each landing workload (every internet-exposed one, or
 * the one asked for), how it is exposed, the seeds' breach narrative, its blast radius and its paths,
 * rendered as a table, JSON, Graphviz dot or Markdown.
 */
import type { ClusterModel } from '../../model/index.js';
import { attackGraphOf } from './graph.js';
import type { NarrativeStep } from './narrative.js';
import { narrativeOf } from './narrative.js';
import type { AttackPath } from './search.js';
import { blastRadius, exposedWorkloads, pathsFrom } from './search.js';
import type { GraphEdge } from './types.js';
import { INTERNET } from './types.js';

export interface LandingReport {
  readonly workload: string;
  readonly label: string;
  readonly exposure: readonly GraphEdge[];
  readonly narrative: readonly NarrativeStep[];
  readonly blastRadius: readonly string[];
  readonly paths: readonly AttackPath[];
}

export function landingReports(model: ClusterModel, from?: string): LandingReport[] {
  const graph = attackGraphOf(model);
  const starts = from === undefined ? exposedWorkloads(graph) : [from];
  return starts.map((workload) => ({
    workload,
    label: graph.nodes.get(workload)?.label ?? workload,
    exposure: (graph.out.get(INTERNET) ?? []).filter((e) => e.to === workload),
    narrative: narrativeOf(model, workload),
    blastRadius: blastRadius(graph, workload).map((n) => n.label),
    paths: pathsFrom(graph, workload),
  }));
}

function pathLines(path: AttackPath, labelOf: (id: string) => string, bullet: string): string[] {
  const lines = [`${bullet}${labelOf(path.target.id)} [${path.targetKind}], ${path.steps.length} step(s)`];
  path.steps.forEach((step, i) => {
    lines.push(`    ${i + 1}. → ${labelOf(step.to)}: ${step.evidence} (broken by ${step.control})`);
  });
  return lines;
}

function stepLine(step: NarrativeStep, index: number): string {
  const state = step.status === 'open' ? 'OPEN   ' : 'BLOCKED';
  const why =
    step.status === 'open' ? step.detail : `${step.detail}; blocked by ${step.blockedBy.join(', ')}`;
  return `  ${index + 1}. ${state} ${step.title}: ${why}`;
}

export function renderPathsText(
  model: ClusterModel,
  reports: readonly LandingReport[],
  markdown: boolean,
): string {
  const graph = attackGraphOf(model);
  const labelOf = (id: string): string => graph.nodes.get(id)?.label ?? id;
  if (reports.length === 0)
    return markdown ? '_No internet-exposed workload._\n' : 'No internet-exposed workload.\n';
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(markdown ? `## Landing on ${r.label}` : `Landing on ${r.label}`);
    for (const e of r.exposure)
      lines.push(`${markdown ? '- ' : '  '}exposed: ${e.evidence} (broken by ${e.control})`);
    lines.push(markdown ? '\n### The breach, step by step\n' : ' The breach, step by step:');
    r.narrative.forEach((s, i) =>
      lines.push(
        markdown
          ? `- **${s.status}** ${s.title}: ${s.status === 'open' ? s.detail : `blocked by \`${s.blockedBy.join('`, `')}\``}`
          : stepLine(s, i),
      ),
    );
    lines.push(markdown ? '\n### Blast radius\n' : ` Blast radius (${r.blastRadius.length}):`);
    for (const b of r.blastRadius) lines.push(`${markdown ? '- ' : '  - '}${b}`);
    lines.push(markdown ? '\n### Paths\n' : ' Paths (shortest first):');
    if (r.paths.length === 0) lines.push('  none');
    for (const p of r.paths) lines.push(...pathLines(p, labelOf, markdown ? '- ' : '  - '));
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

export function renderPathsJson(reports: readonly LandingReport[]): string {
  const json = reports.map((r) => ({
    workload: r.workload,
    exposure: r.exposure,
    narrative: r.narrative,
    blastRadius: r.blastRadius,
    paths: r.paths.map((p) => ({ target: p.target.id, targetKind: p.targetKind, steps: p.steps })),
  }));
  return `${JSON.stringify({ landings: json }, null, 2)}\n`;
}

const quote = (s: string): string => JSON.stringify(s);

export function renderPathsDot(model: ClusterModel, reports: readonly LandingReport[]): string {
  const graph = attackGraphOf(model);
  const edges = new Map<string, GraphEdge>();
  for (const r of reports) {
    for (const e of [...r.exposure, ...r.paths.flatMap((p) => p.steps)])
      edges.set(`${e.from}|${e.to}|${e.kind}`, e);
  }
  const nodes = new Set([...edges.values()].flatMap((e) => [e.from, e.to]));
  const lines = ['digraph attack_paths {', '  rankdir=LR;'];
  for (const id of [...nodes].sort())
    lines.push(`  ${quote(id)} [label=${quote(graph.nodes.get(id)?.label ?? id)}];`);
  for (const e of edges.values())
    lines.push(`  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(`${e.kind} (${e.control})`)}];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
