/**
 * @module runAudit: rules over the model, then severity overrides, the baseline, severity by consequence
 * (consequence.ts), suppressions and root causes (root-causes.ts). No I/O.
 */
import type {
  ClusterModel,
  KubeObject,
  ObjectOrigin,
  PathSegment,
  SourceLocation,
  Subject,
} from '../model/index.js';
import { displayObject, formatPath, objectSubject } from '../model/index.js';
import type { AnyRule, ReportInput } from '../rules/define-rule.js';
import { DEFAULT_TENANT_LABEL } from '../rules/define-rule.js';
import type { Severity, Surface } from '../rules/types.js';
import { SURFACES } from '../rules/types.js';
import { ConfigError, RuleCrashedError } from '../errors.js';
import type { AnalysisRun } from './analyses.js';
import { analysisRun } from './analyses.js';
import type { AkswardConfig } from './config.js';
import type { Coverage, Finding } from './finding.js';
import { gradeFindings } from './consequence.js';
import { sortFindings } from './finding-order.js';
import { computeFingerprint } from './fingerprint.js';
import { linkRootCauses } from './root-causes.js';
import type { Suppression, SuppressionProblem } from './suppressions.js';
import { collectSuppressions } from './suppressions.js';

export interface AuditOptions {
  readonly rules: readonly AnyRule[];
  readonly config?: AkswardConfig;
  /** Fingerprints of known findings (`--baseline`): hidden from the results, counted. */
  readonly baseline?: ReadonlySet<string>;
  /** Today, as YYYY-MM-DD, for suppression expiry. */
  readonly today: string;
  /** The analyses of this model, when the caller shares them (a scan's blast radius reads the attack graph). */
  readonly analyses?: AnalysisRun;
}

export interface UnusedSuppression {
  readonly description: string;
  readonly at?: SourceLocation;
}

export interface AuditResult {
  /** Every result but passes, sorted by surface, severity, file and line. */
  readonly findings: readonly Finding[];
  readonly coverage: Readonly<Record<Surface, Coverage>>;
  readonly rulesRun: readonly string[];
  readonly unusedSuppressions: readonly UnusedSuppression[];
  readonly suppressionProblems: readonly SuppressionProblem[];
  /** How many findings the baseline hid. */
  readonly baselined: number;
}

function emptyCoverage(): Record<Surface, Coverage> {
  return Object.fromEntries(
    SURFACES.map((s) => [s, { passed: 0, failed: 0, notAssessed: 0, providerManaged: 0 }]),
  ) as Record<Surface, Coverage>;
}

function isOverridden(rule: AnyRule, config: AkswardConfig | undefined): boolean {
  const setting = config?.rules?.[rule.id];
  return setting !== undefined && setting !== 'off' && setting.severity !== undefined;
}

function resolveSeverity(rule: AnyRule, config: AkswardConfig | undefined): Severity | 'off' {
  const setting = config?.rules?.[rule.id];
  if (setting === 'off' || setting?.enabled === false) return 'off';
  return setting?.severity ?? rule.severity;
}

/** A result whose line is still to be found: `model.locate(origin, path)`, resolved in a batch. */
interface PendingLocation {
  readonly ruleId: string;
  readonly origin: ObjectOrigin;
  readonly path: readonly PathSegment[];
}

/** A finding as reported, and the line still to find for it. */
interface Reported {
  readonly finding: Finding;
  /** Set when `finding.location` is a placeholder for the line of a property path. */
  readonly locate: PendingLocation | undefined;
  /** The subject's other definitions (same object in other inputs), located like the first. */
  readonly copies: readonly ObjectOrigin[];
  readonly path: readonly PathSegment[] | undefined;
}

function findingSubject(subject: Subject): Finding['subject'] {
  const { kind, name, namespace, display, at } = subject;
  return namespace === undefined ? { kind, name, display, at } : { kind, name, namespace, display, at };
}

