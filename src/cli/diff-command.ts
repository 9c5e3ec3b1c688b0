/**
 * @module `aksward diff`: what a change opened and closed between two models: findings (every rule run on
 * both), allowed workload-to-workload connections, and the blast radius of each internet-exposed workload.
 */
import type { ClusterModel } from '../model/index.js';
import { computeReachability } from '../analysis/netpol/index.js';
import { formatPortList, isEmptyPorts } from '../analysis/netpol/port-set.js';
import { landingReports } from '../analysis/paths/report.js';
import { runAudit } from '../engine/run-audit.js';
import { allRules } from '../rules/index.js';

/** The shape of the CLI's streams (structural, so the lead's `Streams` fits). */
export interface DiffStreams {
  out(s: string): void;
  err(s: string): void;
  readonly stdoutIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface DiffFlags {
  /** `table` (default) or `json`. */
  readonly format?: string;
  /** YYYY-MM-DD for suppression expiry; defaults to the current date. */
  readonly today?: string;
}

export interface Delta {
  readonly opened: readonly string[];
  readonly closed: readonly string[];
}

export interface ModelDiff {
  readonly findings: Delta;
  readonly reachability: Delta;
  /** Per exposed workload (in either model): what its blast radius gained and lost. */
  readonly blastRadius: Readonly<Record<string, Delta>>;
}

function delta(before: Iterable<string>, after: Iterable<string>): Delta {
  const a = new Set(before);
  const b = new Set(after);
  return { opened: [...b].filter((x) => !a.has(x)).sort(), closed: [...a].filter((x) => !b.has(x)).sort() };
}

/** Findings keyed independently of file and line, so the same finding in two inputs matches. */
function findingKeys(model: ClusterModel, today: string): string[] {
  return runAudit(model, { rules: allRules, today }).findings.map(
    (f) => `${f.ruleId} ${f.status} ${f.subject.display}${f.path === undefined ? '' : ` ${f.path}`}`,
  );
}

function connectionKeys(model: ClusterModel): string[] {
  const reach = computeReachability(model);
  const keys: string[] = [];
  for (const src of reach.peers)
    for (const dst of reach.peers) {
      const ports = src === dst ? undefined : reach.peerConnection(src, dst);
      if (ports && !isEmptyPorts(ports))
        keys.push(`${src.id} → ${dst.id} ${formatPortList(ports).join(',')}`);
    }
  return keys;
}

export function diffModels(before: ClusterModel, after: ClusterModel, today: string): ModelDiff {
  const radius = (model: ClusterModel): Map<string, readonly string[]> =>
    new Map(landingReports(model).map((r) => [r.workload, r.blastRadius]));
  const a = radius(before);
  const b = radius(after);
  const blastRadius: Record<string, Delta> = {};
  for (const workload of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const d = delta(a.get(workload) ?? [], b.get(workload) ?? []);
    if (d.opened.length + d.closed.length > 0) blastRadius[workload] = d;
  }
  return {
    findings: delta(findingKeys(before, today), findingKeys(after, today)),
    reachability: delta(connectionKeys(before), connectionKeys(after)),
    blastRadius,
  };
}

function renderDelta(title: string, d: Delta): string[] {
  return [
    `${title}: ${d.opened.length} opened, ${d.closed.length} closed`,
    ...d.opened.map((x) => `  + ${x}`),
    ...d.closed.map((x) => `  - ${x}`),
  ];
}

export function diffCommand(
  modelA: ClusterModel,
  modelB: ClusterModel,
  flags: DiffFlags,
  streams: DiffStreams,
): number {
  const format = flags.format ?? 'table';
  if (format !== 'table' && format !== 'json') {
    streams.err(`aksward: unknown format "${format}" (expected table, json)\n`);
    return 2;
  }
  const diff = diffModels(modelA, modelB, flags.today ?? new Date().toISOString().slice(0, 10));
  if (format === 'json') {
    streams.out(`${JSON.stringify(diff, null, 2)}\n`);
    return 0;
  }
  const lines = [
    ...renderDelta('Findings', diff.findings),
    ...renderDelta('Reachability', diff.reachability),
  ];
  for (const [workload, d] of Object.entries(diff.blastRadius))
    lines.push(...renderDelta(`Blast radius of ${workload}`, d));
  streams.out(`${lines.join('\n')}\n`);
  return 0;
}
