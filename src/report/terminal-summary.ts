/**
 * @module The sections of the default terminal report: the control table (one row per surface), one line
 * per failing rule with its first subjects and its fix once, the rules that could not be assessed, and the
 * top findings by attacker gain.
 */
import type { Finding } from '../engine/finding.js';
import type { AuditResult } from '../engine/run-audit.js';
import type { AnyRule } from '../rules/define-rule.js';
import type { Severity } from '../rules/types.js';
import { SEVERITIES, severityRank } from '../rules/types.js';
import type { ReportContext } from './formatter.js';
import { MAX_TEXT_CHARS, sanitizeLine, sanitizeText } from './escape.js';
import { findingRank, isImplied } from './finding-extras.js';
import { SEVERITY_STYLES, hang } from './terminal-sections.js';
import { checkCount, countStatus, summarizeSurfaces, sumCounts } from './summarize.js';
import type { Paint } from './text.js';
import { formatLocation, plural, wrap } from './text.js';
import { groupBy } from '../model/group-by.js';

const WIDTH = 100;
/** Rule lines align their subjects and fix under the rule id: two spaces, the eight-wide severity, two spaces. */
const DETAIL = ' '.repeat(12);
/** Findings in the "top findings" section. */
export const TOP_FINDINGS = 10;
/** Lines of fix text per rule; the rest is `aksward explain <rule>`. */
const FIX_LINES = 2;

