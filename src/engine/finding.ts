/** @module A finding: one rule's conclusion about one subject, as every report renders it. */
import type { SourceLocation } from '../model/index.js';
import { flatString } from '../model/index.js';
import type { Basis, Severity, Status, Surface } from '../rules/types.js';

export type Exposure = 'internet' | 'lateral' | 'internal';

export type SuppressionSource = 'annotation' | 'comment' | 'config';

export interface AppliedSuppression {
  readonly source: SuppressionSource;
  readonly reason: string;
  readonly expires?: string;
  /** Where the suppression is written. */
  readonly at?: SourceLocation;
}

export interface Finding {
  readonly ruleId: string;
  readonly surface: Surface;
  /** The severity by consequence: the base severity, raised or lowered by the engine's analyses (`severityReason`). */
  readonly severity: Severity;
  /** The rule's severity (or the configured override); absent only in hand-built findings, where it is `severity`. */
  readonly baseSeverity?: Severity;
  /** Why `severity` differs from `baseSeverity`, in one sentence. */
  readonly severityReason?: string;
  /**
   * Where the subject sits for an attacker (workload subjects only): `internet` exposed, `lateral` (reachable over
   * the network from an exposed workload), `internal` (neither).
   */
  readonly exposure?: Exposure;
  /** The attacker-gain rank that orders findings of one severity: higher first. */
  readonly rank?: number;
  /** The fingerprint of the root-cause finding that makes this one true: reported under it, counted once. */
  readonly impliedBy?: string;
  /** The fingerprints of the findings this root cause implies. */
  readonly implies?: readonly string[];
  readonly status: Exclude<Status, 'pass'>;
  readonly subject: {
    readonly kind: string;
    readonly name: string;
    readonly namespace?: string;
    readonly display: string;
    /** The subject's own first line (the object or resource), as opposed to the property line. */
    readonly at: SourceLocation;
  };
  readonly location: SourceLocation;
  /**
   * Set when the subject is defined in several inputs (one object, several files, or the same object in
   * several cluster scopes): every location, `location` first.
   */
  readonly locations?: readonly SourceLocation[];
  /** The cluster scopes the finding holds in, when the inputs form more than one (`--cluster-scope`). */
  readonly scopes?: readonly string[];
  /** Property path inside the subject, in the input's own vocabulary. */
  readonly path?: string;
  readonly message: string;
  readonly fix: string;
  /** Stable across line moves: rule, subject identity, property path and file. */
  readonly fingerprint: string;
  readonly suppression?: AppliedSuppression;
  /** Admission already rejects what this finding describes (Pod Security Admission): why, in one sentence. */
  readonly admission?: string;
  /** Extra facts: an expired suppression, a default that decided the value. */
  readonly notes?: readonly string[];
  /** What decided a cluster-setting result (stated, defaulted, unknown); not serialised by the reports. */
  readonly basis?: Basis;
}

/**
 * A finding while the engine completes it: built once when reported, then given its lines, grade, suppression
 * and root cause in place (src/engine/run-audit.ts).
 */
export type FindingDraft = { -readonly [K in keyof Finding]: Finding[K] };

/**
 * Adds `notes` after the finding's own. A large cluster's findings keep their notes for the whole run: the list
 * is made as long as its notes (`concat`; a spread leaves room for more) and each note is kept flat.
 */
export function addNotes(finding: FindingDraft, notes: readonly string[]): void {
  finding.notes = (finding.notes ?? []).concat(notes.map(flatString));
}

/** How many rule-subject checks were decided, by surface: the coverage line. */
export interface Coverage {
  readonly passed: number;
  readonly failed: number;
  readonly notAssessed: number;
  readonly providerManaged: number;
}
