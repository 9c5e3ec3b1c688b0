/**
 * @module The attack-path report of a model: for each landing workload (every internet-exposed one, or
 * the one asked for), how it is exposed, the seeds' breach narrative, its blast radius and its paths,
 * rendered as a table, JSON, Graphviz dot or Markdown.
 */
import type { ClusterModel } from '../../model/index.js';
import { attackGraphOf } from './graph.js';
import type { NarrativeStep } from './narrative.js';
import { narrativeOf } from './narrative.js';
import type { AttackPath, BlastRadius } from './search.js';
import { exposedWorkloads, landingDigest, landingSearch, radiusLabels } from './search.js';
import type { AttackGraph, GraphEdge } from './types.js';
import { INTERNET } from './types.js';

export interface LandingReport {
  readonly workload: string;
  readonly label: string;
  readonly exposure: readonly GraphEdge[];
  readonly narrative: readonly NarrativeStep[];
  /** One label per asset reached (`secrets in namespace shop`, `cluster-admin`, ...). */
  readonly blastRadius: readonly string[];
  readonly radius: BlastRadius;
  readonly paths: readonly AttackPath[];
}

/** The landing workloads: every internet-exposed one, or the one asked for. */
export function landingStarts(model: ClusterModel, from?: string): string[] {
  return from === undefined ? exposedWorkloads(attackGraphOf(model)) : [from];
}

/** The full report of one landing: exposure, narrative, blast radius and every path. */
export function landingReport(model: ClusterModel, workload: string): LandingReport {
  const graph = attackGraphOf(model);
  const { radius, paths } = landingSearch(graph, workload);
  return {
    workload,
    label: graph.nodes.get(workload)?.label ?? workload,
    exposure: (graph.out.get(INTERNET) ?? []).filter((e) => e.to === workload),
    narrative: narrativeOf(model, workload),
    blastRadius: radiusLabels(radius),
    radius,
    paths,
  };
}

export function landingReports(model: ClusterModel, from?: string): LandingReport[] {
  return landingStarts(model, from).map((workload) => landingReport(model, workload));
}

/** The same, one at a time. */
export function* eachLandingReport(model: ClusterModel, starts: readonly string[]): Generator<LandingReport> {
  for (const start of starts) yield landingReport(model, start);
}

/** One exposed workload in the scan report: how it is exposed, what it reaches, the shortest path per target kind. */
export interface LandingSummary {
  readonly workload: string;
  readonly label: string;
  readonly exposure: readonly { readonly evidence: string; readonly control: string }[];
  readonly radius: BlastRadius;
  /** `5 workloads in 2 namespaces, 1 token, ...` */
  readonly summary: string;
  readonly paths: readonly {
    readonly targetKind: string;
    readonly target: string;
    readonly steps: number;
    /** The rule ids whose controls break the path, in step order. */
    readonly controls: readonly string[];
  }[];
}

/**
 * The blast radius of every internet-exposed workload, for the scan report (no narrative, no full paths);
 * `graph` is the model's attack graph when the caller has it already.
 */
export function landingSummaries(
  model: ClusterModel,
  graph: AttackGraph = attackGraphOf(model),
): LandingSummary[] {
  return exposedWorkloads(graph).map((workload) => {
    const { radius, shortest } = landingDigest(graph, workload);
    return {
      workload,
      label: graph.nodes.get(workload)?.label ?? workload,
      exposure: (graph.out.get(INTERNET) ?? [])
        .filter((e) => e.to === workload)
        .map(({ evidence, control }) => ({ evidence, control })),
      radius,
      summary: radiusSummary(radius),
      paths: shortest.map((p) => ({
        targetKind: p.targetKind,
        target: p.target.label,
        steps: p.steps.length,
        controls: [...new Set(p.steps.map((s) => s.control))],
      })),
    };
  });
}

function pathLines(path: AttackPath, labelOf: (id: string) => string, bullet: string): string[] {
  const lines = [`${bullet}${labelOf(path.target.id)} [${path.targetKind}], ${path.steps.length} step(s)`];
  path.steps.forEach((step, i) => {
    lines.push(`    ${i + 1}. → ${labelOf(step.to)}: ${step.evidence} (broken by ${step.control})`);
  });
  return lines;
}

