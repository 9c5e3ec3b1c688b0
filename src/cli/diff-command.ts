/**
 * @module `aksward diff`: what a change opened and closed between two sides: findings (every rule run on
 * both), allowed workload-to-workload connections, and the blast radius of each internet-exposed workload.
 * A side is inputs (files and folders, as `scan` reads them) or a saved `scan --format json` result; a
 * saved result holds no connection list, so reachability is compared only between two sets of inputs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ClusterModel } from '../model/index.js';
import { computeReachability } from '../analysis/netpol/index.js';
import { formatPortList } from '../analysis/netpol/port-set.js';
import { radiusLabels } from '../analysis/paths/index.js';
import { landingSummaries } from '../analysis/paths/report.js';
import { analysisRun } from '../engine/analyses.js';
import { runAudit } from '../engine/run-audit.js';
import { UsageError } from '../errors.js';
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
  /** Absent when a side is a saved result (it holds no connection list); `reachabilityNote` says so. */
  readonly reachability?: Delta;
  readonly reachabilityNote?: string;
  /** Per exposed workload (in either side): what its blast radius gained and lost. */
  readonly blastRadius: Readonly<Record<string, Delta>>;
}

/** What one side contributes to a diff. */
export interface DiffSide {
  readonly name: string;
  readonly findings: readonly string[];
  /** Exposed workload id → blast-radius labels; undefined when a saved result predates the section. */
  readonly radius: ReadonlyMap<string, readonly string[]> | undefined;
  readonly model?: ClusterModel;
}

function delta(before: Iterable<string>, after: Iterable<string>): Delta {
  const a = new Set(before);
  const b = new Set(after);
  return { opened: [...b].filter((x) => !a.has(x)).sort(), closed: [...a].filter((x) => !b.has(x)).sort() };
}

/** A finding independently of file and line, so the same finding in two inputs (or a saved run) matches. */
const findingKey = (f: {
  ruleId: string;
  status: string;
  subject: { display: string };
  path?: string | undefined;
}) => `${f.ruleId} ${f.status} ${f.subject.display}${f.path === undefined ? '' : ` ${f.path}`}`;

export function sideFromModel(name: string, model: ClusterModel, today: string): DiffSide {
  const analyses = analysisRun(model);
  const findings = runAudit(model, { rules: allRules, today, analyses }).findings.map(findingKey);
  const landings = landingSummaries(model, analyses.get('attackGraph').graph);
  const radius = new Map(landings.map((l) => [l.workload, radiusLabels(l.radius)]));
  return { name, findings, radius, model };
}

/** The parts of a saved `scan -f json` result that diff reads, checked before use (the file may be edited). */
const SavedReportSchema = z.object({
  schemaVersion: z.string(),
  findings: z.array(
    z.object({
      ruleId: z.string(),
      status: z.string(),
      subject: z.object({ display: z.string() }),
      path: z.string().optional(),
    }),
  ),
  blastRadius: z
    .array(
      z.object({
        workload: z.string(),
        reaches: z.object({
          workloads: z.number(),
          namespaces: z.array(z.string()),
          tokens: z.number(),
          secrets: z.array(z.string()),
          nodes: z.array(z.string()),
          clusterAdmin: z.boolean(),
          apiServer: z.boolean(),
          azureIdentities: z.array(z.string()),
        }),
      }),
    )
    .optional(),
});

type SavedReport = z.infer<typeof SavedReportSchema>;

