/**
 * @module The `diff` verb: what a change opened and closed between two sides: findings (every rule run on
 * both), allowed workload-to-workload connections, and the blast radius of each internet-exposed workload.
 * A side is a model (inputs as `scan` reads them) or a saved `scan --format json` result; a saved result
 * holds no connection list, so reachability is compared only between two models.
 */
import * as z from 'zod';
import type { ClusterModel } from '../model/index.js';
import { computeReachability } from '../analysis/netpol/index.js';
import { formatPortList } from '../analysis/netpol/port-set.js';
import { radiusLabels } from '../analysis/paths/index.js';
import { landingSummaries } from '../analysis/paths/landings.js';
import { UsageError } from '../errors.js';
import { allRules } from '../rules/index.js';
import type { Severity } from '../rules/types.js';
import { SEVERITIES } from '../rules/types.js';
import type { AuditScope } from './scoped-audit.js';
import { runScopedAudit } from './scoped-audit.js';

export interface Delta {
  readonly opened: readonly string[];
  readonly closed: readonly string[];
}

/** An opened or closed finding with what a reviewer needs: severity and where (absent in old saved results). */
export interface FindingChange {
  readonly key: string;
  readonly ruleId: string;
  readonly status: string;
  readonly severity?: Severity;
  readonly file?: string;
  readonly line?: number;
}

export interface ModelDiff {
  readonly findings: Delta;
  /** The same changes as `findings`, each with its severity and file:line. */
  readonly findingChanges: {
    readonly opened: readonly FindingChange[];
    readonly closed: readonly FindingChange[];
  };
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
  /** Each finding key's severity and location, on this side. */
  readonly changes?: ReadonlyMap<string, FindingChange>;
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

function changeOf(f: {
  ruleId: string;
  status: string;
  subject: { display: string };
  path?: string | undefined;
  severity?: string | undefined;
  location?: { file: string; line?: number | undefined } | undefined;
}): FindingChange {
  const severity = SEVERITIES.find((s) => s === f.severity);
  const line = f.location?.line;
  return {
    key: findingKey(f),
    ruleId: f.ruleId,
    status: f.status,
    ...(severity === undefined ? {} : { severity }),
    ...(f.location === undefined ? {} : { file: f.location.file }),
    ...(line === undefined || line < 1 ? {} : { line }),
  };
}

/** The first finding of each key (the same finding in two files keeps the first file). */
function changesOf(findings: readonly Parameters<typeof changeOf>[0][]): Map<string, FindingChange> {
  const out = new Map<string, FindingChange>();
  for (const f of findings) {
    const change = changeOf(f);
    if (!out.has(change.key)) out.set(change.key, change);
  }
  return out;
}

/**
 * One side of a diff: findings and blast radius audited per cluster scope (`scopes`; none given: the model
 * as one cluster), the model kept whole for the reachability comparison.
 */
export function sideFromModel(
  name: string,
  model: ClusterModel,
  today: string,
  scopes: readonly AuditScope[] = [],
): DiffSide {
  const { result, runs } = runScopedAudit(scopes, model, { rules: allRules, today });
  const audited = result.findings;
  const findings = audited.map(findingKey);
  const landings = runs.flatMap(({ scope, analyses }) =>
    landingSummaries(scope.model, analyses.get('attackGraph').graph),
  );
  const radius = new Map(landings.map((l) => [l.workload, radiusLabels(l.radius)]));
  return { name, findings, changes: changesOf(audited), radius, model };
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
      severity: z.string().optional(),
      location: z.object({ file: z.string(), line: z.number().optional() }).optional(),
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

export type SavedReport = z.infer<typeof SavedReportSchema>;

/**
 * The parts of a saved `aksward scan --format json` result that diff reads, or undefined when `parsed`
 * is not one (checked on its content: `tool.name`); a usage error for a result of another schema or an
 * edited one. `file` names it in the error.
 */
export function savedReportOf(parsed: unknown, file: string): SavedReport | undefined {
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
    changes: changesOf(report.findings),
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

/** The `diff` answer: the changes (the `diff -f json` document), and which sides' blast radius was not compared. */
export interface DiffResult {
  readonly changes: ModelDiff;
  /** The saved results that predate the blastRadius section (schema 1.2): their blast radius was not compared. */
  readonly radiusNotCompared: readonly string[];
}

function diffSides(before: DiffSide, after: DiffSide): ModelDiff {
  const blastRadius: Record<string, Delta> = {};
  const a = before.radius ?? new Map<string, readonly string[]>();
  const b = after.radius ?? new Map<string, readonly string[]>();
  if (before.radius && after.radius)
    for (const workload of [...new Set([...a.keys(), ...b.keys()])].sort()) {
      const d = delta(a.get(workload) ?? [], b.get(workload) ?? []);
      if (d.opened.length + d.closed.length > 0) blastRadius[workload] = d;
    }
  const saved = [before, after].filter((s) => !s.model).map((s) => s.name);
  const findings = delta(before.findings, after.findings);
  const detail = (side: DiffSide) => (key: string) =>
    side.changes?.get(key) ?? { key, ruleId: key.split(' ')[0] ?? '', status: key.split(' ')[1] ?? '' };
  return {
    findings,
    findingChanges: {
      opened: findings.opened.map(detail(after)),
      closed: findings.closed.map(detail(before)),
    },
    ...(before.model && after.model
      ? { reachability: connectionDelta(before.model, after.model) }
      : {
          reachabilityNote: `not compared: ${saved.join(' and ')} ${saved.length === 1 ? 'is a saved result' : 'are saved results'}, which hold no connection list`,
        }),
    blastRadius,
  };
}

export function diff(before: DiffSide, after: DiffSide): DiffResult {
  return {
    changes: diffSides(before, after),
    radiusNotCompared: [before, after].filter((s) => !s.radius).map((s) => s.name),
  };
}

/** Two models compared as `diff` compares two sets of inputs. */
export function diffModels(before: ClusterModel, after: ClusterModel, today: string): ModelDiff {
  return diffSides(sideFromModel('before', before, today), sideFromModel('after', after, today));
}
