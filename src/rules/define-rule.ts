/** @module The one shape every rule has, and the context a check runs in. */
import type { ClusterModel, PathSegment, Subject } from '../model/index.js';
import type { Basis, PeerIds, Reference, Remediation, Severity, Status, Surface } from './types.js';
import type { AnalysisName, Analyses } from './kit/analyses.js';

/** Rule options from `.aksward.yaml` (`rules.<id>.options`), validated by the rule's own `options` parser. */
export type RuleOptions = Readonly<Record<string, unknown>>;

export interface ReportInput {
  readonly subject: Subject;
  /** Property path inside the subject (`['properties', 'enableRBAC']`), or a path string from a cluster setting. */
  readonly path?: readonly PathSegment[] | string;
  /** Overrides the line from `path` when the check knows it (cluster settings carry their own line). */
  readonly at?: Subject['at'];
  /** Defaults to `fail`. */
  readonly status?: Exclude<Status, 'suppressed'>;
  /** Overrides the rule's severity for this result (e.g. a public API server with authorized ranges is `high`). */
  readonly severity?: Severity;
  /** Why this result's severity differs from the rule's, when the check sets one (shown as `severityReason`). */
  readonly severityReason?: string;
  readonly message: string;
  /** The concrete fix for this subject, when it differs from the rule's remediation summary. */
  readonly fix?: string;
  /**
   * Set when admission already closes this gap: e.g. "blocked at admission: namespace shop enforces
   * restricted (pod-security.kubernetes.io/enforce)". The finding still fails; reports mark it.
   */
  readonly admission?: string;
  /** What decided the result, when it is about a cluster setting (set by `checkSetting`). */
  readonly basis?: Basis;
}

/** Project-wide settings from `.aksward.yaml` that several rules share. */
export interface RuleSettings {
  /** Namespaces treated as system namespaces besides the built-in ones (`systemNamespaces`). */
  readonly systemNamespaces: readonly string[];
  /** Allowed image registries (`registries.allowed`); undefined means the default allowlist. */
  readonly allowedRegistries: readonly string[] | undefined;
  /** The label that marks a namespace as a tenant (`tenantLabel`, default `aksward.io/tenant`). */
  readonly tenantLabel: string;
}

export const DEFAULT_TENANT_LABEL = 'aksward.io/tenant';

/** `Needs`: the analyses the rule declared; it is handed those and no other. */
export interface RuleContext<Options = RuleOptions, Needs extends AnalysisName = never> {
  readonly model: ClusterModel;
  readonly options: Options;
  readonly settings: RuleSettings;
  readonly analyses: Pick<Analyses, Needs>;
  readonly report: (result: ReportInput) => void;
}

export interface Rule<Id extends string = string, Options = RuleOptions, Needs extends AnalysisName = never> {
  /** kebab-case, equal to the file name; never reused. */
  readonly id: Id;
  readonly title: string;
  readonly surface: Surface;
  readonly severity: Severity;
  /** Why it matters. */
  readonly rationale: string;
  readonly remediation: Remediation;
  /** What the rule reads: the cluster definition, manifests, or both. */
  readonly reads: readonly ('cluster' | 'manifests' | 'role-assignments')[];
  readonly peers: PeerIds;
  readonly references: readonly Reference[];
  readonly since: string;
  /** Parses `rules.<id>.options` from the config; throws a message on invalid options. */
  readonly parseOptions?: (raw: unknown) => Options;
  /** The analyses `check` reads from `context.analyses` (src/rules/kit/analyses.ts); none when absent. */
  readonly needs?: readonly Needs[];
  check(context: RuleContext<Options, Needs>): void;
}

// Rules have differing option types and needs; the registry stores them behind this erased shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<string, any, any>;

export function defineRule<
  const Id extends string,
  Options = RuleOptions,
  Needs extends AnalysisName = never,
>(rule: Rule<Id, Options, Needs>): Rule<Id, Options, Needs> {
  return rule;
}

/**
 * The AKS hardening guidance aksward implements, cited by each rule as the part it relies on: the
 * hardening checklist (one control per row, by surface), the priority matrix (Critical, High, Medium:
 * the default severities), the rollout order (what to decide when the cluster is created; audit
 * before deny) and the verification section (test each surface from the attacker's side). A rule that
 * no single part names cites the guidance as a whole.
 */
export const GUIDANCE = {
  guide: { title: 'AKS hardening guidance' },
  checklist: { title: 'AKS hardening guidance: the hardening checklist, by surface' },
  priorityMatrix: { title: 'AKS hardening guidance: the priority matrix (Critical, High, Medium)' },
  rolloutOrder: {
    title: 'AKS hardening guidance: the rollout order (decide at creation, audit before deny)',
  },
  verification: {
    title: 'AKS hardening guidance: verifying the posture (test each surface as an attacker would)',
  },
} as const satisfies Readonly<Record<string, Reference>>;

/** Settings when the config says nothing. */
export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  systemNamespaces: [],
  allowedRegistries: undefined,
  tenantLabel: DEFAULT_TENANT_LABEL,
};
