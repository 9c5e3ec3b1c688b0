/**
 * @module The terminal report. By default a report one reads in a minute: a control table by surface, one
 * line per failing rule (severity, count, the first subjects) with its fix once, and the top findings by
 * attacker gain; `--details` lists every finding, `--compact` one line each, `--quiet` only the verdict.
 */
import type { Finding } from '../engine/finding.js';
import type { AuditResult } from '../engine/run-audit.js';
import { TOOL_NAME } from '../version.js';
import type { Formatter, ReportContext, StreamFormatter } from './formatter.js';
import { renderBlastRadiusTerminal } from './blast-radius.js';
import { MAX_TEXT_CHARS, sanitizeLine } from './escape.js';
import { renderSurfaces } from './terminal-details.js';
import {
  SEVERITY_STYLES,
  describeSeverities,
  hang,
  renderDiagnostics,
  renderInputs,
  renderSuppressionBookkeeping,
  renderTotals,
  renderVerdict,
} from './terminal-sections.js';
import { renderControlTable, renderFailingRules, renderTopFindings } from './terminal-summary.js';
import { countFailedBySeverity, sumCounts } from './summarize.js';
import type { Paint } from './text.js';
import { createPaint, formatLocation, plural } from './text.js';

function header(result: AuditResult, context: ReportContext, paint: Paint): string[] {
  const text = `${TOOL_NAME} ${sanitizeLine(context.version)}: ${plural(result.rulesRun.length, 'rule')} run`;
  return [paint(text, 'bold'), ''];
}

/** One line per failing finding, no message or fix: `SEVERITY  rule  subject  file:line`. */
function renderCompact(result: AuditResult, paint: Paint): string[] {
  const failures = result.findings.filter((f: Finding) => f.status === 'fail');
  const lines = failures.map((f) => {
    const text = [f.ruleId, f.subject.display, formatLocation(f.location)].join('  ');
    return `${paint(f.severity.toUpperCase().padEnd(8), ...SEVERITY_STYLES[f.severity])}  ${sanitizeLine(text, MAX_TEXT_CHARS)}`;
  });
  return lines.length === 0 ? [] : [...lines, ''];
}

function renderQuiet(result: AuditResult, context: ReportContext, paint: Paint): string[] {
  const failed = countFailedBySeverity(result.findings);
  const counts = sumCounts(failed) === 0 ? 'none' : describeSeverities(failed);
  return [...renderVerdict(result, context, paint), `Failed: ${counts}`];
}

/** Where the rest is: the flags that show more. */
function renderHint(paint: Paint): string[] {
  return hang(
    'More: ',
    'aksward scan --details (every finding with file:line and fix), --compact (one line per finding), aksward explain <rule> (why and how to fix)',
    paint,
    ['dim'],
  ).map((line) => paint(line, 'dim'));
}

function body(
  result: AuditResult,
  context: ReportContext,
  paint: Paint,
  emit: (lines: readonly string[]) => void,
): void {
  switch (context.view ?? 'summary') {
    case 'details':
      renderSurfaces(result, paint, emit);
      emit([
        ...renderBlastRadiusTerminal(context.blastRadius, paint),
        ...renderSuppressionBookkeeping(result, paint),
      ]);
      return;
    case 'compact':
      emit(renderCompact(result, paint));
      return;
    case 'quiet':
    case 'summary':
      emit([
        ...renderControlTable(result, context, paint),
        ...renderFailingRules(result, context, paint),
        ...renderTopFindings(result, paint),
        ...renderBlastRadiusTerminal(context.blastRadius, paint, { paths: false }),
        ...renderSuppressionBookkeeping(result, paint),
      ]);
  }
}

/**
 * The terminal report, written a group of lines at a time: `--details` on a large cluster is hundreds of
 * thousands of lines, never held at once.
 */
export const writeTerminal: StreamFormatter = (result, context, write) => {
  const paint = createPaint(context.color);
  // Each group's lines end with a line break, so the groups written one after another are the lines joined.
  const emit = (lines: readonly string[]): void => {
    if (lines.length > 0) write(`${lines.join('\n')}\n`);
  };
  if (context.view === 'quiet') {
    emit(renderQuiet(result, context, paint));
    return;
  }
  emit([
    ...header(result, context, paint),
    ...(context.view === 'compact' ? [] : renderInputs(context.inputs, paint, context.scopes)),
    ...renderDiagnostics(context.diagnostics, paint),
  ]);
  body(result, context, paint, emit);
  emit([
    ...((context.view ?? 'summary') === 'summary' ? [...renderHint(paint), ''] : []),
    ...renderTotals(result, paint),
    ...renderVerdict(result, context, paint),
  ]);
};

export const formatTerminal: Formatter = (result, context) => {
  const parts: string[] = [];
  writeTerminal(result, context, (text) => parts.push(text));
  return parts.join('');
};
