/** @module The terminal report's framing sections: inputs, diagnostics, suppression bookkeeping, totals, verdict. */
import type { Finding } from '../engine/finding.js';
import type { AuditResult } from '../engine/run-audit.js';
import type { Diagnostic, InputRecord } from '../load/diagnostics.js';
import type { Severity } from '../rules/types.js';
import { SEVERITIES } from '../rules/types.js';
import type { ReportContext, ReportScope } from './formatter.js';
import type { SeverityCounts } from './summarize.js';
import { countFailedBySeverity, countImplied, countStatus, sumCounts } from './summarize.js';
import type { VerdictKind } from './verdict.js';
import { decideVerdict } from './verdict.js';
import { collapseDuplicates } from './collapse-diagnostics.js';
import type { Paint, Style } from './text.js';
import { MAX_TEXT_CHARS, sanitizeLine, sanitizeText } from './escape.js';
import { formatLocation, plural, wrap } from './text.js';
import { groupBy } from '../model/group-by.js';

const WIDTH = 100;

export const SEVERITY_STYLES: Readonly<Record<Severity, readonly Style[]>> = {
  critical: ['red', 'bold'],
  high: ['red'],
  medium: ['yellow'],
  low: ['blue'],
  info: ['gray'],
};

/** A label followed by wrapped text; continuation lines align under the text, or at `indent` when given. */
export function hang(
  label: string,
  text: string,
  paint: Paint,
  labelStyles: readonly Style[] = [],
  indent = label.length,
): string[] {
  const lines = wrap(text, Math.max(WIDTH - Math.max(label.length, indent), 20));
  const pad = ' '.repeat(indent);
  return lines.map((line, i) => (i === 0 ? paint(label, ...labelStyles) : pad) + line);
}

/** "2 critical, 1 high": non-zero severities only, worst first. */
export function describeSeverities(counts: SeverityCounts): string {
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}

function describeRead(records: readonly InputRecord[]): string {
  const byFormat = new Map<string, { files: number; objects: number }>();
  for (const record of records) {
    if (record.format === undefined) continue;
    const entry = byFormat.get(record.format) ?? { files: 0, objects: 0 };
    byFormat.set(record.format, { files: entry.files + 1, objects: entry.objects + record.objects });
  }
  return [...byFormat]
    .map(([format, n]) => `${plural(n.files, `${format} file`)} (${plural(n.objects, 'object')})`)
    .join(', ');
}

/** Files named per reason before the rest are only counted: a repository of many modules shares one note. */
const FILES_PER_REASON = 3;

/** Skipped inputs and notes, one line per distinct reason, in first-seen order. */
function groupByReason(inputs: readonly InputRecord[], skipped: boolean): Map<string, string[]> {
  const listed = inputs.filter(
    (record) => record.reason !== undefined && (record.format === undefined) === skipped,
  );
  const groups = groupBy(listed, (record) => record.reason ?? '');
  return new Map([...groups].map(([reason, records]) => [reason, records.map((record) => record.file)]));
}

function describeGroup(reason: string, files: readonly string[]): string {
  if (files.length === 1) return `${files[0] ?? ''}: ${reason}`;
  const shown = files.slice(0, FILES_PER_REASON).join(', ');
  const more = files.length > FILES_PER_REASON ? ` and ${files.length - FILES_PER_REASON} more` : '';
  return `${reason} (${files.length} inputs): ${shown}${more}`;
}

/** "3 clusters: a (kustomization), b (folder), c (file)": stated only when the inputs form more than one. */
export function describeScopes(scopes: readonly ReportScope[]): string {
  const shown = scopes.slice(0, SCOPES_SHOWN).map((scope) => `${scope.name} (${scope.reason})`);
  const more = scopes.length > SCOPES_SHOWN ? ` and ${String(scopes.length - SCOPES_SHOWN)} more` : '';
  return `${String(scopes.length)} clusters, each analysed on its own: ${shown.join(', ')}${more}`;
}

/** Scopes named in the inputs section; the JSON report lists them all. */
const SCOPES_SHOWN = 8;

