/**
 * @module A finding of the JSON report as text, written by hand: the very text `jsonText` gives for the
 * object `JSON.stringify` would see (same keys, order, indentation and escapes), without building that
 * object, its spread copies and a re-indented second string for each of a large report's findings.
 */
import type { AppliedSuppression, Finding } from '../engine/finding.js';
import type { SourceLocation } from '../model/index.js';

/** What `jsonText` escapes beyond `JSON.stringify`: bidi controls and line separators. */
const UNSAFE = /[\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = /[\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A JSON string as `jsonText` writes it. */
export function stringText(value: string): string {
  const text = JSON.stringify(value);
  return UNSAFE.test(text)
    ? text.replace(UNSAFE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : text;
}

type Member = readonly [key: string, text: string] | undefined;

/** An object at `indent` (its members one level deeper); members left undefined are absent. */
function objectText(members: readonly Member[], indent: string): string {
  const inner = `${indent}  `;
  let out = '';
  for (const member of members) {
    if (member === undefined) continue;
    out += `${out === '' ? '{\n' : ',\n'}${inner}"${member[0]}": ${member[1]}`;
  }
  return out === '' ? '{}' : `${out}\n${indent}}`;
}

function arrayText(items: readonly string[], indent: string): string {
  if (items.length === 0) return '[]';
  const inner = `${indent}  `;
  return `[\n${inner}${items.join(`,\n${inner}`)}\n${indent}]`;
}

const optionalString = (key: string, value: string | undefined): Member =>
  value === undefined ? undefined : [key, stringText(value)];

const optionalStrings = (key: string, values: readonly string[] | undefined, indent: string): Member =>
  values === undefined ? undefined : [key, arrayText(values.map(stringText), indent)];

function locationText(location: SourceLocation, indent: string): string {
  return objectText(
    [
      ['file', stringText(location.file)],
      ['line', JSON.stringify(location.line)],
      location.column === undefined ? undefined : ['column', JSON.stringify(location.column)],
      optionalString('template', location.template),
    ],
    indent,
  );
}

function suppressionText(suppression: AppliedSuppression, indent: string): string {
  const inner = `${indent}  `;
  return objectText(
    [
      ['source', stringText(suppression.source)],
      ['reason', stringText(suppression.reason)],
      optionalString('expires', suppression.expires),
      suppression.at === undefined ? undefined : ['at', locationText(suppression.at, inner)],
    ],
    indent,
  );
}

/** One finding, its first line at `indent` (the report's findings sit at four spaces). */
export function findingText(finding: Finding, indent: string): string {
  const inner = `${indent}  `;
  const deeper = `${inner}  `;
  const { subject } = finding;
  return objectText(
    [
      ['ruleId', stringText(finding.ruleId)],
      ['surface', stringText(finding.surface)],
      ['severity', stringText(finding.severity)],
      ['baseSeverity', stringText(finding.baseSeverity ?? finding.severity)],
      optionalString('severityReason', finding.severityReason),
      ['status', stringText(finding.status)],
      [
        'subject',
        objectText(
          [
            ['kind', stringText(subject.kind)],
            ['name', stringText(subject.name)],
            optionalString('namespace', subject.namespace),
            ['display', stringText(subject.display)],
            ['at', locationText(subject.at, deeper)],
          ],
          inner,
        ),
      ],
      ['location', locationText(finding.location, inner)],
      finding.locations === undefined
        ? undefined
        : ['locations', arrayText(finding.locations.map((l) => locationText(l, deeper)), inner)],
      optionalStrings('scopes', finding.scopes, inner),
      optionalString('path', finding.path),
      ['message', stringText(finding.message)],
      ['fix', stringText(finding.fix)],
      ['fingerprint', stringText(finding.fingerprint)],
      optionalString('exposure', finding.exposure),
      finding.rank === undefined ? undefined : ['rank', JSON.stringify(finding.rank)],
      optionalString('impliedBy', finding.impliedBy),
      optionalStrings('implies', finding.implies, inner),
      optionalString('admission', finding.admission),
      finding.suppression === undefined
        ? undefined
        : ['suppression', suppressionText(finding.suppression, inner)],
      optionalStrings('notes', finding.notes, inner),
    ],
    indent,
  );
}
