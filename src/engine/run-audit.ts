/** @module runAudit: rules over the model, then severity overrides, suppressions and the baseline. No I/O. */
import type { ClusterModel, SourceLocation } from '../model/index.js';
import { formatPath } from '../model/index.js';
import type { AnyRule, ReportInput } from '../rules/define-rule.js';
import { DEFAULT_TENANT_LABEL } from '../rules/define-rule.js';
import type { Severity, Status, Surface } from '../rules/types.js';
import { SURFACES } from '../rules/types.js';
import { ConfigError, RuleCrashedError } from '../errors.js';
import type { AkswardConfig } from './config.js';
import type { Coverage, Finding } from './finding.js';
import { computeFingerprint } from './fingerprint.js';
import type { Suppression, SuppressionProblem } from './suppressions.js';
import { collectSuppressions } from './suppressions.js';

export interface AuditOptions {
  readonly rules: readonly AnyRule[];
  readonly config?: AkswardConfig;
  /** Fingerprints of known findings (`--baseline`): hidden from the results, counted. */
  readonly baseline?: ReadonlySet<string>;
  /** Today, as YYYY-MM-DD, for suppression expiry. */
  readonly today: string;
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

interface RawResult extends Omit<Finding, 'suppression' | 'notes'> {
  readonly passed: boolean;
}

function emptyCoverage(): Record<Surface, Coverage> {
  return Object.fromEntries(
    SURFACES.map((s) => [s, { passed: 0, failed: 0, notAssessed: 0, providerManaged: 0 }]),
  ) as Record<Surface, Coverage>;
}

function resolveSeverity(rule: AnyRule, config: AkswardConfig | undefined): Severity | 'off' {
  const setting = config?.rules?.[rule.id];
  if (setting === 'off' || setting?.enabled === false) return 'off';
  return setting?.severity ?? rule.severity;
}

/**
 * `severity` is the rule's default or the user's override; `overridden` says which. A user override
 * wins over the severity a check sets for one result (a public API server with ranges is `high`).
 */
function toRawResult(
  rule: AnyRule,
  severity: Severity,
  overridden: boolean,
  model: ClusterModel,
  input: ReportInput,
): RawResult {
  const { subject } = input;
  const path = typeof input.path === 'string' ? input.path : input.path ? formatPath(input.path) : undefined;
  let location = input.at ?? subject.at;
  if (input.at === undefined && Array.isArray(input.path) && subject.origin) {
    location = model.locate(subject.origin, input.path);
  }
  const status = input.status ?? 'fail';
  const ruleSeverity = overridden ? severity : (input.severity ?? severity);
  return {
    ruleId: rule.id,
    surface: rule.surface,
    severity: ruleSeverity,
    status: status === 'pass' ? 'fail' : status,
    passed: status === 'pass',
    subject: {
      kind: subject.kind,
      name: subject.name,
      ...(subject.namespace === undefined ? {} : { namespace: subject.namespace }),
      display: subject.display,
      at: subject.at,
    },
    location,
    ...(path === undefined ? {} : { path }),
    message: input.message,
    fix: input.fix ?? rule.remediation.summary,
    ...(input.admission === undefined ? {} : { admission: input.admission }),
    fingerprint: computeFingerprint({
      ruleId: rule.id,
      kind: subject.kind,
      namespace: subject.namespace,
      name: subject.name,
      path,
      file: subject.at.file,
    }),
  };
}

function runRule(rule: AnyRule, severity: Severity, model: ClusterModel, config: AkswardConfig | undefined) {
  const setting = config?.rules?.[rule.id];
  const overridden = setting !== undefined && setting !== 'off' && setting.severity !== undefined;
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
  const results: RawResult[] = [];
  try {
    rule.check({
      model,
      options,
      settings: {
        systemNamespaces: config?.systemNamespaces ?? [],
        allowedRegistries: config?.registries?.allowed,
        tenantLabel: config?.tenantLabel ?? DEFAULT_TENANT_LABEL,
      },
      report: (input) => results.push(toRawResult(rule, severity, overridden, model, input)),
    });
  } catch (cause) {
    throw new RuleCrashedError(rule.id, { cause });
  }
  return results;
}

function applySuppression(
  finding: Finding,
  suppressions: readonly Suppression[],
  used: Set<Suppression>,
  today: string,
): Finding {
  if (finding.status !== 'fail') return finding;
  const notes: string[] = [];
  for (const suppression of suppressions) {
    if (!suppression.matches(finding)) continue;
    used.add(suppression);
    if (suppression.expires !== undefined && suppression.expires < today) {
      notes.push(
        `suppression expired on ${suppression.expires} (${suppression.source}: ${suppression.reason})`,
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
  return notes.length === 0 ? finding : { ...finding, notes };
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
  info: 4,
};
const STATUS_ORDER: Readonly<Record<Exclude<Status, 'pass'>, number>> = {
  fail: 0,
  'not-assessed': 1,
  'provider-managed': 2,
  suppressed: 3,
};

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SURFACES.indexOf(a.surface) - SURFACES.indexOf(b.surface) ||
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.location.file.localeCompare(b.location.file) ||
    a.location.line - b.location.line ||
    a.subject.display.localeCompare(b.subject.display)
  );
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

  for (const rule of options.rules) {
    const severity = resolveSeverity(rule, config);
    if (severity === 'off') continue;
    rulesRun.push(rule.id);
    for (const raw of runRule(rule, severity, model, config)) {
      const { passed, ...result } = raw;
      const counts = coverage[rule.surface] as { -readonly [K in keyof Coverage]: number };
      if (passed) {
        counts.passed += 1;
        continue;
      }
      if (result.status === 'not-assessed') counts.notAssessed += 1;
      else if (result.status === 'provider-managed') counts.providerManaged += 1;
      else counts.failed += 1;
      if (options.baseline?.has(result.fingerprint)) {
        baselined += 1;
        continue;
      }
      findings.push(applySuppression(result, suppressions, used, options.today));
    }
  }
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
    findings: findings.sort(compareFindings),
    coverage,
    rulesRun,
    unusedSuppressions: suppressions
      .filter((s) => !used.has(s))
      .map((s) => ({ description: s.describe, ...(s.at ? { at: s.at } : {}) })),
    suppressionProblems: problems,
    baselined,
  };
}