const sameLine = (a: SourceLocation, b: SourceLocation): boolean => a.file === b.file && a.line === b.line;

/**
 * Why a result's severity differs from the rule's default (`baseSeverity`): the configuration's override, or
 * the check's own grading of this case (its reason, or a generic one naming the default). None when equal.
 */
function severityReasonOf(
  rule: AnyRule,
  severity: Severity,
  overridden: boolean,
  input: ReportInput,
): string | undefined {
  if (severity === rule.severity) return undefined;
  if (overridden)
    return `set by the configuration (rules.${rule.id}.severity: ${severity}); the rule's default is ${rule.severity}`;
  return input.severityReason ?? `the rule grades this case ${severity}, not its default ${rule.severity}`;
}

/**
 * `severity` is the rule's default or the user's override; `overridden` says which. A user override
 * wins over the severity a check sets for one result (a public API server with ranges is `high`).
 * `baseSeverity` is always the rule's default, and `severityReason` says why `severity` differs from it.
 * A pass yields undefined: passes are only counted. The property line is not looked up here: the
 * findings are located later, in document order (see `resolveLocations`).
 */
function toReported(
  rule: AnyRule,
  severity: Severity,
  overridden: boolean,
  input: ReportInput,
): Reported | undefined {
  const status = input.status ?? 'fail';
  if (status === 'pass') return undefined;
  const { subject } = input;
  const path = typeof input.path === 'string' ? input.path : input.path ? formatPath(input.path) : undefined;
  const graded = overridden ? severity : (input.severity ?? severity);
  const severityReason = severityReasonOf(rule, graded, overridden, input);
  const finding: Finding = {
    ruleId: rule.id,
    surface: rule.surface,
    severity: graded,
    baseSeverity: rule.severity,
    ...(severityReason === undefined ? {} : { severityReason }),
    status,
    subject: findingSubject(subject),
    location: input.at ?? subject.at,
    ...(path === undefined ? {} : { path }),
    message: input.message,
    fix: input.fix ?? rule.remediation.summary,
    ...(input.admission === undefined ? {} : { admission: input.admission }),
    ...(input.basis === undefined ? {} : { basis: input.basis }),
    fingerprint: computeFingerprint({
      ruleId: rule.id,
      kind: subject.kind,
      namespace: subject.namespace,
      name: subject.name,
      path,
      file: subject.at.file,
    }),
  };
  const { origin } = subject;
  const located = input.at === undefined && Array.isArray(input.path) && origin !== undefined;
  // A result placed elsewhere than the subject (another object's line) has no counterpart in the copies.
  const onSubject = input.at === undefined || sameLine(input.at, subject.at);
  return {
    finding,
    locate: located ? { ruleId: rule.id, origin, path: input.path } : undefined,
    copies: onSubject ? (subject.copies ?? []) : [],
    path: Array.isArray(input.path) ? input.path : undefined,
  };
}

