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
import {
  displayObject,
  extractNamespaces,
  extractWorkloads,
  flatString,
  formatPath,
  objectSubject,
} from '../model/index.js';
import type { AnyRule, ReportInput } from '../rules/define-rule.js';
import { DEFAULT_TENANT_LABEL } from '../rules/define-rule.js';
import type { Severity, Surface } from '../rules/types.js';
import { SURFACES } from '../rules/types.js';
import { ConfigError, RuleCrashedError } from '../errors.js';
import type { AnalysisRun } from './analyses.js';
import { analysisRun } from './analyses.js';
import type { AkswardConfig } from './config.js';
import { describeOptionsError } from './config.js';
import type { Coverage, Finding, FindingDraft } from './finding.js';
import { addNotes } from './finding.js';
import { gradeFindings } from './consequence.js';
import { sortFindings } from './finding-order.js';
import { computeFingerprint } from './fingerprint.js';
import { linkRootCauses } from './root-causes.js';
import type { Suppression, SuppressionProblem } from './suppressions.js';
import { collectSuppressions } from './suppressions.js';
import type { Timings } from './timings.js';
import { timed } from './timings.js';

export interface AuditOptions {
  readonly rules: readonly AnyRule[];
  readonly config?: AkswardConfig;
  /** Fingerprints of known findings (`--baseline`): hidden from the results, counted. */
  readonly baseline?: ReadonlySet<string>;
  /** Today, as YYYY-MM-DD, for suppression expiry. */
  readonly today: string;
  /** The analyses of this model, when the caller shares them (a scan's blast radius reads the attack graph). */
  readonly analyses?: AnalysisRun;
  /** Where the audit's time goes, when the caller keeps it (`scan --timings`): each rule and each pass after. */
  readonly timings?: Timings;
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

/**
 * A finding reported whose lines are still to find: the property path's line in the subject (`locate`), and the
 * subject's other definitions (same object in other inputs), located like the first. Found in a batch, in
 * document order (see `resolveLocations`).
 */
interface PendingLocation {
  readonly finding: FindingDraft;
  /** Set when `finding.location` is a placeholder for the line of this path in `origin`. */
  readonly path: readonly PathSegment[] | undefined;
  readonly origin: ObjectOrigin | undefined;
  readonly copies: readonly ObjectOrigin[];
}

/**
 * A subject as findings carry it (no origin, no copies). Shared by the findings on one subject: the model
 * hands out one subject per object, and most objects have findings of several rules.
 */
const findingSubjects = new WeakMap<Subject, Finding['subject']>();

function findingSubject(subject: Subject): Finding['subject'] {
  let found = findingSubjects.get(subject);
  if (found === undefined) {
    const { kind, name, namespace, display, at } = subject;
    found = namespace === undefined ? { kind, name, display, at } : { kind, name, namespace, display, at };
    findingSubjects.set(subject, found);
  }
  return found;
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
 * The optional fields are set after the literal (no spread of a one-field object per field and finding).
 */
function toFinding(
  rule: AnyRule,
  severity: Severity,
  overridden: boolean,
  input: ReportInput,
  status: Finding['status'],
): FindingDraft {
  const { subject } = input;
  // formatPath's result is flat already; a path the check gave as text is flattened here.
  const path =
    typeof input.path === 'string' ? flatString(input.path) : input.path ? formatPath(input.path) : undefined;
  const graded = overridden ? severity : (input.severity ?? severity);
  const finding: FindingDraft = {
    ruleId: rule.id,
    surface: rule.surface,
    severity: graded,
    baseSeverity: rule.severity,
    status,
    subject: findingSubject(subject),
    location: input.at ?? subject.at,
    message: flatString(input.message),
    fix: input.fix ?? rule.remediation.summary,
    fingerprint: computeFingerprint({
      ruleId: rule.id,
      kind: subject.kind,
      namespace: subject.namespace,
      name: subject.name,
      path,
      file: subject.at.file,
    }),
  };
  const severityReason = severityReasonOf(rule, graded, overridden, input);
  if (severityReason !== undefined) finding.severityReason = flatString(severityReason);
  if (path !== undefined) finding.path = path;
  if (input.admission !== undefined) finding.admission = input.admission;
  if (input.basis !== undefined) finding.basis = input.basis;
  return finding;
}

/**
 * The rules' results as they come: coverage counts, the findings in report order (the baseline's taken
 * out) and the lines still to find. A pass is only counted.
 */
class Collector {
  readonly coverage = emptyCoverage();
  readonly findings: FindingDraft[] = [];
  readonly pending: PendingLocation[] = [];
  baselined = 0;
  readonly #baseline: ReadonlySet<string> | undefined;

  constructor(baseline: ReadonlySet<string> | undefined) {
    this.#baseline = baseline;
  }

  add(rule: AnyRule, severity: Severity, overridden: boolean, input: ReportInput): void {
    const counts = this.coverage[rule.surface] as { -readonly [K in keyof Coverage]: number };
    const status = input.status ?? 'fail';
    if (status === 'pass') {
      counts.passed += 1;
      return;
    }
    if (status === 'not-assessed') counts.notAssessed += 1;
    else if (status === 'provider-managed') counts.providerManaged += 1;
    else counts.failed += 1;
    const finding = toFinding(rule, severity, overridden, input, status);
    if (this.#baseline?.has(finding.fingerprint) === true) {
      this.baselined += 1;
      return;
    }
    this.findings.push(finding);
    const { subject, at } = input;
    const { origin } = subject;
    const path = Array.isArray(input.path) ? input.path : undefined;
    const located = at === undefined && path !== undefined && origin !== undefined;
    // A result placed elsewhere than the subject (another object's line) has no counterpart in the copies.
    const copies = at === undefined || sameLine(at, subject.at) ? (subject.copies ?? []) : [];
    if (located || copies.length > 0)
      this.pending.push({ finding, path: located ? path : undefined, origin, copies });
  }
}

function runRule(
  rule: AnyRule,
  severity: Severity,
  model: ClusterModel,
  config: AkswardConfig | undefined,
  analyses: AnalysisRun,
  malformed: ReadonlyMap<ObjectOrigin, KubeObject>,
  collector: Collector,
): void {
  const setting = config?.rules?.[rule.id];
  const overridden = isOverridden(rule, config);
  const rawOptions = setting === undefined || setting === 'off' ? {} : (setting.options ?? {});
  let options: unknown = rawOptions;
  if (rule.parseOptions) {
    try {
      options = rule.parseOptions(rawOptions);
    } catch (cause) {
      throw new ConfigError('config-invalid', describeOptionsError(`rules.${rule.id}.options`, cause), {
        cause,
      });
    }
  }
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
      report: (input) => {
        collector.add(rule, severity, overridden, guard(input));
      },
    });
  } catch (cause) {
    throw new RuleCrashedError(rule.id, { cause });
  }
  // A workload rule that said nothing of a malformed object (it read no container) did not assess it.
  if (rule.surface === 'workloads') {
    for (const [origin, object] of malformed)
      if (!touched.has(origin)) collector.add(rule, severity, overridden, notAssessedInput(object));
  }
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

