/**
 * @module The Markdown report: a PR comment or job summary. A summary per surface, one row per failing
 * rule, then the findings worst first until the report would pass 60,000 characters (GitHub caps a comment
 * at 65,536): what is cut is counted by severity, with where the full report is.
 */
import type { Finding } from '../engine/finding.js';
import type { AuditResult } from '../engine/run-audit.js';
import { SEVERITIES } from '../rules/types.js';
import { TOOL_NAME } from '../version.js';
import type { Formatter, ReportContext, ReportScope } from './formatter.js';
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
import { MAX_TEXT_CHARS, MAX_VALUE_CHARS, escapeCell, markdownInline } from './escape.js';
import { findingExtras } from './finding-extras.js';
import { describeScopes } from './terminal-sections.js';
import { formatLocation, plural } from './text.js';
import { firstSubjects, groupFailuresByRule, rankFindings } from './terminal-summary.js';
import { decideVerdict } from './verdict.js';

/** Past this many rows a folded table (not assessed, suppressed) is counted, not listed. */
export const MAX_ROWS = 50;

/** The report stays under this many characters: a pull-request comment holds 65,536. */
export const MAX_MARKDOWN_CHARS = 60_000;

/** Kept free for the cut notice and the closing sections, from the findings' budget. */
const RESERVE_CHARS = 2_000;

const SEVERITY_LABELS = SEVERITIES.map((s) => s.charAt(0).toUpperCase() + s.slice(1));

function ruleLink(ruleId: string): string {
  return `[${escapeCell(ruleId)}](${ruleHelpUri(encodeURIComponent(ruleId))})`;
}

