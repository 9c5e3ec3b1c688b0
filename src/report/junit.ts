/** @module JUnit XML for CI test tabs: one `<testsuite>` per surface, one `<testcase>` per finding. */
// Passing checks are not findings, so they appear only as counts in each suite's properties.
import type { Finding } from '../engine/finding.js';
import type { Diagnostic } from '../load/diagnostics.js';
import { TOOL_NAME } from '../version.js';
import type { Formatter, StreamFormatter } from './formatter.js';
import type { SurfaceSummary } from './summarize.js';
import { summarizeSurfaces } from './summarize.js';
import { formatLocation } from './text.js';
import { forEachBatch } from './chunked.js';
import { escapeXmlLine, xmlAttributes as attributes } from './escape.js';

const SKIP_PREFIXES: Readonly<Record<Exclude<Finding['status'], 'fail'>, string>> = {
  'not-assessed': 'not assessed',
  'provider-managed': 'provider-managed',
  suppressed: 'suppressed',
};

function skipMessage(finding: Exclude<Finding['status'], 'fail'>, f: Finding): string {
  if (finding === 'suppressed' && f.suppression) {
    const until = f.suppression.expires === undefined ? '' : ` until ${f.suppression.expires}`;
    return `suppressed by ${f.suppression.source}${until}: ${f.suppression.reason}`;
  }
  return `${SKIP_PREFIXES[finding]}: ${f.message}`;
}

/** The failure's text, a field a line: a value's own line breaks are references (the value is kept, no line is forged). */
function failureBody(finding: Finding): string {
  return [
    `Subject: ${finding.subject.display}`,
    `Location: ${formatLocation(finding.location)}`,
    ...(finding.path === undefined ? [] : [`Path: ${finding.path}`]),
    ...(finding.admission === undefined ? [] : [finding.admission]),
    `Fix: ${finding.fix}`,
    ...(finding.notes ?? []).map((note) => `Note: ${note}`),
  ]
    .map(escapeXmlLine)
    .join('\n');
}

/** A failure CI counts: one implied by a root cause is counted under its root (`--fail-on` does the same). */
function isCountedFailure(finding: Finding): boolean {
  return finding.status === 'fail' && finding.impliedBy === undefined;
}

/** Root causes by fingerprint, to name the root of an implied finding. */
type Roots = ReadonlyMap<string, Finding>;

function testcase(finding: Finding, roots: Roots): string[] {
  const { location } = finding;
  const open = `    <testcase${attributes({
    classname: finding.ruleId,
    name: finding.subject.display,
    file: location.template ?? location.file,
    line: location.template === undefined && location.line >= 1 ? location.line : undefined,
  })}>`;
  const { status } = finding;
  const root = finding.impliedBy === undefined ? undefined : roots.get(finding.impliedBy);
  const implied = `implied by ${root?.ruleId ?? 'a root cause'} on ${root?.subject.display ?? 'the same subject'} (counted there): ${finding.message}`;
  const body = isCountedFailure(finding)
    ? `      <failure${attributes({ message: finding.message, type: finding.severity })}>${failureBody(finding)}</failure>`
    : status === 'fail'
      ? `      <skipped${attributes({ message: implied })}/>`
      : `      <skipped${attributes({ message: skipMessage(status, finding) })}/>`;
  return [open, body, '    </testcase>'];
}

function writeTestsuite(summary: SurfaceSummary, roots: Roots, write: (text: string) => void): void {
  const failures = summary.findings.filter(isCountedFailure).length;
  const { coverage } = summary;
  const properties = {
    surface: summary.surface,
    'checks.passed': coverage.passed,
    'checks.failed': coverage.failed,
    'checks.notAssessed': coverage.notAssessed,
    'checks.providerManaged': coverage.providerManaged,
  };
  const open = `  <testsuite${attributes({
    name: summary.title,
    tests: summary.findings.length,
    failures,
    errors: 0,
    skipped: summary.findings.length - failures,
  })}>`;
  const head = [
    open,
    '    <properties>',
    ...Object.entries(properties).map(([name, value]) => `      <property${attributes({ name, value })}/>`),
    '    </properties>',
  ];
  write(`${head.join('\n')}\n`);
  // A batch of test cases at a time: a large cluster's 90,000 findings are never one string.
  forEachBatch(summary.findings, (batch) => {
    write(`${batch.flatMap((finding) => testcase(finding, roots)).join('\n')}\n`);
  });
  write('  </testsuite>\n');
}

/** Unreadable input makes the scan incomplete: CI should show it as an error, not as a clean surface. */
function inputErrorSuite(errors: readonly Diagnostic[]): string[] {
  if (errors.length === 0) return [];
  const open = `  <testsuite${attributes({ name: 'Inputs', tests: errors.length, failures: 0, errors: errors.length, skipped: 0 })}>`;
  return [
    open,
    ...errors.flatMap((d) => [
      `    <testcase${attributes({ classname: `input.${d.code}`, name: d.file, file: d.file, line: d.line })}>`,
      `      <error${attributes({ message: d.message, type: d.code })}/>`,
      '    </testcase>',
    ]),
    '  </testsuite>',
  ];
}

/** The JUnit document, written a suite head and a batch of test cases at a time. */
export const writeJunit: StreamFormatter = (result, context, write) => {
  const errors = context.diagnostics.filter((d) => d.level === 'error');
  const failures = result.findings.filter(isCountedFailure).length;
  const roots: Roots = new Map(result.findings.map((f) => [f.fingerprint, f]));
  const root = `<testsuites${attributes({
    name: TOOL_NAME,
    tests: result.findings.length + errors.length,
    failures,
    errors: errors.length,
    skipped: result.findings.length - failures,
  })}>`;
  write(`<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`);
  for (const summary of summarizeSurfaces(result)) writeTestsuite(summary, roots, write);
  const inputs = inputErrorSuite(errors);
  if (inputs.length > 0) write(`${inputs.join('\n')}\n`);
  write('</testsuites>\n');
};

export const formatJunit: Formatter = (result, context) => {
  const parts: string[] = [];
  writeJunit(result, context, (text) => parts.push(text));
  return parts.join('');
};
