/** @module The Markdown report: a PR comment or job summary, tables by surface with details folded away. */
import type { Finding } from '../engine/finding.js';
import type { AuditResult } from '../engine/run-audit.js';
import { SEVERITIES } from '../rules/types.js';
import { TOOL_NAME } from '../version.js';
import type { Formatter, ReportContext } from './formatter.js';
import { MAX_LANDINGS, pathText, shortName } from './blast-radius.js';
import { ruleHelpUri } from './sarif-rules.js';
import type { SurfaceSummary } from './summarize.js';
import {
  checkCount,
  countFailedBySeverity,
  countFailing,
  parseFailOn,
  summarizeSurfaces,
  sumCounts,
} from './summarize.js';
import { MAX_VALUE_CHARS, escapeCell } from './escape.js';
import { formatLocation, plural } from './text.js';

/** GitHub caps a comment at 65,536 characters; past this many rows per table the rest is counted, not listed. */
export const MAX_ROWS = 50;

const SEVERITY_LABELS = SEVERITIES.map((s) => s.charAt(0).toUpperCase() + s.slice(1));

function ruleLink(ruleId: string): string {
  return `[${escapeCell(ruleId)}](${ruleHelpUri(encodeURIComponent(ruleId))})`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

function capped<T>(items: readonly T[]): { shown: readonly T[]; note: string[] } {
  if (items.length <= MAX_ROWS) return { shown: items, note: [] };
  const more = items.length - MAX_ROWS;
  return {
    shown: items.slice(0, MAX_ROWS),
    note: ['', `_…and ${more} more: see the JSON or SARIF report._`],
  };
}

function summaryTable(summaries: readonly SurfaceSummary[]): string[] {
  const rows = summaries
    .filter((s) => s.findings.length > 0 || checkCount(s.coverage) > 0)
    .map((s) => [
      s.title,
      ...SEVERITIES.map((severity) => String(s.failed[severity])),
      String(s.notAssessed),
      String(s.suppressed),
      `${s.coverage.passed + s.coverage.failed} / ${checkCount(s.coverage)}`,
    ]);
  if (rows.length === 0) return ['_No checks ran._'];
  return table(['Surface', ...SEVERITY_LABELS, 'Not assessed', 'Suppressed', 'Assessed'], rows);
}

function failureRows(findings: readonly Finding[]): string[] {
  const { shown, note } = capped(findings);
  const rows = shown.map((f) => [
    f.severity,
    ruleLink(f.ruleId),
    escapeCell(f.subject.display, MAX_VALUE_CHARS),
    escapeCell([formatLocation(f.location), f.path ?? ''].filter((s) => s !== '').join(' ')),
    escapeCell(
      [
        f.message,
        ...(f.admission === undefined ? [] : [f.admission]),
        ...(f.notes ?? []).map((n) => `Note: ${n}`),
      ].join('\n'),
    ),
  ]);
  return [...table(['Severity', 'Rule', 'Subject', 'Location', 'Message'], rows), ...note];
}

function details(summary: string, body: readonly string[]): string[] {
  return ['', '<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>'];
}

function notAssessedDetails(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return [];
  const { shown, note } = capped(findings);
  const rows = shown.map((f) => [
    f.status,
    ruleLink(f.ruleId),
    escapeCell(f.subject.display, MAX_VALUE_CHARS),
    escapeCell(formatLocation(f.location)),
    escapeCell(f.message),
  ]);
  const body = [...table(['Status', 'Rule', 'Subject', 'Location', 'Reason'], rows), ...note];
  return details(`Not assessed or provider-managed (${findings.length})`, body);
}

function suppressedDetails(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return [];
  const { shown, note } = capped(findings);
  const rows = shown.map((f) => [
    ruleLink(f.ruleId),
    escapeCell(f.subject.display, MAX_VALUE_CHARS),
    f.suppression?.source ?? '',
    escapeCell(f.suppression?.reason ?? ''),
    escapeCell(f.suppression?.expires ?? ''),
  ]);
  const body = [...table(['Rule', 'Subject', 'Source', 'Reason', 'Expires'], rows), ...note];
  return details(`Suppressed (${findings.length})`, body);
}

function surfaceSection(summary: SurfaceSummary): string[] {
  if (summary.findings.length === 0) return [];
  const failures = summary.findings.filter((f) => f.status === 'fail');
  const blocked =
    summary.blockedAtAdmission === 0
      ? []
      : [
          '',
          `_${plural(summary.blockedAtAdmission, 'failure')} already blocked at admission (Pod Security Admission): marked in the Message column._`,
        ];
  return [
    '',
    `### ${summary.title}`,
    ...blocked,
    ...(failures.length === 0 ? [] : ['', ...failureRows(failures)]),
    ...notAssessedDetails(
      summary.findings.filter((f) => f.status === 'not-assessed' || f.status === 'provider-managed'),
    ),
    ...suppressedDetails(summary.findings.filter((f) => f.status === 'suppressed')),
  ];
}

function heading(result: AuditResult, context: ReportContext): string {
  const threshold = parseFailOn(context.failOn);
  const failed = sumCounts(countFailedBySeverity(result.findings));
  if (threshold === undefined)
    return `## ${TOOL_NAME}: ${failed} failed ${failed === 1 ? 'check' : 'checks'}`;
  const failing = countFailing(result, context.failOn);
  return failing === 0
    ? `## ${TOOL_NAME}: no findings at or above ${threshold}`
    : `## ${TOOL_NAME}: ${failing} ${failing === 1 ? 'finding' : 'findings'} at or above ${threshold}`;
}

function bookkeeping(result: AuditResult, context: ReportContext): string[] {
  const problems = context.diagnostics.filter((d) => d.level !== 'info');
  const diagnosticRows = problems.map((d) => [
    d.level,
    escapeCell(`${d.file}${d.line === undefined ? '' : `:${d.line}`}`),
    d.code,
    escapeCell(d.message),
  ]);
  const suppressionRows = [
    ...result.suppressionProblems.map((p) => [
      'problem',
      escapeCell(p.message),
      escapeCell(p.at ? formatLocation(p.at) : ''),
    ]),
    ...result.unusedSuppressions.map((u) => [
      'unused',
      escapeCell(u.description),
      escapeCell(u.at ? formatLocation(u.at) : ''),
    ]),
  ];
  return [
    ...(problems.length === 0
      ? []
      : details(
          `Input diagnostics (${problems.length})`,
          table(['Level', 'Location', 'Code', 'Message'], diagnosticRows),
        )),
    ...(suppressionRows.length === 0
      ? []
      : details(
          `Suppression bookkeeping (${suppressionRows.length})`,
          table(['Kind', 'Suppression', 'Location'], suppressionRows),
        )),
  ];
}

function blastRadiusSection(landings: ReportContext['blastRadius']): string[] {
  if (landings === undefined) return [];
  const lines = ['', `### Blast radius of internet-exposed workloads (${landings.length})`, ''];
  if (landings.length === 0) return [...lines, 'No workload is reachable from the internet.'];
  lines.push('| Workload | Reaches | Shortest paths |', '|---|---|---|');
  for (const landing of landings.slice(0, MAX_LANDINGS)) {
    const paths = landing.paths.map((p) => escapeCell(pathText(p))).join('<br>');
    lines.push(
      `| ${escapeCell(shortName(landing), MAX_VALUE_CHARS)} | ${escapeCell(landing.summary)} | ${paths || 'none'} |`,
    );
  }
  if (landings.length > MAX_LANDINGS)
    lines.push('', `_… and ${landings.length - MAX_LANDINGS} more: \`aksward paths\` lists them all._`);
  return lines;
}

export const formatMarkdown: Formatter = (result, context) => {
  const summaries = summarizeSurfaces(result);
  const errors = context.diagnostics.filter((d) => d.level === 'error').length;
  const lines = [
    heading(result, context),
    '',
    [
      `${TOOL_NAME} ${escapeCell(context.version)}`,
      plural(result.rulesRun.length, 'rule'),
      plural(context.inputs.length, 'input'),
      ...(result.baselined > 0 ? [`${result.baselined} hidden by the baseline`] : []),
    ].join(' · '),
    ...(errors > 0
      ? ['', `> [!WARNING]`, `> ${plural(errors, 'input error')}: part of the input was not scanned.`]
      : []),
    '',
    ...summaryTable(summaries),
    ...summaries.flatMap(surfaceSection),
    ...blastRadiusSection(context.blastRadius),
    ...bookkeeping(result, context),
  ];
  return `${lines.join('\n')}\n`;
};