type Located = PendingLocation & { readonly origin: ObjectOrigin; readonly path: readonly PathSegment[] };

const isLocated = (entry: PendingLocation): entry is Located =>
  entry.origin !== undefined && entry.path !== undefined;

/**
 * Turns every pending property path into its line. The locator may have to re-parse a document (one
 * the loader kept no key positions for) and caches only a few: visiting results in rule order would
 * re-parse the same documents over and over, so they are visited in document order (a stable sort
 * keeps each document's own requests in report order). Then the copies, in report order.
 */
function resolveLocations(model: ClusterModel, pending: readonly PendingLocation[]): void {
  const locate = (finding: Finding, origin: ObjectOrigin, path: readonly PathSegment[]): SourceLocation => {
    try {
      return model.locate(origin, path);
    } catch (cause) {
      throw new RuleCrashedError(finding.ruleId, { cause });
    }
  };
  const byDocument = pending.filter(isLocated);
  byDocument.sort((a, b) => compareOrigins(a.origin, b.origin));
  for (const { finding, origin, path } of byDocument) finding.location = locate(finding, origin, path);
  for (const { finding, path, copies } of pending) {
    if (copies.length === 0) continue;
    const others = copies.map((copy) => (path === undefined ? copy.at : locate(finding, copy, path)));
    finding.locations = [finding.location, ...others];
  }
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
  finding: FindingDraft,
  suppressions: readonly Suppression[],
  used: Set<Suppression>,
  today: string,
): void {
  if (finding.status !== 'fail') return;
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
    finding.status = 'suppressed';
    finding.suppression = {
      source,
      reason,
      ...(expires === undefined ? {} : { expires }),
      ...(at ? { at } : {}),
    };
    return;
  }
  if (notes.length > 0) addNotes(finding, notes);
}