function runRule(
  rule: AnyRule,
  severity: Severity,
  model: ClusterModel,
  config: AkswardConfig | undefined,
  analyses: AnalysisRun,
  malformed: ReadonlyMap<ObjectOrigin, KubeObject>,
) {
  const setting = config?.rules?.[rule.id];
  const overridden = isOverridden(rule, config);
  const rawOptions = setting === undefined || setting === 'off' ? {} : (setting.options ?? {});
  let options: unknown = rawOptions;
  if (rule.parseOptions) {
    try {
      options = rule.parseOptions(rawOptions);
    } catch (cause) {
      throw new ConfigError(
        'config-invalid',
        `rules.${rule.id}.options: ${cause instanceof Error ? cause.message : String(cause)}`,
        { cause },
      );
    }
  }
  const results: (Reported | undefined)[] = [];
  const touched = new Set<ObjectOrigin>();
  /** A result on a malformed object: a pass rests on fields the rule could not read. */
  const guard = (input: ReportInput): ReportInput => {
    const origin = input.subject.origin;
    const object = origin === undefined ? undefined : malformed.get(origin);
    if (origin === undefined || object === undefined) return input;
    touched.add(origin);
    return input.status === 'pass' ? notAssessedInput(object) : input;
  };
  try {
    rule.check({
      model,
      options,
      analyses: analyses.pick(rule.needs ?? []),
      settings: {
        systemNamespaces: config?.systemNamespaces ?? [],
        allowedRegistries: config?.registries?.allowed,
        tenantLabel: config?.tenantLabel ?? DEFAULT_TENANT_LABEL,
      },
      report: (input) => results.push(toReported(rule, severity, overridden, guard(input))),
    });
  } catch (cause) {
    throw new RuleCrashedError(rule.id, { cause });
  }
  // A workload rule that said nothing of a malformed object (it read no container) did not assess it.
  if (rule.surface === 'workloads') {
    for (const [origin, object] of malformed)
      if (!touched.has(origin))
        results.push(toReported(rule, severity, overridden, notAssessedInput(object)));
  }
  return results;
}

/** Malformed objects (a field the rules read holds the wrong type), by origin. */
function malformedObjects(model: ClusterModel): Map<ObjectOrigin, KubeObject> {
  return new Map(
    model.objects.flatMap((object) => (object.malformed === undefined ? [] : [[object.origin, object]])),
  );
}

function notAssessedInput(object: KubeObject): ReportInput {
  const [first] = object.malformed ?? [];
  const problem = first === undefined ? 'a field holds the wrong type' : first.problem;
  return {
    subject: objectSubject(object),
    status: 'not-assessed',
    message: `${displayObject(object)} is malformed (${problem}): not assessed`,
    ...(first === undefined ? {} : { path: first.path }),
  };
}

/** The List item an origin sits in, or -1 for a whole document. */
function itemOf(origin: ObjectOrigin): number {
  const [first, item] = origin.basePath;
  return first === 'items' && typeof item === 'number' ? item : -1;
}

/** Orders locations by file, document and List item, so the locator parses each document once. */
function compareOrigins(a: ObjectOrigin, b: ObjectOrigin): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.documentIndex - b.documentIndex || itemOf(a) - itemOf(b);
}

/**
 * Turns every pending property path into its line. The locator may have to re-parse a document (one
 * the loader kept no key positions for) and caches only a few: visiting results in rule order would
 * re-parse the same documents over and over, so they are visited in document order (a stable sort
 * keeps each document's own requests in report order).
 */
function resolveLocations(model: ClusterModel, reported: readonly Reported[]): Finding[] {
  const order = reported.flatMap(({ locate }, index) => (locate === undefined ? [] : [{ index, locate }]));
  order.sort((a, b) => compareOrigins(a.locate.origin, b.locate.origin));
  const locations = new Map<number, SourceLocation>();
  for (const { index, locate: pending } of order) {
    try {
      locations.set(index, model.locate(pending.origin, pending.path));
    } catch (cause) {
      throw new RuleCrashedError(pending.ruleId, { cause });
    }
  }
  return reported.map(({ finding, copies, path, locate }, index) => {
    // The spread keeps the finding's key order.
    const location = locations.get(index) ?? finding.location;
    if (copies.length === 0) return location === finding.location ? finding : { ...finding, location };
    const others = copies.map((copy) => {
      if (path === undefined || locate === undefined) return copy.at;
      try {
        return model.locate(copy, path);
      } catch (cause) {
        throw new RuleCrashedError(locate.ruleId, { cause });
      }
    });
    return { ...finding, location, locations: [location, ...others] };
  });
}

/** "a.yaml:3, b.yaml:9": locations in a note. */
const listLocations = (locations: readonly SourceLocation[]): string =>
  locations.map((l) => `${l.file}:${String(l.line)}`).join(', ');

