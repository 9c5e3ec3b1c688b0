/**
 * @module Fields a finding may carry from the severity and scoping analyses, read without depending on
 * their exact types: the severity before a consequence changed it and why, the root cause a finding is
 * implied by (nested under it, counted once), and the other places the same object is defined.
 */
import type { Finding } from '../engine/finding.js';
import type { SourceLocation } from '../model/index.js';
import type { Severity } from '../rules/types.js';
import { SEVERITIES } from '../rules/types.js';

export interface FindingExtras {
  /** The rule's severity when the engines changed it, with the reason. */
  readonly baseSeverity?: Severity;
  readonly severityReason?: string;
  /** Set on a finding nested under a root cause: the root's fingerprint or rule id. */
  readonly impliedBy?: string;
  /** How many findings are nested under this root cause. */
  readonly children: number;
  /** Every place the subject is defined, when it is defined more than once. */
  readonly locations: readonly SourceLocation[];
  /** The attacker-gain rank of the severity analysis (higher first), when it computed one. */
  readonly rank?: number;
}

const isSeverity = (v: unknown): v is Severity => SEVERITIES.some((s) => s === v);

function describeRoot(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const { fingerprint, ruleId } = value as { fingerprint?: unknown; ruleId?: unknown };
  if (typeof fingerprint === 'string') return fingerprint;
  return typeof ruleId === 'string' ? ruleId : undefined;
}

/** The root cause `finding` is nested under (its fingerprint or rule id), when it has one of a usable shape. */
export function impliedRoot(finding: Finding): string | undefined {
  const { impliedBy } = finding as unknown as Record<string, unknown>;
  return describeRoot(Array.isArray(impliedBy) ? (impliedBy as unknown[])[0] : impliedBy);
}

/** The attacker-gain rank of `finding`, when the severity analysis computed a usable one. */
export function findingRank(finding: Finding): number | undefined {
  const { rank } = finding as unknown as Record<string, unknown>;
  return typeof rank === 'number' && Number.isFinite(rank) ? rank : undefined;
}

/** The extra fields of `finding`, each only when present and of a usable shape. */
export function findingExtras(finding: Finding): FindingExtras {
  const loose = finding as unknown as Record<string, unknown>;
  const { baseSeverity, severityReason, children, locations } = loose;
  const root = impliedRoot(finding);
  const rank = findingRank(finding);
  return {
    ...(isSeverity(baseSeverity) && baseSeverity !== finding.severity ? { baseSeverity } : {}),
    ...(typeof severityReason === 'string' && severityReason !== '' ? { severityReason } : {}),
    ...(root === undefined ? {} : { impliedBy: root }),
    children: Array.isArray(children) ? children.length : typeof children === 'number' ? children : 0,
    locations: Array.isArray(locations)
      ? (locations as unknown[]).filter(
          (l): l is SourceLocation =>
            typeof l === 'object' && l !== null && typeof (l as { file?: unknown }).file === 'string',
        )
      : [],
    ...(rank === undefined ? {} : { rank }),
  };
}

/** Whether `finding` is nested under a root cause (listed under it, not on its own). */
export const isImplied = (finding: Finding): boolean => impliedRoot(finding) !== undefined;
