/** @module SARIF 2.1.0 for GitHub code scanning: one run, failures as results, everything else as notes. */
// Suppressed failures stay results, marked with `suppressions`, so code scanning shows them as dismissed.
// Not-assessed and provider-managed checks are notifications of the invocation: they never become alerts.
import type { Finding, SuppressionSource } from '../engine/finding.js';
import type { AuditResult } from '../engine/run-audit.js';
import type { Diagnostic } from '../load/diagnostics.js';
import type { SourceLocation } from '../model/index.js';
import type { AnyRule } from '../rules/define-rule.js';
import { RULE_DOCS_URL, TOOL_NAME } from '../version.js';
import { blastRadiusJson } from './blast-radius.js';
import type { Formatter, ReportContext, StreamFormatter } from './formatter.js';
import type { SarifLevel } from './sarif-rules.js';
import { SARIF_LEVELS, ruleDescriptor } from './sarif-rules.js';
import { writeJsonDocument } from './json-stream.js';
import { formatLocation } from './text.js';

const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The project home: the docs URL without its `/blob/<branch>/...` tail. */
const INFORMATION_URI = RULE_DOCS_URL.replace(/\/blob\/.*$/, '');
/** Only the `aksward/v1` key is ours; its value is the engine's line-independent fingerprint. */
const FINGERPRINT_KEY = 'aksward/v1';

/**
 * A file as a SARIF artifact: relative paths resolve against `%SRCROOT%` (the repository root for code
 * scanning), absolute ones become `file:` URIs, and pseudo-files such as `<stdin>` have no artifact.
 */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } | undefined {
  if (file === '' || /^<.*>$/.test(file)) return undefined;
  const slashed = file.replace(/\\/g, '/');
  const encode = (path: string) => path.split('/').map(encodeURIComponent).join('/');
  const drive = /^([A-Za-z]):\//.exec(slashed);
  if (drive) return { uri: `file:///${drive[1] ?? ''}:/${encode(slashed.slice(3))}` };
  if (slashed.startsWith('/')) return { uri: `file://${encode(slashed)}` };
  return { uri: encode(slashed.replace(/^(?:\.\/)+/, '')), uriBaseId: '%SRCROOT%' };
}

/** A region only for a real line: SARIF lines are 1-based and a made-up line would mislead the reviewer. */
function region(line: number | undefined, column: number | undefined) {
  if (line === undefined || !Number.isInteger(line) || line < 1) return undefined;
  const hasColumn = column !== undefined && Number.isInteger(column) && column >= 1;
  return { startLine: line, ...(hasColumn ? { startColumn: column } : {}) };
}

function physicalLocation(file: string, line?: number, column?: number) {
  const artifact = artifactLocation(file);
  if (artifact === undefined) return undefined;
  const lines = region(line, column);
  return { artifactLocation: artifact, ...(lines === undefined ? {} : { region: lines }) };
}

/**
 * Rendered Helm output points at the chart template (the file a fix changes); the rendered line says
 * nothing about the template's lines, so that location carries no region.
 */
function sourcePhysicalLocation(location: SourceLocation) {
  if (location.template !== undefined) return physicalLocation(location.template);
  return physicalLocation(location.file, location.line, location.column);
}

function findingLocation(finding: Finding) {
  const physical = sourcePhysicalLocation(finding.location);
  const { subject } = finding;
  return {
    ...(physical === undefined ? {} : { physicalLocation: physical }),
    logicalLocations: [
      {
        name: subject.name,
        fullyQualifiedName: subject.display,
        kind: 'resource',
      },
    ],
  };
}

/** A location as SARIF embedded-link text: brackets and backslashes escaped (SARIF 2.1.0 §3.11.6). */
const linkText = (location: SourceLocation): string => formatLocation(location).replace(/[\\[\]]/g, '\\$&');

/**
 * The other places the subject is defined, and the root cause an implied finding comes from, as SARIF
 * `relatedLocations` (numbered from 1: 0 would be the primary). GitHub code scanning annotates only the first of
 * `locations` and ignores the rest, and shows a related location only where the message links to it, so the
 * other definitions are related locations linked from a line of the message (`[file:line](id)`); several
 * `locations` would also claim that one change at every place fixes the result, while each copy is fixed on its own.
 */