/** Whether a file is a saved `aksward scan --format json` result (checked on its content, not its name). */
export function readSavedResult(file: string): SavedReport | undefined {
  if (path.extname(file).toLowerCase() !== '.json') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const tool = (parsed as { tool?: { name?: unknown } } | null)?.tool;
  if (typeof parsed !== 'object' || parsed === null || tool?.name !== 'aksward') return undefined;
  const version = (parsed as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'string' || !version.startsWith('1.'))
    throw new UsageError(`${file}: an aksward result of schema ${String(version)}; this version reads 1.x`);
  const checked = SavedReportSchema.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new UsageError(
      `${file}: not a valid aksward result at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return checked.data;
}

export function sideFromSaved(name: string, report: SavedReport): DiffSide {
  return {
    name,
    findings: report.findings.map(findingKey),
    radius: report.blastRadius
      ? new Map(report.blastRadius.map((l) => [l.workload, radiusLabels(l.reaches)]))
      : undefined,
  };
}

/**
 * Connections that differ, one source workload at a time from the engine's class rows: never the whole
 * n² list at once, so two 10,000-workload clusters compare in the memory of one row.
 */
function connectionDelta(before: ClusterModel, after: ClusterModel): Delta {
  const rows = (model: ClusterModel) => {
    const reach = computeReachability(model);
    const byId = new Map(reach.peers.map((p) => [p.id, p]));
    return (id: string): Map<string, string> => {
      const peer = byId.get(id);
      if (!peer) return new Map();
      const out = new Map<string, string>();
      reach.forEachConnection(
        (_src, dst, ports) => {
          if (dst.kind === 'workload') out.set(dst.peer.id, formatPortList(ports).join(','));
        },
        { from: peer },
      );
      return out;
    };
  };
  const rowA = rows(before);
  const rowB = rows(after);
  const ids = new Set(
    [...computeReachability(before).peers, ...computeReachability(after).peers].map((p) => p.id),
  );
  const opened: string[] = [];
  const closed: string[] = [];
  for (const src of [...ids].sort()) {
    const a = rowA(src);
    const b = rowB(src);
    for (const [dst, ports] of a) if (b.get(dst) !== ports) closed.push(`${src} → ${dst} ${ports}`);
    for (const [dst, ports] of b) if (a.get(dst) !== ports) opened.push(`${src} → ${dst} ${ports}`);
  }
  return { opened: opened.sort(), closed: closed.sort() };
}

export function diffSides(before: DiffSide, after: DiffSide): ModelDiff {
  const blastRadius: Record<string, Delta> = {};
  const a = before.radius ?? new Map<string, readonly string[]>();
  const b = after.radius ?? new Map<string, readonly string[]>();
  if (before.radius && after.radius)
    for (const workload of [...new Set([...a.keys(), ...b.keys()])].sort()) {
      const d = delta(a.get(workload) ?? [], b.get(workload) ?? []);
      if (d.opened.length + d.closed.length > 0) blastRadius[workload] = d;
    }
  const saved = [before, after].filter((s) => !s.model).map((s) => s.name);
  return {
    findings: delta(before.findings, after.findings),
    ...(before.model && after.model
      ? { reachability: connectionDelta(before.model, after.model) }
      : {
          reachabilityNote: `not compared: ${saved.join(' and ')} ${saved.length === 1 ? 'is a saved result' : 'are saved results'}, which hold no connection list`,
        }),
    blastRadius,
  };
}

export function diffModels(before: ClusterModel, after: ClusterModel, today: string): ModelDiff {
  return diffSides(sideFromModel('before', before, today), sideFromModel('after', after, today));
}

function renderDelta(title: string, d: Delta): string[] {
  return [
    `${title}: ${d.opened.length} opened, ${d.closed.length} closed`,
    ...d.opened.map((x) => `  + ${x}`),
    ...d.closed.map((x) => `  - ${x}`),
  ];
}

export function diffCommand(
  before: DiffSide,
  after: DiffSide,
  flags: DiffFlags,
  streams: DiffStreams,
): number {
  const format = flags.format ?? 'table';
  if (format !== 'table' && format !== 'json') {
    streams.err(`aksward: unknown format "${format}" (expected table, json)\n`);
    return 2;
  }
  const diff = diffSides(before, after);
  const missing = [before, after].filter((s) => !s.radius).map((s) => s.name);
  if (missing.length > 0)
    streams.err(
      `aksward: blast radius not compared: ${missing.join(' and ')} predate(s) the blastRadius section (schema 1.2)\n`,
    );
  if (format === 'json') {
    streams.out(`${JSON.stringify(diff, null, 2)}\n`);
    return 0;
  }
  const lines = [
    ...renderDelta('Findings', diff.findings),
    ...(diff.reachability
      ? renderDelta('Reachability', diff.reachability)
      : [`Reachability: ${diff.reachabilityNote ?? 'not compared'}`]),
  ];
  for (const [workload, d] of Object.entries(diff.blastRadius))
    lines.push(...renderDelta(`Blast radius of ${workload}`, d));
  streams.out(`${lines.join('\n')}\n`);
  return 0;
}

/** Stands for the `--` between the two sides: commander drops a bare `--`, so `runCli` swaps it for this. */
export const SIDE_SEPARATOR = '\u0000aksward-diff-separator';

/** `before... -- after...`, or exactly two inputs (`before after`). */
export function splitSides(inputs: readonly string[]): [readonly string[], readonly string[]] {
  const at = inputs.indexOf(SIDE_SEPARATOR);
  if (at !== -1) {
    const before = inputs.slice(0, at);
    const after = inputs.slice(at + 1).filter((i) => i !== SIDE_SEPARATOR);
    if (before.length > 0 && after.length > 0) return [before, after];
  } else if (inputs.length === 2) {
    return [[inputs[0] ?? ''], [inputs[1] ?? '']];
  }
  throw new UsageError(
    'diff takes two sides: `aksward diff <inputs before> -- <inputs after>`, or `aksward diff <before> <after>` (inputs or saved JSON results)',
  );
}