/**
 * Applies the first suppression that covers the finding. A finding defined in several places (`locations`) is
 * suppressed only when the suppression covers every one: covering some leaves it failing, with a note naming
 * what the suppression covered and where the finding still holds.
 */
function applySuppression(
  finding: Finding,
  suppressions: readonly Suppression[],
  used: Set<Suppression>,
  today: string,
): Finding {
  if (finding.status !== 'fail') return finding;
  const notes: string[] = [];
  const locations = finding.locations ?? [finding.location];
  for (const suppression of suppressions) {
    if (!suppression.matches(finding)) continue;
    const covered = locations.filter((location) => suppression.covers(location, finding));
    if (covered.length === 0) continue;
    used.add(suppression);
    if (suppression.expires !== undefined && suppression.expires < today) {
      notes.push(
        `suppression expired on ${suppression.expires} (${suppression.source}: ${suppression.reason})`,
      );
      continue;
    }
    if (covered.length < locations.length) {
      const open = locations.filter((location) => !covered.includes(location));
      notes.push(
        `not suppressed: the ${suppression.source} suppression (${suppression.reason}) covers ${listLocations(covered)} ` +
          `but not ${listLocations(open)}, where the same object is defined`,
      );
      continue;
    }
    const { source, reason, expires, at } = suppression;
    return {
      ...finding,
      status: 'suppressed',
      suppression: { source, reason, ...(expires === undefined ? {} : { expires }), ...(at ? { at } : {}) },
    };
  }
  return notes.length === 0 ? finding : { ...finding, notes: [...(finding.notes ?? []), ...notes] };
}

export function runAudit(model: ClusterModel, options: AuditOptions): AuditResult {
  const { config } = options;
  const coverage = emptyCoverage();
  const problems: SuppressionProblem[] = [];
  const suppressions = collectSuppressions(model, config?.suppressions ?? [], problems);
  const used = new Set<Suppression>();
  const findings: Finding[] = [];
  const rulesRun: string[] = [];
  let baselined = 0;

  const analyses = options.analyses ?? analysisRun(model);
  const malformed = malformedObjects(model);
  const reported: Reported[] = [];
  for (const rule of options.rules) {
    const severity = resolveSeverity(rule, config);
    if (severity === 'off') continue;
    rulesRun.push(rule.id);
    const counts = coverage[rule.surface] as { -readonly [K in keyof Coverage]: number };
    for (const entry of runRule(rule, severity, model, config, analyses, malformed)) {
      if (entry === undefined) {
        counts.passed += 1;
        continue;
      }
      const { finding } = entry;
      if (finding.status === 'not-assessed') counts.notAssessed += 1;
      else if (finding.status === 'provider-managed') counts.providerManaged += 1;
      else counts.failed += 1;
      if (options.baseline?.has(finding.fingerprint)) {
        baselined += 1;
        continue;
      }
      reported.push(entry);
    }
  }
  const graded = gradeFindings(resolveLocations(model, reported), {
    model,
    analyses,
    overridden: new Set(options.rules.filter((r) => isOverridden(r, config)).map((r) => r.id)),
    allowlistConfigured: config?.registries?.allowed !== undefined,
  });
  for (const finding of graded) findings.push(applySuppression(finding, suppressions, used, options.today));
  const ruleIds = new Set(options.rules.map((r) => r.id));
  for (const suppression of suppressions) {
    if (!ruleIds.has(suppression.ruleId) && !suppression.ruleId.includes('*')) {
      problems.push({
        message: `suppression names unknown rule "${suppression.ruleId}"`,
        ...(suppression.at ? { at: suppression.at } : {}),
      });
    }
  }
  return {
    findings: sortFindings(linkRootCauses(findings, analyses)),
    coverage,
    rulesRun,
    unusedSuppressions: suppressions
      .filter((s) => !used.has(s))
      .map((s) => ({ description: s.describe, ...(s.at ? { at: s.at } : {}) })),
    suppressionProblems: problems,
    baselined,
  };
}
