/** @module The counts every report shares: failed by severity, per-surface tallies, coverage totals, the fail-on verdict. */
import type { Coverage, Finding } from '../engine/finding.js';
import type { AuditResult } from '../engine/run-audit.js';
import type { Severity, Surface } from '../rules/types.js';
import { SEVERITIES, SURFACE_TITLES, SURFACES, severityRank } from '../rules/types.js';

export type SeverityCounts = Record<Severity, number>;

export interface SurfaceSummary {
  readonly surface: Surface;
  readonly title: string;
  /** Listed `fail` findings (baselined and suppressed ones excluded), by severity. */
  readonly failed: SeverityCounts;
  readonly notAssessed: number;
  readonly providerManaged: number;
  readonly suppressed: number;
  /** Listed `fail` findings that admission already rejects (Pod Security Admission): gaps closed, not open. */
  readonly blockedAtAdmission: number;
  /** The engine's tally of every rule-subject check, passes included (and baselined results). */
  readonly coverage: Coverage;
  /** This surface's findings, in the engine's order. */
  readonly findings: readonly Finding[];
}

interface CoverageTotals {
  /** Checks with a verdict: passed + failed (suppressed and baselined failures count as failed). */
  readonly assessed: number;
  readonly passed: number;
  readonly failed: number;
  readonly notAssessed: number;
  readonly providerManaged: number;
}

function emptySeverityCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

/** One pass over a list of findings: what every format and the verdict count, kept per list. */
interface FindingTally {
  readonly byStatus: Readonly<Record<Finding['status'], number>>;
  /** `fail` findings by severity, each root cause once (implied ones left out). */
  readonly failed: Readonly<SeverityCounts>;
  /** `fail` findings nested under a root cause. */
  readonly implied: number;
}

/** The formats and the verdict each count the same list several times; a large scan lists 100,000 findings. */
const tallies = new WeakMap<readonly Finding[], FindingTally>();

function tallyFindings(findings: readonly Finding[]): FindingTally {
  const known = tallies.get(findings);
  if (known !== undefined) return known;
  const byStatus = { fail: 0, 'not-assessed': 0, 'provider-managed': 0, suppressed: 0 };
  const failed = emptySeverityCounts();
  let implied = 0;
  for (const finding of findings) {
    byStatus[finding.status] += 1;
    if (finding.status !== 'fail') continue;
    if (finding.impliedBy === undefined) failed[finding.severity] += 1;
    else implied += 1;
  }
  const tally = { byStatus, failed, implied };
  tallies.set(findings, tally);
  return tally;
}

/** Failures by severity, each root cause once: a finding implied by another (`impliedBy`) is counted under it. */
export function countFailedBySeverity(findings: readonly Finding[]): SeverityCounts {
  return { ...tallyFindings(findings).failed };
}

/** Failures nested under a root cause, left out of the counts and of `--fail-on`. */
export function countImplied(findings: readonly Finding[]): number {
  return tallyFindings(findings).implied;
}

/** Findings of one status. */
export function countStatus(findings: readonly Finding[], status: Finding['status']): number {
  return tallyFindings(findings).byStatus[status];
}

export function sumCounts(counts: SeverityCounts): number {
  return SEVERITIES.reduce((total, severity) => total + counts[severity], 0);
}

const NO_CHECKS: Coverage = { passed: 0, failed: 0, notAssessed: 0, providerManaged: 0 };

/** A summary while its findings are tallied. */
type SurfaceTally = { -readonly [K in keyof SurfaceSummary]: SurfaceSummary[K] } & { findings: Finding[] };

/** Summaries are read by the verdict and by every format of one run: one pass over the findings, kept per result. */
const summaries = new WeakMap<AuditResult, SurfaceSummary[]>();

/** One summary per surface, in the seeds' order, whether or not the surface has findings. */
export function summarizeSurfaces(result: AuditResult): SurfaceSummary[] {
  const known = summaries.get(result);
  if (known !== undefined) return known;
  const tallies = SURFACES.map((surface): SurfaceTally => ({
    surface,
    title: SURFACE_TITLES[surface],
    failed: emptySeverityCounts(),
    notAssessed: 0,
    providerManaged: 0,
    suppressed: 0,
    blockedAtAdmission: 0,
    // The record is typed total, but a hand-built result may lack a surface: treat it as no checks.
    coverage: (result.coverage as Partial<Record<Surface, Coverage>>)[surface] ?? NO_CHECKS,
    findings: [],
  }));
  const bySurface = new Map(tallies.map((tally) => [tally.surface, tally]));
  for (const finding of result.findings) {
    const tally = bySurface.get(finding.surface);
    if (tally === undefined) continue;
    tally.findings.push(finding);
    if (finding.status === 'fail') {
      if (finding.impliedBy === undefined) tally.failed[finding.severity] += 1;
      if (finding.admission !== undefined) tally.blockedAtAdmission += 1;
    } else if (finding.status === 'not-assessed') tally.notAssessed += 1;
    else if (finding.status === 'provider-managed') tally.providerManaged += 1;
    else tally.suppressed += 1;
  }
  summaries.set(result, tallies);
  return tallies;
}

export function checkCount(coverage: Coverage): number {
  return coverage.passed + coverage.failed + coverage.notAssessed + coverage.providerManaged;
}

export function totalCoverage(result: AuditResult): CoverageTotals {
  let passed = 0;
  let failed = 0;
  let notAssessed = 0;
  let providerManaged = 0;
  for (const surface of SURFACES) {
    const coverage = (result.coverage as Partial<Record<Surface, Coverage>>)[surface] ?? NO_CHECKS;
    passed += coverage.passed;
    failed += coverage.failed;
    notAssessed += coverage.notAssessed;
    providerManaged += coverage.providerManaged;
  }
  return { assessed: passed + failed, passed, failed, notAssessed, providerManaged };
}

/** `--fail-on` is a severity or `none`; anything else is treated as `none` (the CLI validates it). */
export function parseFailOn(failOn: string): Severity | undefined {
  return SEVERITIES.find((severity) => severity === failOn);
}

/** Findings that fail the run: unsuppressed failures at or above the threshold that no root cause implies. */
export function countFailing(result: AuditResult, failOn: string): number {
  const threshold = parseFailOn(failOn);
  if (threshold === undefined) return 0;
  const { failed } = tallyFindings(result.findings);
  return SEVERITIES.filter((severity) => severityRank(severity) >= severityRank(threshold)).reduce(
    (total, severity) => total + failed[severity],
    0,
  );
}
