/** @module The detailed terminal report (`--details`, `--verbose`): every finding by surface in the seeds' order, with location, message and fix. */
import type { Finding } from '../engine/finding.js';
import type { AuditResult } from '../engine/run-audit.js';
import type { SurfaceSummary } from './summarize.js';
import { checkCount, summarizeSurfaces, sumCounts } from './summarize.js';
import { SEVERITY_STYLES, describeSeverities, hang } from './terminal-sections.js';
import { findingExtras, impliedRoot } from './finding-extras.js';
import type { Paint } from './text.js';
import { MAX_TEXT_CHARS, sanitizeLine, sanitizeText } from './escape.js';
import { formatLocation, plural } from './text.js';
import { forEachBatch } from './chunked.js';

/** Finding details align under the rule id: two spaces, the eight-wide severity, two spaces. */
const DETAIL = ' '.repeat(12);

/** Marks a failure that admission already rejects, so a reader tells closed gaps from open ones at a glance. */
const ADMISSION_MARKER = '[blocked at admission]';

/** The engines' additions: a severity changed by consequence, other definitions of the subject. */
function extraLines(finding: Finding, paint: Paint): string[] {
  const extras = findingExtras(finding);
  const lines: string[] = [];
  if (extras.baseSeverity !== undefined) {
    const why = extras.severityReason === undefined ? '' : `: ${extras.severityReason}`;
    lines.push(`Severity: ${finding.severity} (base ${extras.baseSeverity}${why})`);
  }
  const others = extras.locations.filter((l) => formatLocation(l) !== formatLocation(finding.location));
  if (others.length > 0) lines.push(`Also at: ${others.map(formatLocation).join(', ')}`);
  return lines.flatMap((line) => hang(DETAIL, sanitizeText(line), paint).map((l) => paint(l, 'dim')));
}

/** A finding implied by a root cause, one line under the root. */
function renderImplied(finding: Finding, paint: Paint): string[] {
  const head = [
    `implied: ${finding.severity}`,
    finding.ruleId,
    finding.subject.display,
    formatLocation(finding.location),
  ].join('  ');
  return hang(`${DETAIL}↳ `, sanitizeLine(head, MAX_TEXT_CHARS), paint).map((l) => paint(l, 'dim'));
}

/**
 * The wrapped, painted `Fix:` lines of a fix text, rendered once per text: the findings of one rule mostly
 * share their rule's fix, and a large cluster has tens of thousands of them. Lives for one report.
 */
type FixLines = (fix: string) => readonly string[];

function fixLinesOf(paint: Paint): FixLines {
  const known = new Map<string, readonly string[]>();
  return (fix) => {
    let lines = known.get(fix);
    if (lines === undefined) {
      lines = hang(DETAIL, `Fix: ${sanitizeText(fix)}`, paint).map((line) => paint(line, 'green'));
      known.set(fix, lines);
    }
    return lines;
  };
}

function renderFailure(
  finding: Finding,
  paint: Paint,
  fixLines: FixLines,
  implied: readonly Finding[] = [],
): string[] {
  const severity = finding.severity.toUpperCase().padEnd(8);
  const marker = finding.admission === undefined ? '' : `  ${ADMISSION_MARKER}`;
  const head = `${sanitizeLine(finding.ruleId)}  ${sanitizeLine(finding.subject.display)}${marker}`;
  const where = [formatLocation(finding.location), finding.path ?? ''].filter((s) => s !== '').join('  ');
  return [
    ...hang(`  ${severity}  `, head, paint, SEVERITY_STYLES[finding.severity]),
    ...hang(DETAIL, sanitizeLine(where, MAX_TEXT_CHARS), paint).map((line) => paint(line, 'cyan')),
    ...hang(DETAIL, sanitizeText(finding.message), paint),
    ...(finding.admission === undefined
      ? []
      : hang(DETAIL, sanitizeText(finding.admission), paint).map((line) => paint(line, 'magenta'))),
    ...fixLines(finding.fix),
    ...(finding.notes ?? []).flatMap((note) =>
      hang(DETAIL, `Note: ${sanitizeText(note)}`, paint).map((line) => paint(line, 'yellow')),
    ),
    ...extraLines(finding, paint),
    ...implied.flatMap((f) => renderImplied(f, paint)),
    '',
  ];
}

/** Implied findings by the key of their root (its fingerprint or rule id), and the keys of every root. */
export function nestImplied(findings: readonly Finding[]): {
  readonly under: (root: Finding) => readonly Finding[];
  readonly isNested: (finding: Finding) => boolean;
} {
  const keys = new Set(findings.flatMap((f) => [f.fingerprint, f.ruleId]));
  const byRoot = new Map<string, Finding[]>();
  const nested = new Set<Finding>();
  for (const f of findings) {
    const root = impliedRoot(f);
    if (root === undefined || !keys.has(root) || f.status !== 'fail') continue;
    const list = byRoot.get(root);
    if (list === undefined) byRoot.set(root, [f]);
    else list.push(f);
    nested.add(f);
  }
  const taken = new Set<string>();
  return {
    under: (root) =>
      [root.fingerprint, root.ruleId].flatMap((key) => {
        if (taken.has(key)) return [];
        taken.add(key);
        return byRoot.get(key) ?? [];
      }),
    isNested: (f) => nested.has(f),
  };
}