const tableRow = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [tableRow(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(tableRow)];
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

/** Other definitions named in a Location cell; the JSON and SARIF reports list them all. */
const OTHER_LOCATIONS_SHOWN = 2;

/** "also in a.yaml:3, b.yaml:9 (+N more)": the subject's other definitions, or nothing when it has none. */
function otherLocations(finding: Finding): string {
  const first = formatLocation(finding.location);
  const others = [...new Set(findingExtras(finding).locations.map(formatLocation))].filter(
    (l) => l !== first,
  );
  if (others.length === 0) return '';
  const more = others.length - OTHER_LOCATIONS_SHOWN;
  return `also in ${others.slice(0, OTHER_LOCATIONS_SHOWN).join(', ')}${more > 0 ? ` (+${more} more)` : ''}`;
}

function locationCell(finding: Finding, withPath: boolean): string {
  const path = withPath ? (finding.path ?? '') : '';
  const here = [formatLocation(finding.location), path].filter((s) => s !== '').join(' ');
  const also = otherLocations(finding);
  return escapeCell(also === '' ? here : `${here}\n${also}`);
}

const FAILURE_COLUMNS = ['Severity', 'Rule', 'Subject', 'Location', 'Message'];

/** One failure as a table row. */
function failureRow(f: Finding): string {
  return tableRow([
    f.severity,
    ruleLink(f.ruleId),
    escapeCell(f.subject.display, MAX_VALUE_CHARS),
    locationCell(f, true),
    escapeCell(
      [
        f.message,
        ...(f.admission === undefined ? [] : [f.admission]),
        ...(f.notes ?? []).map((n) => `Note: ${n}`),
      ].join('\n'),
    ),
  ]);
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
    locationCell(f, false),
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

/** One row per failing rule, worst first: severity, rule, findings, first subjects, the fix once. */
function rulesTable(result: AuditResult, context: ReportContext): string[] {
  const groups = groupFailuresByRule(result.findings);
  if (groups.length === 0) return [];
  const rules = new Map(context.rules.map((r) => [r.id, r]));
  const rows = groups.map((g) => [
    g.worst,
    ruleLink(g.ruleId),
    String(g.findings.length),
    escapeCell(firstSubjects(g.findings, 80), MAX_VALUE_CHARS),
    escapeCell(rules.get(g.ruleId)?.remediation.summary ?? g.findings[0]?.fix ?? ''),
  ]);
  return [
    '',
    `### Failing rules (${groups.length})`,
    '',
    ...table(['Severity', 'Rule', 'Findings', 'Subjects', 'Fix'], rows),
  ];
}

/** Where the full report is, for the cut notice. */
function fullReportHint(context: ReportContext): string {
  return context.fullReport === undefined
    ? 'run `aksward scan -o report.sarif` (or `-o report.json`) for the full report'
    : `the full report is \`${escapeCell(context.fullReport, MAX_VALUE_CHARS)}\``;
}

/**
 * The failing findings, worst first (then by surface), as many as `budget` characters hold; then a line
 * counting by severity what was cut and saying where the full report is.
 */
function findingsSection(result: AuditResult, context: ReportContext, budget: number): string[] {
  const failures = rankFindings(result.findings);
  if (failures.length === 0) return [];
  const blocked = failures.filter((f) => f.admission !== undefined).length;
  const head = [
    '',
    `### Findings (${failures.length}), worst first`,
    ...(blocked === 0
      ? []
      : [
          '',
          `_${plural(blocked, 'failure')} already blocked at admission (Pod Security Admission): marked in the Message column._`,
        ]),
    '',
  ];
  // Rows are rendered only until the budget is spent: a large cluster has tens of thousands of failures.
  const lines = [...head, ...table(FAILURE_COLUMNS, [])];
  let size = lines.join('\n').length;
  let shown = 0;
  for (const failure of failures) {
    const row = failureRow(failure);
    if (size + row.length + 1 > budget) break;
    lines.push(row);
    size += row.length + 1;
    shown += 1;
  }
  if (shown === failures.length) return lines;
  const cut = countFailedBySeverity(failures.slice(shown));
  const counts = SEVERITIES.filter((sev) => cut[sev] > 0)
    .map((sev) => `${cut[sev]} ${sev}`)
    .join(', ');
  return [
    ...lines,
    '',
    `_Cut to stay under ${MAX_MARKDOWN_CHARS.toLocaleString('en-US')} characters: ${plural(failures.length - shown, 'more finding')} not listed (${counts}); ${fullReportHint(context)}._`,
  ];
}

/** The clusters the inputs form, when more than one: each was audited on its own (the JSON report lists their files). */
function scopeStatement(scopes: readonly ReportScope[] = []): string[] {
  if (scopes.length < 2) return [];
  return ['', `Scope: ${markdownInline(describeScopes(scopes), MAX_TEXT_CHARS)}.`];
}

function heading(result: AuditResult, context: ReportContext): string {
  const verdict = decideVerdict(result, context);
  if (verdict.kind === 'not-assessed') return `## ${TOOL_NAME}: not assessed`;
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

/** Lines joined, cut at a whole line to stay under `limit` (the last guard: sections are budgeted before). */
function within(lines: readonly string[], limit: number): string {
  let text = '';
  for (const line of lines) {
    if (text.length + line.length + 1 > limit)
      return `${text}\n_Report cut at ${limit.toLocaleString('en-US')} characters._\n`;
    text += `${line}\n`;
  }
  return text;
}

export const formatMarkdown: Formatter = (result, context) => {
  const summaries = summarizeSurfaces(result);
  const errors = context.diagnostics.filter((d) => d.level === 'error').length;
  const verdict = decideVerdict(result, context);
  const top = [
    heading(result, context),
    '',
    [
      `${TOOL_NAME} ${escapeCell(context.version)}`,
      plural(result.rulesRun.length, 'rule'),
      plural(context.inputs.length, 'input'),
      ...(result.baselined > 0 ? [`${result.baselined} hidden by the baseline`] : []),
    ].join(' · '),
    ...scopeStatement(context.scopes),
    ...(errors > 0
      ? ['', `> [!WARNING]`, `> ${plural(errors, 'input error')}: part of the input was not scanned.`]
      : verdict.kind === 'not-assessed'
        ? ['', `> [!WARNING]`, `> NOT ASSESSED: ${escapeCell(verdict.text)}.`]
        : []),
    '',
    ...summaryTable(summaries),
    ...rulesTable(result, context),
  ];
  const tail = [
    ...notAssessedDetails(
      result.findings.filter((f) => f.status === 'not-assessed' || f.status === 'provider-managed'),
    ),
    ...suppressedDetails(result.findings.filter((f) => f.status === 'suppressed')),
    ...blastRadiusSection(context.blastRadius),
    ...bookkeeping(result, context),
  ];
  const fixed = top.join('\n').length + tail.join('\n').length;
  const budget = MAX_MARKDOWN_CHARS - RESERVE_CHARS - fixed;
  return within([...top, ...findingsSection(result, context, budget), ...tail], MAX_MARKDOWN_CHARS);
};
