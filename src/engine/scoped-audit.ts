/**
 * @module The audit of every cluster scope: rules and analyses run per scope (no reachability, RBAC or attack
 * path crosses two scopes), then one result, in which the same finding on the same object in several scopes
 * is one finding with all its locations.
 */
import type { ClusterModel, KubeObject, SourceLocation } from '../model/index.js';
import { canonicalContent } from '../model/index.js';
import type { Surface } from '../rules/types.js';
import type { AnalysisRun } from './analyses.js';
import { analysisRun } from './analyses.js';
import type { Coverage, Finding } from './finding.js';
import type { AuditOptions, AuditResult, UnusedSuppression } from './run-audit.js';
import { sortFindings } from './finding-order.js';
import { runAudit } from './run-audit.js';
import type { SuppressionProblem } from './suppressions.js';
import { collectSuppressions } from './suppressions.js';
import { timed } from './timings.js';

/** A scope to audit: its name and model. */
export interface AuditScope {
  readonly name: string;
  readonly model: ClusterModel;
}

export interface ScopedAuditResult {
  readonly result: AuditResult;
  /** Each scope's analyses, as the rules used them (a scan's blast radius reads the attack graph). */
  readonly runs: readonly { readonly scope: AuditScope; readonly analyses: AnalysisRun }[];
}

const locationKey = (at: SourceLocation): string => `${at.file}:${String(at.line)}`;

/**
 * What makes two findings of two scopes one: the same rule, status, severity, subject, property and message,
 * on objects of the same content (another object of the same name is another object). A subject that is not
 * a Kubernetes object (a cluster definition) is one only at the same place.
 */
function mergeKey(finding: Finding, objectsAt: ReadonlyMap<string, KubeObject>): string {
  const { ruleId, severity, subject, path, message } = finding;
  // A suppressed finding of one scope and the failing one of another are one finding (see `joinSuppressed`).
  const status = finding.status === 'suppressed' ? 'fail' : finding.status;
  const object = objectsAt.get(locationKey(subject.at));
  const content = object === undefined ? `at ${locationKey(subject.at)}` : canonicalContent(object.body);
  return [
    ruleId,
    status,
    severity,
    subject.kind,
    subject.namespace ?? '',
    subject.name,
    path ?? '',
    message,
    content,
  ].join('\0');
}

function addUnique(into: SourceLocation[], added: readonly SourceLocation[]): void {
  for (const location of added) {
    if (!into.some((kept) => locationKey(kept) === locationKey(location))) into.push(location);
  }
}

type MutableCoverage = Record<Surface, { -readonly [K in keyof Coverage]: number }>;

function countOf(status: Finding['status']): keyof Coverage {
  if (status === 'not-assessed') return 'notAssessed';
  if (status === 'provider-managed') return 'providerManaged';
  return 'failed';
}

interface Merged {
  finding: Finding;
  readonly locations: SourceLocation[];
  readonly scopes: string[];
  /** Each scope's finding, to tell suppressed copies from open ones. */
  readonly parts: Finding[];
}

const locationsOf = (finding: Finding): readonly SourceLocation[] => finding.locations ?? [finding.location];

/**
 * One finding suppressed in some scopes and failing in others: a suppression hides a finding only when it covers
 * every place the finding holds (docs/suppressions.md), so it stays failing, with a note naming both sides.
 */
function joinSuppressed(first: Finding, parts: readonly Finding[]): Finding {
  const open = parts.filter((part) => part.status === 'fail');
  const hidden = parts.find((part) => part.status === 'suppressed');
  const [failing] = open;
  if (failing === undefined || hidden?.suppression === undefined) return first;
  const { suppression } = hidden;
  const coveredAt = parts.filter((part) => part.status === 'suppressed').flatMap(locationsOf);
  const list = (locations: readonly SourceLocation[]) => [...new Set(locations.map(locationKey))].join(', ');
  const note =
    `not suppressed: the ${suppression.source} suppression (${suppression.reason}) covers ${list(coveredAt)} ` +
    `but not ${list(open.flatMap(locationsOf))}, where the same object is defined`;
  const joined: Finding = { ...first, status: 'fail', notes: [...(failing.notes ?? []), note] };
  // The suppression covered only part of it: the failing finding carries none.
  return Object.fromEntries(
    Object.entries(joined).filter(([key]) => key !== 'suppression'),
  ) as unknown as Finding;
}

