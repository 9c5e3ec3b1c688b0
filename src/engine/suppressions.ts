/** @module Suppressions from annotations, inline comments and config: each with a reason, some with an expiry. */
import picomatch from 'picomatch';
import type { ClusterModel, KubeObject, SourceLocation } from '../model/index.js';
import type { SuppressionEntry } from './config.js';
import type { AppliedSuppression, Finding } from './finding.js';

export const IGNORE_ANNOTATION = 'aksward.io/ignore';

export interface Suppression extends AppliedSuppression {
  readonly ruleId: string;
  /** Whether the suppression names the finding (rule, subject), wherever the finding is. */
  readonly matches: (finding: Finding) => boolean;
  /**
   * Whether it covers one of the finding's locations (a `file` glob, a comment's line). A finding defined in
   * several places is suppressed only when every location is covered: a suppression of one copy must not hide
   * another, unsuppressed one (docs/suppressions.md).
   */
  readonly covers: (location: SourceLocation, finding: Finding) => boolean;
  /** Human description for the unused-suppression report. */
  readonly describe: string;
}

export interface SuppressionProblem {
  readonly message: string;
  readonly at?: SourceLocation;
}

/** Starts only where a run of white space starts: tried inside a long run, `\s*` made it quadratic. */
const UNTIL = /(?<!\s)\s*\buntil=(\d{4}-\d{2}-\d{2})\b\s*/;

/** Parses `<rule-id>: <reason> [until=YYYY-MM-DD]`, one entry per line. */
export function parseIgnoreAnnotation(
  value: string,
): { ruleId: string; reason: string; expires?: string }[] | { error: string } {
  const entries: { ruleId: string; reason: string; expires?: string }[] = [];
  for (const rawLine of value.split('\n')) {
    const line = rawLine.trim();
    if (line === '') continue;
    const match = /^([a-z0-9-]+)\s*:\s*(.*)$/.exec(line);
    if (!match?.[1]) return { error: `expected "<rule-id>: <reason>", got "${line}"` };
    const until = UNTIL.exec(match[2] ?? '');
    const reason = (match[2] ?? '').replace(UNTIL, ' ').trim();
    if (reason === '') return { error: `suppression of ${match[1]} has no reason` };
    entries.push({ ruleId: match[1], reason, ...(until?.[1] ? { expires: until[1] } : {}) });
  }
  return entries;
}

function sameSubject(finding: Finding, object: KubeObject): boolean {
  return (
    finding.subject.kind === object.kind &&
    finding.subject.name === object.name &&
    finding.subject.namespace === object.namespace &&
    finding.location.file === object.origin.file
  );
}

function fromAnnotations(model: ClusterModel, problems: SuppressionProblem[]): Suppression[] {
  const out: Suppression[] = [];
  for (const object of model.objects) {
    const value = object.annotations[IGNORE_ANNOTATION];
    if (value === undefined) continue;
    const parsed = parseIgnoreAnnotation(value);
    if ('error' in parsed) {
      problems.push({ message: `${IGNORE_ANNOTATION}: ${parsed.error}`, at: object.origin.at });
      continue;
    }
    for (const entry of parsed) {
      out.push({
        ...entry,
        source: 'annotation',
        at: object.origin.at,
        matches: (finding) => finding.ruleId === entry.ruleId && sameSubject(finding, object),
        // Every copy of the object has the same content, so the annotation is written at each.
        covers: () => true,
        describe: `annotation on ${object.kind}/${object.name} for ${entry.ruleId}`,
      });
    }
  }
  return out;
}

function fromComments(model: ClusterModel): Suppression[] {
  return model.inlineIgnores.map((ignore) => {
    // A comment covers findings on the line it annotates, and every finding of the object starting there
    // (known for the first definition only: a copy elsewhere is covered by its own line).
    const onLine = (location: SourceLocation): boolean =>
      location.file === ignore.at.file && location.line === ignore.appliesToLine;
    const covers = (location: SourceLocation, finding: Finding): boolean =>
      onLine(location) ||
      (location.file === finding.location.file &&
        location.line === finding.location.line &&
        onLine(finding.subject.at));
    return {
      ruleId: ignore.ruleId,
      reason: ignore.reason,
      ...(ignore.expires === undefined ? {} : { expires: ignore.expires }),
      source: 'comment',
      at: ignore.at,
      matches: (finding: Finding) => finding.ruleId === ignore.ruleId,
      covers,
      describe: `comment at ${ignore.at.file}:${ignore.at.line} for ${ignore.ruleId}`,
    };
  });
}

function fromConfig(entries: readonly SuppressionEntry[]): Suppression[] {
  return entries.map((entry) => {
    const nameMatches = entry.name === undefined ? () => true : picomatch(entry.name);
    const fileMatches = entry.file === undefined ? () => true : picomatch(entry.file, { dot: true });
    const ruleMatches = picomatch(entry.rule);
    return {
      ruleId: entry.rule,
      reason: entry.reason,
      ...(entry.expires === undefined ? {} : { expires: entry.expires }),
      source: 'config',
      matches: (finding: Finding) =>
        ruleMatches(finding.ruleId) &&
        (entry.kind === undefined || entry.kind === finding.subject.kind) &&
        (entry.namespace === undefined || entry.namespace === finding.subject.namespace) &&
        nameMatches(finding.subject.name),
      covers: (location: SourceLocation) => fileMatches(location.file),
      describe: `config suppression of ${entry.rule}${entry.kind ? ` kind=${entry.kind}` : ''}${
        entry.namespace ? ` namespace=${entry.namespace}` : ''
      }${entry.name ? ` name=${entry.name}` : ''}`,
    };
  });
}

export function collectSuppressions(
  model: ClusterModel,
  configEntries: readonly SuppressionEntry[],
  problems: SuppressionProblem[],
): Suppression[] {
  return [...fromAnnotations(model, problems), ...fromComments(model), ...fromConfig(configEntries)];
}