function relatedLocationsOf(finding: Finding, root: Finding | undefined) {
  const others: object[] = [];
  const links: string[] = [];
  if (root !== undefined)
    others.push({ ...findingLocation(root), message: { text: `root cause: ${root.ruleId}` } });
  for (const location of (finding.locations ?? []).slice(1)) {
    const physical = sourcePhysicalLocation(location);
    if (physical === undefined) continue;
    others.push({ physicalLocation: physical, message: { text: 'also defined here' } });
    links.push(`[${linkText(location)}](${String(others.length)})`);
  }
  const related = others.map((location, index) => ({ id: index + 1, ...location }));
  return {
    related: related.length === 0 ? {} : { relatedLocations: related },
    alsoDefined: links.length === 0 ? [] : [`Also defined in ${links.join(', ')}.`],
  };
}

const SUPPRESSION_KINDS: Readonly<Record<SuppressionSource, 'inSource' | 'external'>> = {
  annotation: 'inSource',
  comment: 'inSource',
  config: 'external',
};

function suppressionsOf(finding: Finding) {
  const s = finding.suppression;
  if (s === undefined) return {};
  const at = s.at && physicalLocation(s.at.file, s.at.line, s.at.column);
  const justification = s.expires === undefined ? s.reason : `${s.reason} (until ${s.expires})`;
  return {
    suppressions: [
      {
        kind: SUPPRESSION_KINDS[s.source],
        status: 'accepted',
        justification,
        ...(at === undefined ? {} : { location: { physicalLocation: at } }),
      },
    ],
  };
}

/** The message, plus admission, the concrete fix when it differs from the rule's help, and notes (an expired suppression). */
function messageText(finding: Finding, rule: AnyRule | undefined, links: readonly string[] = []): string {
  const fix = rule?.remediation.summary === finding.fix ? [] : [`Fix: ${finding.fix}`];
  const admission = finding.admission === undefined ? [] : [finding.admission];
  const notes = (finding.notes ?? []).map((n) => `Note: ${n}`);
  return [finding.message, ...admission, ...fix, ...notes, ...links].join('\n');
}

function ruleReference(ruleId: string, index: ReadonlyMap<string, number>) {
  const i = index.get(ruleId);
  return { id: ruleId, ...(i === undefined ? {} : { index: i }) };
}

/** Severity by consequence and root causes, as result properties (absent fields left out). */
function gradeProperties(finding: Finding) {
  return {
    ...(finding.baseSeverity === undefined ? {} : { baseSeverity: finding.baseSeverity }),
    ...(finding.severityReason === undefined ? {} : { severityReason: finding.severityReason }),
    ...(finding.exposure === undefined ? {} : { exposure: finding.exposure }),
    ...(finding.rank === undefined ? {} : { rank: finding.rank }),
    ...(finding.impliedBy === undefined ? {} : { impliedBy: finding.impliedBy }),
    ...(finding.implies === undefined ? {} : { implies: [...finding.implies] }),
  };
}

function sarifResult(
  finding: Finding,
  rules: readonly AnyRule[],
  index: ReadonlyMap<string, number>,
  roots: ReadonlyMap<string, Finding>,
) {
  const ruleIndex = index.get(finding.ruleId);
  const rule = ruleIndex === undefined ? undefined : rules[ruleIndex];
  const root = finding.impliedBy === undefined ? undefined : roots.get(finding.impliedBy);
  const { related, alsoDefined } = relatedLocationsOf(finding, root);
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    // An implied finding is counted under its root cause: a note, so code scanning does not gate on it twice.
    level: finding.impliedBy === undefined ? SARIF_LEVELS[finding.severity] : ('note' as SarifLevel),
    message: { text: messageText(finding, rule, alsoDefined) },
    locations: [findingLocation(finding)],
    ...related,
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...suppressionsOf(finding),
    properties: {
      severity: finding.severity,
      surface: finding.surface,
      ...(finding.admission === undefined ? {} : { admission: finding.admission }),
      ...gradeProperties(finding),
    },
  };
}