/**
 * The findings are built once, when reported, and each pass after the rules (locations, grading, suppressions,
 * root causes, order) completes them in place: a copy per finding and pass was most of the audit's garbage.
 */
export function runAudit(model: ClusterModel, options: AuditOptions): AuditResult {
  const { config, timings } = options;
  const problems: SuppressionProblem[] = [];
  const suppressions = timed(timings, 'audit', 'suppressions', () =>
    collectSuppressions(model, config?.suppressions ?? [], problems),
  );
  const used = new Set<Suppression>();
  const rulesRun: string[] = [];

  const analyses = options.analyses ?? analysisRun(model, timings);
  if (timings !== undefined) {
    // The model's workloads and namespaces, kept once built: timed, they are built here, not in the rule that
    // reads them first (untimed, that rule builds them).
    timings.measure('analysis', 'workloads', () => extractWorkloads(model.objects));
    timings.measure('analysis', 'namespaces', () => extractNamespaces(model.objects));
  }
  const malformed = malformedObjects(model);
  const collector = new Collector(options.baseline);
  for (const rule of options.rules) {
    const severity = resolveSeverity(rule, config);
    if (severity === 'off') continue;
    rulesRun.push(rule.id);
    timed(timings, 'rule', rule.id, () => {
      runRule(rule, severity, model, config, analyses, malformed, collector);
    });
  }
  const { findings } = collector;
  timed(timings, 'audit', 'locations', () => {
    resolveLocations(model, collector.pending);
  });
  timed(timings, 'audit', 'grading', () => {
    gradeFindings(findings, {
      model,
      analyses,
      overridden: new Set(options.rules.filter((r) => isOverridden(r, config)).map((r) => r.id)),
      allowlistConfigured: config?.registries?.allowed !== undefined,
    });
  });
  if (suppressions.length > 0)
    timed(timings, 'audit', 'suppressions', () => {
      for (const finding of findings) applySuppression(finding, suppressions, used, options.today);
    });
  const ruleIds = new Set(options.rules.map((r) => r.id));
  for (const suppression of suppressions) {
    if (!ruleIds.has(suppression.ruleId) && !suppression.ruleId.includes('*')) {
      problems.push({
        message: `suppression names unknown rule "${suppression.ruleId}"`,
        ...(suppression.at ? { at: suppression.at } : {}),
      });
    }
  }
  timed(timings, 'audit', 'root causes', () => {
    linkRootCauses(findings, analyses);
  });
  return {
    findings: timed(timings, 'audit', 'order', () => sortFindings(findings)),
    coverage: collector.coverage,
    rulesRun,
    unusedSuppressions: suppressions
      .filter((s) => !used.has(s))
      .map((s) => ({ description: s.describe, ...(s.at ? { at: s.at } : {}) })),
    suppressionProblems: problems,
    baselined: collector.baselined,
  };
}