function renderNotAssessed(findings: readonly Finding[], paint: Paint): string[] {
  if (findings.length === 0) return [];
  const lines = [paint(`  Not assessed (${findings.length})`, 'bold')];
  for (const finding of findings) {
    const head = [finding.ruleId, finding.subject.display, formatLocation(finding.location)];
    // Continuation lines sit deeper than the entry, so a wrapped location is not read as the next entry.
    lines.push(...hang('    ', sanitizeLine(head.join('  '), MAX_TEXT_CHARS), paint, [], 6));
    lines.push(...hang('      ', sanitizeText(finding.message), paint).map((line) => paint(line, 'dim')));
  }
  return lines;
}

function renderProviderManaged(findings: readonly Finding[], paint: Paint): string[] {
  if (findings.length === 0) return [];
  const list = findings.map((f) => `${f.ruleId} (${f.subject.display})`).join(', ');
  return hang(`  Provider-managed (${findings.length}): `, sanitizeLine(list, MAX_TEXT_CHARS), paint, [
    'bold',
  ]);
}

/** Suppressed findings are summarised by source and reason: the reasons are what a reviewer audits. */
function renderSuppressed(findings: readonly Finding[], paint: Paint): string[] {
  if (findings.length === 0) return [];
  const groups = new Map<string, number>();
  for (const finding of findings) {
    const s = finding.suppression;
    const key = s
      ? `by ${s.source} "${s.reason}"${s.expires === undefined ? '' : ` until ${s.expires}`}`
      : 'with no recorded reason';
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const text = [...groups].map(([key, n]) => `${n} ${key}`).join('; ');
  return hang(`  Suppressed (${findings.length}): `, sanitizeText(text).replace(/\n/g, ' '), paint, ['bold']);
}

function describeSurface(summary: SurfaceSummary): string {
  const failed = sumCounts(summary.failed);
  const parts = [
    ...(failed > 0 ? [`${failed} failed (${describeSeverities(summary.failed)})`] : []),
    ...(summary.blockedAtAdmission > 0 ? [`${summary.blockedAtAdmission} blocked at admission`] : []),
    ...(summary.notAssessed > 0 ? [`${summary.notAssessed} not assessed`] : []),
    ...(summary.providerManaged > 0 ? [`${summary.providerManaged} provider-managed`] : []),
    ...(summary.suppressed > 0 ? [`${summary.suppressed} suppressed`] : []),
  ];
  return parts.length === 0 ? 'no findings' : parts.join(', ');
}

/** passed + failed = assessed; not-assessed and provider-managed are said separately, never folded into a pass. */
function describeCoverage(summary: SurfaceSummary): string {
  const { passed, failed, notAssessed, providerManaged } = summary.coverage;
  const total = checkCount(summary.coverage);
  const assessed = `${passed + failed} of ${plural(total, 'check')} assessed (${passed} passed, ${failed} failed)`;
  return [
    assessed,
    `${notAssessed} not assessed`,
    ...(providerManaged > 0 ? [`${providerManaged} provider-managed`] : []),
  ].join(', ');
}

function renderSurface(
  summary: SurfaceSummary,
  paint: Paint,
  nesting: ReturnType<typeof nestImplied>,
  fixLines: FixLines,
  emit: (lines: readonly string[]) => void,
): void {
  const byStatus = (status: Finding['status']) => summary.findings.filter((f) => f.status === status);
  const failures = byStatus('fail').filter((f) => !nesting.isNested(f));
  emit([
    ...hang(`${summary.title}: `, describeSurface(summary), paint, ['bold']),
    ...hang('  coverage: ', describeCoverage(summary), paint).map((line) => paint(line, 'dim')),
    '',
  ]);
  // A batch of failures at a time: a large cluster's details are never held as one list of lines.
  forEachBatch(failures, (batch) => {
    emit(batch.flatMap((f) => renderFailure(f, paint, fixLines, nesting.under(f))));
  });
  const rest = [
    ...renderNotAssessed(byStatus('not-assessed'), paint),
    ...renderProviderManaged(byStatus('provider-managed'), paint),
    ...renderSuppressed(byStatus('suppressed'), paint),
  ];
  emit(rest);
  // A surface ending in a compact block gets its own separating blank line (the head and a failure end with one).
  if (rest.length > 0 && rest.at(-1) !== '') emit(['']);
}

/** Every surface that ran a check, its lines handed to `emit` a surface head and a batch of failures at a time. */
export function renderSurfaces(
  result: AuditResult,
  paint: Paint,
  emit: (lines: readonly string[]) => void,
): void {
  const nesting = nestImplied(result.findings);
  const fixLines = fixLinesOf(paint);
  const idle: string[] = [];
  for (const summary of summarizeSurfaces(result)) {
    if (summary.findings.length === 0 && checkCount(summary.coverage) === 0) {
      idle.push(summary.title);
      continue;
    }
    renderSurface(summary, paint, nesting, fixLines, emit);
  }
  if (idle.length > 0) emit([...hang('No checks ran for: ', idle.join(', '), paint, ['bold']), '']);
}