const STATUS_WORDS: Readonly<Partial<Record<Finding['status'], string>>> = {
  'not-assessed': 'not assessed',
  'provider-managed': 'provider-managed',
};

function checkNote(finding: Finding, index: ReadonlyMap<string, number>) {
  const status = STATUS_WORDS[finding.status] ?? finding.status;
  return {
    level: 'note' as SarifLevel,
    message: { text: `${finding.ruleId} ${status} for ${finding.subject.display}: ${finding.message}` },
    locations: [findingLocation(finding)],
    associatedRule: ruleReference(finding.ruleId, index),
    properties: { status: finding.status, severity: finding.severity, surface: finding.surface },
  };
}

const DIAGNOSTIC_LEVELS: Readonly<Record<Diagnostic['level'], SarifLevel>> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

function diagnosticNote(diagnostic: Diagnostic) {
  const physical = physicalLocation(diagnostic.file, diagnostic.line, diagnostic.column);
  return {
    level: DIAGNOSTIC_LEVELS[diagnostic.level],
    message: { text: `${diagnostic.file}: ${diagnostic.message}` },
    ...(physical === undefined ? {} : { locations: [{ physicalLocation: physical }] }),
    descriptor: { id: diagnostic.code },
  };
}

function configurationNotes(result: AuditResult) {
  const at = (location: SourceLocation | undefined) => {
    const physical = location && physicalLocation(location.file, location.line, location.column);
    return physical === undefined ? {} : { locations: [{ physicalLocation: physical }] };
  };
  return [
    ...result.suppressionProblems.map((p) => ({
      level: 'warning' as SarifLevel,
      message: { text: p.message },
      ...at(p.at),
    })),
    ...result.unusedSuppressions.map((u) => ({
      level: 'note' as SarifLevel,
      message: { text: `unused suppression: ${u.description}` },
      ...at(u.at),
    })),
  ];
}

function invocation(result: AuditResult, context: ReportContext, index: ReadonlyMap<string, number>) {
  const configuration = configurationNotes(result);
  return {
    // An error diagnostic means part of the input was not scanned: the analysis did not complete.
    executionSuccessful: !context.diagnostics.some((d) => d.level === 'error'),
    toolExecutionNotifications: [
      ...context.diagnostics.map(diagnosticNote),
      ...result.findings
        .filter((f) => f.status === 'not-assessed' || f.status === 'provider-managed')
        .map((f) => checkNote(f, index)),
    ],
    ...(configuration.length === 0 ? {} : { toolConfigurationNotifications: configuration }),
    properties: { baselined: result.baselined, rulesRun: result.rulesRun.length },
  };
}

/** SARIF written a piece at a time: the results (most of a large log) a batch at a time. */
export const writeSarif: StreamFormatter = (result, context, write) => {
  const index = new Map(context.rules.map((rule, i) => [rule.id, i]));
  const roots = new Map(
    result.findings.filter((f) => f.implies !== undefined).map((f) => [f.fingerprint, f]),
  );
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: context.version,
            semanticVersion: context.version,
            informationUri: INFORMATION_URI,
            rules: context.rules.map(ruleDescriptor),
          },
        },
        invocations: [invocation(result, context, index)],
        columnKind: 'utf16CodeUnits',
        results: [],
        // SARIF has no place for an attack graph: the blast radius rides in the run's property bag.
        ...(context.blastRadius === undefined
          ? {}
          : { properties: { blastRadius: blastRadiusJson(context.blastRadius) } }),
      },
    ],
  };
  const listed = result.findings.filter((f) => f.status === 'fail' || f.status === 'suppressed');
  writeJsonDocument(
    sarif,
    ['runs', 0, 'results'],
    listed,
    (f) => sarifResult(f, context.rules, index, roots),
    write,
  );
  write('\n');
};

export const formatSarif: Formatter = (result, context) => {
  const parts: string[] = [];
  writeSarif(result, context, (text) => parts.push(text));
  return parts.join('');
};