const SEVERITY_HEADS: Readonly<Record<Severity, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/** `text` cut to `width` characters at a word, with an ellipsis when cut. */
function fit(text: string, width: number): string {
  if (text.length <= width) return text;
  const cut = text.slice(0, width - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > width / 2 ? cut.slice(0, space) : cut}…`;
}

/** One row per surface that ran checks: rules failing of rules run, failures by severity, not assessed. */
export function renderControlTable(result: AuditResult, context: ReportContext, paint: Paint): string[] {
  const head = [
    'Surface'.padEnd(21),
    'Rules failing'.padStart(14),
    ...SEVERITIES.map((s) => SEVERITY_HEADS[s].padStart(8)),
    'Not assessed'.padStart(13),
  ].join(' ');
  const rows: string[] = [];
  const idle: string[] = [];
  for (const summary of summarizeSurfaces(result)) {
    if (summary.findings.length === 0 && checkCount(summary.coverage) === 0) {
      idle.push(summary.title);
      continue;
    }
    const ran = context.rules.filter((r) => r.surface === summary.surface).length;
    const failing = new Set(summary.findings.filter((f) => f.status === 'fail').map((f) => f.ruleId)).size;
    const row = [
      summary.title.padEnd(21),
      `${failing} of ${ran}`.padStart(14),
      ...SEVERITIES.map((s) => String(summary.failed[s]).padStart(8)),
      String(summary.notAssessed).padStart(13),
    ].join(' ');
    rows.push(`  ${sumCounts(summary.failed) > 0 ? row : paint(row, 'dim')}`);
  }
  return [
    paint('Controls by surface', 'bold'),
    paint(`  ${head}`, 'dim'),
    ...rows,
    ...(idle.length > 0 ? hang('  No checks ran for: ', idle.join(', '), paint, ['dim']) : []),
    '',
  ];
}

interface RuleGroup {
  readonly ruleId: string;
  readonly worst: Severity;
  readonly findings: readonly Finding[];
  readonly implied: number;
}

const bySeverity = (a: Finding, b: Finding): number => severityRank(b.severity) - severityRank(a.severity);

/** Failing findings by rule, the worst rule first (then the most findings, then the id). */
export function groupFailuresByRule(findings: readonly Finding[]): RuleGroup[] {
  const groups = groupBy(
    findings.filter((f) => f.status === 'fail'),
    (f) => f.ruleId,
  );
  return [...groups]
    .map(([ruleId, list]) => {
      const sorted = list.sort(bySeverity);
      const worst = sorted[0]?.severity ?? 'info';
      return { ruleId, worst, findings: sorted, implied: list.filter(isImplied).length };
    })
    .sort(
      (a, b) =>
        severityRank(b.worst) - severityRank(a.worst) ||
        b.findings.length - b.implied - (a.findings.length - a.implied) ||
        a.ruleId.localeCompare(b.ruleId),
    );
}

/** "shop/web, shop/db +12 more", as many distinct subjects as fit in `width`. */
export function firstSubjects(findings: readonly Finding[], width: number): string {
  // Each distinct display sanitised once (a rule's findings name thousands of subjects, often repeatedly).
  const raw = new Set(findings.map((f) => f.subject.display));
  const subjects = [...new Set([...raw].map((display) => sanitizeLine(display)))];
  let text = '';
  for (const [i, subject] of subjects.entries()) {
    const rest = subjects.length - i - 1;
    const more = rest > 0 ? ` +${rest} more` : '';
    const next = text === '' ? subject : `${text}, ${subject}`;
    if (next.length + more.length > width && text !== '') return `${text} +${subjects.length - i} more`;
    text = next;
  }
  return fit(text, width);
}

function countText(group: RuleGroup): string {
  const n = group.findings.length;
  const severities = new Set(group.findings.map((f) => f.severity));
  const mix =
    severities.size > 1
      ? ` (${SEVERITIES.filter((s) => severities.has(s))
          .map((s) => `${group.findings.filter((f) => f.severity === s).length} ${s}`)
          .join(', ')})`
      : '';
  const implied = group.implied > 0 ? `, ${group.implied} implied` : '';
  return `${n}${mix}${implied}`;
}

function fixText(group: RuleGroup, rules: ReadonlyMap<string, AnyRule>): string {
  const rule = rules.get(group.ruleId);
  return sanitizeText(rule?.remediation.summary ?? group.findings[0]?.fix ?? '').replace(/\s+/g, ' ');
}

function renderRuleGroup(group: RuleGroup, rules: ReadonlyMap<string, AnyRule>, paint: Paint): string[] {
  const severity = paint(group.worst.toUpperCase().padEnd(8), ...SEVERITY_STYLES[group.worst]);
  const lead = `${sanitizeLine(group.ruleId)}  ${countText(group)}  `;
  const subjects = firstSubjects(group.findings, Math.max(WIDTH - DETAIL.length - lead.length, 24));
  const fix = wrap(`Fix: ${fixText(group, rules)}`, WIDTH - DETAIL.length);
  const shown = fix.slice(0, FIX_LINES);
  if (fix.length > FIX_LINES)
    shown[FIX_LINES - 1] = fit(`${shown[FIX_LINES - 1] ?? ''} …`, WIDTH - DETAIL.length);
  return [`  ${severity}  ${lead}${subjects}`, ...shown.map((line) => paint(`${DETAIL}${line}`, 'green'))];
}

/** Rules that could not decide some subject, with how many: `--details` says why for each. */
function renderUnassessed(result: AuditResult, paint: Paint): string[] {
  const counts = new Map<string, number>();
  for (const f of result.findings)
    if (f.status === 'not-assessed') counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  if (counts.size === 0) return [];
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const list = [...counts].map(([id, n]) => `${id} (${n})`).join(', ');
  return hang(`Not assessed (${total}): `, sanitizeLine(list, MAX_TEXT_CHARS), paint, ['bold']);
}

function renderOtherStatuses(result: AuditResult, paint: Paint): string[] {
  const count = (status: Finding['status']) => countStatus(result.findings, status);
  const parts = [
    ...(count('provider-managed') > 0 ? [`${count('provider-managed')} provider-managed`] : []),
    ...(count('suppressed') > 0 ? [`${count('suppressed')} suppressed`] : []),
    ...(result.baselined > 0 ? [`${result.baselined} hidden by the baseline`] : []),
  ];
  return parts.length === 0
    ? []
    : hang('Not listed: ', `${parts.join(', ')} (see --details)`, paint, ['bold']);
}

/** One line per failing rule, worst first, each with its fix once; then what could not be assessed. */
export function renderFailingRules(result: AuditResult, context: ReportContext, paint: Paint): string[] {
  const groups = groupFailuresByRule(result.findings);
  const rules = new Map(context.rules.map((r) => [r.id, r]));
  const tail = [...renderUnassessed(result, paint), ...renderOtherStatuses(result, paint)];
  const trailer = tail.length === 0 ? [] : [...tail, ''];
  if (groups.length === 0) return [paint('Failing rules: none', 'bold'), '', ...trailer];
  return [
    paint(`Failing rules (${groups.length}), worst first: severity, rule, findings, first subjects`, 'bold'),
    ...groups.flatMap((group) => renderRuleGroup(group, rules, paint)),
    '',
    ...trailer,
  ];
}

/**
 * Failing findings ranked by what an attacker gains: the severity analysis's rank when it computed one,
 * else severity, attack paths (a computed route to a target) before single settings, root causes before
 * what they imply, then the engine's order.
 */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  const key = (f: Finding) => ({
    rank: findingRank(f) ?? Number.NEGATIVE_INFINITY,
    severity: severityRank(f.severity),
    path: f.surface === 'attack-paths' ? 1 : 0,
    root: isImplied(f) ? 0 : 1,
  });
  return findings
    .filter((f) => f.status === 'fail')
    .map((f, i) => ({ f, i, k: key(f) }))
    .sort(
      (a, b) =>
        b.k.rank - a.k.rank ||
        b.k.severity - a.k.severity ||
        b.k.path - a.k.path ||
        b.k.root - a.k.root ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}

export function renderTopFindings(result: AuditResult, paint: Paint): string[] {
  const top = rankFindings(result.findings).slice(0, TOP_FINDINGS);
  if (top.length === 0) return [];
  const total = countStatus(result.findings, 'fail');
  const title =
    top.length < total ? `Top ${top.length} of ${plural(total, 'finding')}` : `Findings (${total})`;
  const lines = [paint(`${title} by attacker gain`, 'bold')];
  for (const f of top) {
    const severity = f.severity.toUpperCase().padEnd(8);
    const text = [f.ruleId, f.subject.display, formatLocation(f.location)].join('  ');
    lines.push(
      ...hang(`  ${severity}  `, sanitizeLine(text, MAX_TEXT_CHARS), paint, SEVERITY_STYLES[f.severity], 14),
    );
  }
  return [...lines, ''];
}
