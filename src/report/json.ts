/** @module The JSON report: a documented, versioned shape (docs/json-report.md, docs/json-report.schema.json). */
// Every object is built field by field, so the key order is fixed and nothing beyond the documented fields
// (say, a property a future model adds, or an object's raw body) leaks into the output.
import type { AppliedSuppression, Coverage, Finding } from '../engine/finding.js';
import type { AuditResult, UnusedSuppression } from '../engine/run-audit.js';
import type { Diagnostic, InputRecord } from '../load/diagnostics.js';
import type { SourceLocation } from '../model/index.js';
import { JSON_SCHEMA_VERSION, TOOL_NAME } from '../version.js';
import { blastRadiusJson } from './blast-radius.js';
import type { Formatter, ReportContext, StreamFormatter } from './formatter.js';
import type { SeverityCounts } from './summarize.js';
import {
  countFailedBySeverity,
  countFailing,
  countImplied,
  summarizeSurfaces,
  totalCoverage,
} from './summarize.js';
import { jsonText } from './escape.js';

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** Adds `key: value` only when the value is defined: optional fields are absent, never `null`. */
function optional(key: string, value: Json | undefined): Record<string, Json> {
  return value === undefined ? {} : { [key]: value };
}

function locationJson(location: SourceLocation): Json {
  return {
    file: location.file,
    line: location.line,
    ...optional('column', location.column),
    ...optional('template', location.template),
  };
}

function severitiesJson(counts: SeverityCounts): Json {
  return {
    critical: counts.critical,
    high: counts.high,
    medium: counts.medium,
    low: counts.low,
    info: counts.info,
  };
}

function coverageJson(coverage: Coverage): Json {
  return {
    passed: coverage.passed,
    failed: coverage.failed,
    notAssessed: coverage.notAssessed,
    providerManaged: coverage.providerManaged,
  };
}

function suppressionJson(suppression: AppliedSuppression): Json {
  return {
    source: suppression.source,
    reason: suppression.reason,
    ...optional('expires', suppression.expires),
    ...optional('at', suppression.at && locationJson(suppression.at)),
  };
}

function findingJson(finding: Finding): Json {
  const { subject } = finding;
  return {
    ruleId: finding.ruleId,
    surface: finding.surface,
    severity: finding.severity,
    baseSeverity: finding.baseSeverity ?? finding.severity,
    ...optional('severityReason', finding.severityReason),
    status: finding.status,
    subject: {
      kind: subject.kind,
      name: subject.name,
      ...optional('namespace', subject.namespace),
      display: subject.display,
      at: locationJson(subject.at),
    },
    location: locationJson(finding.location),
    ...optional('locations', finding.locations?.map(locationJson)),
    ...optional('scopes', finding.scopes && [...finding.scopes]),
    ...optional('path', finding.path),
    message: finding.message,
    fix: finding.fix,
    fingerprint: finding.fingerprint,
    ...optional('exposure', finding.exposure),
    ...optional('rank', finding.rank),
    ...optional('impliedBy', finding.impliedBy),
    ...optional('implies', finding.implies && [...finding.implies]),
    ...optional('admission', finding.admission),
    ...optional('suppression', finding.suppression && suppressionJson(finding.suppression)),
    ...optional('notes', finding.notes && [...finding.notes]),
  };
}

function summaryJson(result: AuditResult, context: ReportContext): Json {
  const count = (status: Finding['status']) => result.findings.filter((f) => f.status === status).length;
  const surfaces = summarizeSurfaces(result).map((s) => [
    s.surface,
    {
      title: s.title,
      failed: severitiesJson(s.failed),
      notAssessed: s.notAssessed,
      providerManaged: s.providerManaged,
      suppressed: s.suppressed,
      blockedAtAdmission: s.blockedAtAdmission,
      coverage: coverageJson(s.coverage),
    },
  ]);
  const coverage = totalCoverage(result);
  return {
    bySeverity: severitiesJson(countFailedBySeverity(result.findings)),
    byStatus: {
      fail: count('fail'),
      'not-assessed': count('not-assessed'),
      'provider-managed': count('provider-managed'),
      suppressed: count('suppressed'),
    },
    bySurface: Object.fromEntries(surfaces) as Json,
    coverage: {
      assessed: coverage.assessed,
      passed: coverage.passed,
      failed: coverage.failed,
      notAssessed: coverage.notAssessed,
      providerManaged: coverage.providerManaged,
    },
    implied: countImplied(result.findings),
    failOn: context.failOn,
    failing: countFailing(result, context.failOn),
  };
}

function inputJson(input: InputRecord): Json {
  return {
    file: input.file,
    ...optional('format', input.format),
    objects: input.objects,
    ...optional('reason', input.reason),
    ...optional('assumed', input.assumed),
  };
}

function diagnosticJson(diagnostic: Diagnostic): Json {
  return {
    code: diagnostic.code,
    level: diagnostic.level,
    message: diagnostic.message,
    file: diagnostic.file,
    ...optional('line', diagnostic.line),
    ...optional('column', diagnostic.column),
  };
}

function unusedJson(unused: UnusedSuppression): Json {
  return { description: unused.description, ...optional('at', unused.at && locationJson(unused.at)) };
}

function problemJson(problem: AuditResult['suppressionProblems'][number]): Json {
  return { message: problem.message, ...optional('at', problem.at && locationJson(problem.at)) };
}

/** Stands for the findings in the report's text until they are written, one at a time, in its place. */
const FINDINGS_MARK = '\u0000aksward-findings\u0000';

/**
 * The JSON report, written a piece at a time: the findings (most of a large report) one by one, each
 * indented as `JSON.stringify` indents the whole, so the text is the same and never held whole.
 */
export const writeJson: StreamFormatter = (result, context, write) => {
  const report: Json = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: context.version },
    summary: summaryJson(result, context),
    inputs: context.inputs.map(inputJson),
    ...optional(
      'scopes',
      context.scopes?.map((scope) => ({ name: scope.name, reason: scope.reason, files: [...scope.files] })),
    ),
    diagnostics: context.diagnostics.map(diagnosticJson),
    findings: FINDINGS_MARK,
    ...(context.blastRadius === undefined ? {} : { blastRadius: blastRadiusJson(context.blastRadius) }),
    unusedSuppressions: result.unusedSuppressions.map(unusedJson),
    suppressionProblems: result.suppressionProblems.map(problemJson),
    baselined: result.baselined,
  };
  const text = jsonText(report);
  // The top-level key on its own line: no value can hold a raw line break, so nothing else matches.
  const key = '\n  "findings": ';
  const mark = `${key}${JSON.stringify(FINDINGS_MARK)}`;
  const at = text.indexOf(mark);
  write(text.slice(0, at + key.length));
  const { findings } = result;
  if (findings.length === 0) write('[]');
  else {
    write('[\n    ');
    findings.forEach((finding, i) => {
      if (i > 0) write(',\n    ');
      write(jsonText(findingJson(finding)).replaceAll('\n', '\n    '));
    });
    write('\n  ]');
  }
  write(`${text.slice(at + mark.length)}\n`);
};

export const formatJson: Formatter = (result, context) => {
  const parts: string[] = [];
  writeJson(result, context, (text) => parts.push(text));
  return parts.join('');
};