export function renderInputs(
  inputs: readonly InputRecord[],
  paint: Paint,
  scopes: readonly ReportScope[] = [],
): string[] {
  const lines = [paint('Inputs', 'bold')];
  if (inputs.length === 0) return [...lines, '  none', ''];
  const read = describeRead(inputs);
  if (read !== '') lines.push(...hang('  read     ', sanitizeLine(read, MAX_TEXT_CHARS), paint));
  if (scopes.length > 1)
    lines.push(...hang('  scope    ', sanitizeLine(describeScopes(scopes), MAX_TEXT_CHARS), paint));
  for (const [reason, files] of groupByReason(inputs, false)) {
    lines.push(
      ...hang('  note     ', sanitizeLine(describeGroup(reason, files), MAX_TEXT_CHARS), paint, ['dim']),
    );
  }
  for (const record of inputs) {
    if (record.assumed === undefined) continue;
    const text = `${record.file}: ${record.assumed}`;
    lines.push(...hang('  assumed  ', sanitizeLine(text, MAX_TEXT_CHARS), paint, ['yellow']));
  }
  for (const [reason, files] of groupByReason(inputs, true)) {
    lines.push(
      ...hang('  skipped  ', sanitizeLine(describeGroup(reason, files), MAX_TEXT_CHARS), paint, ['yellow']),
    );
  }
  return [...lines, ''];
}

const LEVEL_STYLES: Readonly<Record<Diagnostic['level'], readonly Style[]>> = {
  error: ['red', 'bold'],
  warning: ['yellow'],
  info: ['dim'],
};

export function renderDiagnostics(all: readonly Diagnostic[], paint: Paint): string[] {
  if (all.length === 0) return [];
  const diagnostics = collapseDuplicates(all);
  const count = (level: Diagnostic['level']) => all.filter((d) => d.level === level).length;
  const tally = [
    plural(count('error'), 'error'),
    plural(count('warning'), 'warning'),
    ...(count('info') > 0 ? [`${count('info')} info`] : []),
  ];
  const lines = [`${paint('Diagnostics', 'bold')}: ${tally.join(', ')}`];
  for (const d of diagnostics) {
    const line = d.line === undefined ? '' : `:${d.line}${d.column === undefined ? '' : `:${d.column}`}`;
    const text = `${sanitizeLine(d.file)}${line}  ${d.code}  ${sanitizeText(d.message)}`;
    lines.push(...hang(`  ${d.level.padEnd(9)}`, text, paint, LEVEL_STYLES[d.level]));
  }
  return [...lines, ''];
}

export function renderSuppressionBookkeeping(result: AuditResult, paint: Paint): string[] {
  const lines: string[] = [];
  if (result.suppressionProblems.length > 0) {
    lines.push(paint(`Suppression problems (${result.suppressionProblems.length})`, 'bold'));
    for (const problem of result.suppressionProblems) {
      const at = problem.at ? `${sanitizeLine(formatLocation(problem.at))}  ` : '';
      lines.push(...hang('  ', `${at}${sanitizeText(problem.message)}`, paint));
    }
    lines.push('');
  }
  if (result.unusedSuppressions.length > 0) {
    lines.push(paint(`Unused suppressions (${result.unusedSuppressions.length})`, 'bold'));
    for (const unused of result.unusedSuppressions) {
      const at = unused.at ? ` (${sanitizeLine(formatLocation(unused.at))})` : '';
      lines.push(...hang('  ', `${sanitizeText(unused.description)}${at}`, paint, ['dim']));
    }
    lines.push('');
  }
  return lines;
}

export function renderTotals(result: AuditResult, paint: Paint): string[] {
  const failed = countFailedBySeverity(result.findings);
  const implied = countImplied(result.findings);
  const count = (status: Finding['status']) => countStatus(result.findings, status);
  const parts = [
    sumCounts(failed) === 0 ? '0 failed' : `${sumCounts(failed)} failed (${describeSeverities(failed)})`,
    ...(implied === 0 ? [] : [`${implied} implied by a root cause (counted under it)`]),
    `${count('not-assessed')} not assessed`,
    `${count('provider-managed')} provider-managed`,
    `${count('suppressed')} suppressed`,
    `${result.baselined} hidden by the baseline`,
  ];
  return hang('Totals: ', parts.join(', '), paint, ['bold']);
}

const VERDICT_STYLES: Readonly<Record<VerdictKind, readonly Style[]>> = {
  fail: ['red', 'bold'],
  pass: ['green', 'bold'],
  done: ['bold'],
  incomplete: ['yellow', 'bold'],
  'not-assessed': ['yellow', 'bold'],
};

/** The last line: the outcome relative to `--fail-on`, or why the scan cannot give one (never PASS then). */
export function renderVerdict(result: AuditResult, context: ReportContext, paint: Paint): string[] {
  const verdict = decideVerdict(result, context);
  return hang(`${verdict.word}  `, verdict.text, paint, VERDICT_STYLES[verdict.kind]);
}