/** One finding per merge key, its locations and scopes the union of the scopes' findings. */
function mergeFindings(
  results: readonly { readonly scope: AuditScope; readonly result: AuditResult }[],
  coverage: MutableCoverage,
): Finding[] {
  const merged = new Map<string, Merged>();
  for (const { scope, result } of results) {
    const objectsAt = new Map(scope.model.objects.map((o) => [locationKey(o.origin.at), o]));
    for (const finding of result.findings) {
      const key = mergeKey(finding, objectsAt);
      const found = merged.get(key);
      const locations = finding.locations ?? [finding.location];
      if (found === undefined) {
        merged.set(key, { finding, locations: [...locations], scopes: [scope.name], parts: [finding] });
        continue;
      }
      found.parts.push(finding);
      // One finding, counted once: the scope's count of it goes.
      coverage[finding.surface][countOf(finding.status)] -= 1;
      addUnique(found.locations, locations);
      if (!found.scopes.includes(scope.name)) found.scopes.push(scope.name);
    }
  }
  const named = results.length > 1;
  return [...merged.values()].map(({ finding, locations, scopes, parts }) => ({
    ...joinSuppressed(finding, parts),
    ...(locations.length > 1 ? { locations } : {}),
    ...(named ? { scopes } : {}),
  }));
}

function sumCoverage(results: readonly AuditResult[]): MutableCoverage {
  const [first] = results;
  if (first === undefined) throw new Error('sumCoverage: no results');
  const total = structuredClone(first.coverage) as MutableCoverage;
  for (const result of results.slice(1)) {
    for (const [surface, counts] of Object.entries(result.coverage) as [Surface, Coverage][]) {
      const into = total[surface];
      into.passed += counts.passed;
      into.failed += counts.failed;
      into.notAssessed += counts.notAssessed;
      into.providerManaged += counts.providerManaged;
    }
  }
  return total;
}

const describeKey = (s: {
  readonly description?: string;
  readonly describe?: string;
  readonly at?: SourceLocation;
}) => `${s.description ?? s.describe ?? ''}\0${s.at ? locationKey(s.at) : ''}`;

/** A suppression is unused when no scope that holds it used it. */
function unusedOverall(
  scopes: readonly AuditScope[],
  results: readonly AuditResult[],
  options: AuditOptions,
): UnusedSuppression[] {
  const unused = new Map<string, UnusedSuppression>();
  const used = new Set<string>();
  scopes.forEach((scope, index) => {
    const idle = new Set((results[index]?.unusedSuppressions ?? []).map(describeKey));
    for (const suppression of collectSuppressions(scope.model, options.config?.suppressions ?? [], [])) {
      const key = describeKey(suppression);
      if (!idle.has(key)) used.add(key);
    }
    for (const entry of results[index]?.unusedSuppressions ?? []) unused.set(describeKey(entry), entry);
  });
  return [...unused].filter(([key]) => !used.has(key)).map(([, entry]) => entry);
}

function uniqueProblems(results: readonly AuditResult[]): SuppressionProblem[] {
  const seen = new Map<string, SuppressionProblem>();
  for (const problem of results.flatMap((r) => r.suppressionProblems)) {
    seen.set(`${problem.message}\0${problem.at ? locationKey(problem.at) : ''}`, problem);
  }
  return [...seen.values()];
}

/**
 * Runs the audit on each scope with its own analyses and joins the results. One scope is exactly `runAudit`;
 * no scope (nothing read) audits the empty model, so coverage and suppressions are still told.
 */
export function runScopedAudit(
  scopes: readonly AuditScope[],
  fallback: ClusterModel,
  options: Omit<AuditOptions, 'analyses'>,
): ScopedAuditResult {
  const audited = scopes.length === 0 ? [{ name: 'all inputs', model: fallback }] : scopes;
  const { timings } = options;
  const runs = audited.map((scope) => ({ scope, analyses: analysisRun(scope.model, timings) }));
  const results = runs.map(({ scope, analyses }) => runAudit(scope.model, { ...options, analyses }));
  const [first] = results;
  if (first === undefined) throw new Error('runScopedAudit: no scope audited');
  if (results.length === 1) return { result: first, runs };
  const coverage = sumCoverage(results);
  const findings = timed(timings, 'audit', 'scopes merged', () =>
    mergeFindings(
      runs.map(({ scope }, index) => ({ scope, result: results[index] ?? first })),
      coverage,
    ),
  );
  return {
    result: {
      findings: timed(timings, 'audit', 'order', () => sortFindings(findings)),
      coverage,
      rulesRun: first.rulesRun,
      unusedSuppressions: unusedOverall(audited, results, options),
      suppressionProblems: uniqueProblems(results),
      baselined: results.reduce((sum, r) => sum + r.baselined, 0),
    },
    runs,
  };
}