/** `3 workloads in 2 namespaces, 1 token, secrets of 1 namespace, 1 node, cluster-admin`. */
export function radiusSummary(radius: BlastRadius): string {
  const count = (n: number, what: string, plural = `${what}s`): string => `${n} ${n === 1 ? what : plural}`;
  const parts = [
    `${count(radius.workloads, 'workload')} in ${count(radius.namespaces.length, 'namespace')}`,
    count(radius.tokens, 'token'),
    `secrets of ${count(radius.secrets.length, 'namespace')}`,
    count(radius.nodes.length, 'node'),
    ...(radius.clusterAdmin ? ['cluster-admin'] : []),
    ...(radius.apiServer ? ['the API server from outside'] : []),
    ...(radius.azureIdentities.length > 0
      ? [count(radius.azureIdentities.length, 'Azure identity', 'Azure identities')]
      : []),
  ];
  return parts.join(', ');
}

function stepLine(step: NarrativeStep, index: number): string {
  const state = step.status === 'open' ? 'OPEN   ' : 'BLOCKED';
  const why =
    step.status === 'open' ? step.detail : `${step.detail}; blocked by ${step.blockedBy.join(', ')}`;
  return `  ${index + 1}. ${state} ${step.title}: ${why}`;
}

function landingText(r: LandingReport, labelOf: (id: string) => string, markdown: boolean): string {
  const lines: string[] = [];
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
  lines.push(markdown ? '\n### Blast radius\n' : ` Blast radius: ${radiusSummary(r.radius)}`);
  for (const b of r.blastRadius) lines.push(`${markdown ? '- ' : '  - '}${b}`);
  lines.push(markdown ? '\n### Paths\n' : ' Paths (shortest first):');
  if (r.paths.length === 0) lines.push('  none');
  for (const p of r.paths) lines.push(...pathLines(p, labelOf, markdown ? '- ' : '  - '));
  lines.push('');
  return `${lines.join('\n')}\n`;
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
  return reports.map((r) => landingText(r, labelOf, markdown)).join('');
}

function landingJson(r: LandingReport) {
  return {
    workload: r.workload,
    exposure: r.exposure,
    narrative: r.narrative,
    blastRadius: r.blastRadius,
    radius: r.radius,
    paths: r.paths.map((p) => ({ target: p.target.id, targetKind: p.targetKind, steps: p.steps })),
  };
}

export function renderPathsJson(reports: readonly LandingReport[]): string {
  return `${JSON.stringify({ landings: reports.map(landingJson) }, null, 2)}\n`;
}

/**
 * Writes the report one landing at a time, so a cluster with a thousand exposed workloads never holds
 * every path (or the whole output text) at once. Same bytes as the render functions.
 */
export function writePaths(
  model: ClusterModel,
  starts: readonly string[],
  format: 'table' | 'json' | 'markdown',
  out: (text: string) => void,
): void {
  const graph = attackGraphOf(model);
  const labelOf = (id: string): string => graph.nodes.get(id)?.label ?? id;
  if (format !== 'json') {
    if (starts.length === 0)
      out(format === 'markdown' ? '_No internet-exposed workload._\n' : 'No internet-exposed workload.\n');
    for (const start of starts) out(landingText(landingReport(model, start), labelOf, format === 'markdown'));
    return;
  }
  if (starts.length === 0) {
    out(renderPathsJson([]));
    return;
  }
  out('{\n  "landings": [\n');
  starts.forEach((start, i) => {
    const json = JSON.stringify(landingJson(landingReport(model, start)), null, 2).replace(/^/gm, '    ');
    out(`${i > 0 ? ',\n' : ''}${json}`);
  });
  out('\n  ]\n}\n');
}

const quote = (s: string): string => JSON.stringify(s);

export function renderPathsDot(model: ClusterModel, reports: Iterable<LandingReport>): string {
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
