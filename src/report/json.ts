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
  countStatus,
  summarizeSurfaces,
  totalCoverage,
} from './summarize.js';
import { writeJsonDocument } from './json-stream.js';

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** Adds `key: value` only when the value is defined: optional fields are absent, never `null`. */
function optional(key: string, value: Json | undefined): Record<string, Json> {
  return value === undefined ? {} : { [key]: value };
}

function locationJson(location: SourceLocation): Json {
  const json: Record<string, Json> = { file: location.file, line: location.line };
  if (location.column !== undefined) json.column = location.column;
  if (location.template !== undefined) json.template = location.template;
  return json;
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

/**
 * One finding as JSON, built by assignment in the documented key order: a report holds tens of thousands of
 * findings, and building each from spreads of one-key objects cost more than serialising it.
 */
function findingJson(finding: Finding): Json {
  const { subject } = finding;
  const at: Record<string, Json> = { kind: subject.kind, name: subject.name };
  if (subject.namespace !== undefined) at.namespace = subject.namespace;
  at.display = subject.display;
  at.at = locationJson(subject.at);
  const json: Record<string, Json> = {
    ruleId: finding.ruleId,
    surface: finding.surface,
    severity: finding.severity,
    baseSeverity: finding.baseSeverity ?? finding.severity,
  };
  if (finding.severityReason !== undefined) json.severityReason = finding.severityReason;
  json.status = finding.status;
  json.subject = at;
  json.location = locationJson(finding.location);
  if (finding.locations !== undefined) json.locations = finding.locations.map(locationJson);
  if (finding.scopes !== undefined) json.scopes = [...finding.scopes];
  if (finding.path !== undefined) json.path = finding.path;
  json.message = finding.message;
  json.fix = finding.fix;
  json.fingerprint = finding.fingerprint;
  if (finding.exposure !== undefined) json.exposure = finding.exposure;
  if (finding.rank !== undefined) json.rank = finding.rank;
  if (finding.impliedBy !== undefined) json.impliedBy = finding.impliedBy;
  if (finding.implies !== undefined) json.implies = [...finding.implies];
  if (finding.admission !== undefined) json.admission = finding.admission;
  if (finding.suppression !== undefined) json.suppression = suppressionJson(finding.suppression);
  if (finding.notes !== undefined) json.notes = [...finding.notes];
  return json;
}

function summaryJson(result: AuditResult, context: ReportContext): Json {
  const count = (status: Finding['status']) => countStatus(result.findings, status);
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
    findings: [],
    ...(context.blastRadius === undefined ? {} : { blastRadius: blastRadiusJson(context.blastRadius) }),
    unusedSuppressions: result.unusedSuppressions.map(unusedJson),
    suppressionProblems: result.suppressionProblems.map(problemJson),
    baselined: result.baselined,
  };
  writeJsonDocument(report, ['findings'], result.findings, findingJson, write);
  write('\n');
};

export const formatJson: Formatter = (result, context) => {
  const parts: string[] = [];
  writeJson(result, context, (text) => parts.push(text));
  return parts.join('');
};
