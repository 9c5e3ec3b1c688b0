/** @module The RBAC narrowing as data for a plan builder: subjects, ordered steps, artifacts, proofs. */
import type { JsonObject } from '../../model/index.js';
import type { Verdict } from '../../analysis/rbac/decide.js';
import type { AccessRequest, PolicyRule } from '../../analysis/rbac/types.js';
import type { EvidenceWindow, UsedRequest } from './audit-evidence.js';
import type { RbacRuleId } from './broad-grants.js';

/** A binding subject, and the identity `kubectl auth can-i --as` checks it with. */
export interface SubjectRef {
  readonly kind: 'User' | 'Group' | 'ServiceAccount';
  readonly name: string;
  /** ServiceAccounts only. */
  readonly namespace?: string;
  /** `ServiceAccount shop/deployer`, `Group devs`. */
  readonly display: string;
  /** File-name and object-name safe: `shop-deployer`, `group-devs`. */
  readonly slug: string;
}

export interface ObjectRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** `RoleBinding/shop/default-deployer`. */
  readonly display: string;
  /** Where the user's manifest defines it. */
  readonly file?: string;
  readonly line?: number;
  /**
   * Why its manifest is changed by hand and not by a diff: it is an item of a List document, which holds other
   * objects (`item 2 of a List`), or it is rendered from a template. Absent for an object that is a document.
   */
  readonly byHand?: string;
}

/** `audit-log`: narrowed from what the identity used; `manifests`: from what its workloads imply; `none`: no evidence. */
export type EvidenceKind = 'audit-log' | 'manifests' | 'none';

export interface GeneratedFile {
  /** Relative to the output folder: `rbac/shop/default-narrow.yaml`, `rbac/cluster/…`. */
  readonly path: string;
  readonly objects: readonly JsonObject[];
  /** The YAML, with a header comment stating the evidence. */
  readonly text: string;
}

/** One `kubectl auth can-i` line with the answer it must give, and the engine's answer on the result. */
export interface CanICheck {
  readonly command: string;
  readonly expected: 'yes' | 'no';
  readonly subject: string;
  readonly request: AccessRequest;
  /** The engine's verdict on the model after the steps. */
  readonly verdict: Verdict;
  readonly holds: boolean;
}

export interface RuleOutcome {
  readonly ruleId: RbacRuleId;
  /** The object the rule reports on (the binding, the role, or a workload). */
  readonly object: string;
  readonly status: 'closed' | 'open';
  /** For `open`: what keeps it open (a right the identity used, a role other bindings still reference). */
  readonly reason?: string;
}

export interface SubjectNarrowing {
  readonly subject: SubjectRef;
  /** The broad bindings naming it, with the rules each trips. */
  readonly broadBindings: readonly { readonly binding: ObjectRef; readonly ruleIds: readonly RbacRuleId[] }[];
  readonly evidence: EvidenceKind;
  /** In words: `214 audit events, 2026-11-02T… to …`, `manifests only: …`. */
  readonly evidenceNote: string;
  /** The requests the broad grants allowed and the identity needs (used, and not allowed by anything else). */
  readonly needed: readonly UsedRequest[];
  /** The narrow rules, by scope (`''` = cluster-wide). */
  readonly rules: readonly { readonly namespace: string; readonly rules: readonly PolicyRule[] }[];
  /** Workloads running as this service account. */
  readonly workloads: readonly string[];
  /** Advice beyond RBAC (`automountServiceAccountToken: false` on …, a dedicated service account). */
  readonly suggestions: readonly string[];
  /** Set when the broad grant must not be removed without the user's word. */
  readonly needsUserInput?: string;
}

export interface BindingChange {
  readonly action: 'delete' | 'edit-subjects';
  readonly binding: ObjectRef;
  /** For `edit-subjects`: the subjects removed, and the binding as it must read afterwards. */
  readonly removeSubjects: readonly string[];
  readonly edited?: GeneratedFile;
}

export interface StepBase {
  /** Stable: `rbac-narrow:<subject slug>`, `rbac-remove:<binding>`. */
  readonly id: string;
  readonly title: string;
  readonly dependsOn: readonly string[];
  readonly closes: readonly RuleOutcome[];
  readonly verify: readonly CanICheck[];
  /** What fails if this step is applied before the ones it depends on (or at all, if blocked). */
  readonly breaksIfEarly: readonly string[];
  readonly needsUserInput?: string;
}

export interface GrantStep extends StepBase {
  readonly kind: 'grant-narrow';
  readonly subject: SubjectRef;
  readonly files: readonly GeneratedFile[];
}

export interface RemoveStep extends StepBase {
  readonly kind: 'remove-broad';
  readonly changes: readonly BindingChange[];
  /** Manifest roles no binding references afterwards (delete them too). */
  readonly deleteRoles: readonly ObjectRef[];
  /** Audited requests this step would break: when not empty the step must not be applied. */
  readonly blockedBy: readonly string[];
}

export type RbacStep = GrantStep | RemoveStep;

export interface RequestCheck {
  readonly subject: string;
  readonly request: string;
  readonly count: number;
  readonly verdict: Verdict;
}

export interface NarrowingProof {
  /** Audited allowed requests the model allowed before, and still allows after. */
  readonly preserved: number;
  /** Audited allowed requests the model allowed before and denies after: none may exist. */
  readonly lost: readonly RequestCheck[];
  /** Audited allowed requests the model could not explain before (identities outside the inputs' RBAC). */
  readonly notModeled: number;
  /** `can-i` for the removed rights: each must answer no. */
  readonly removedRights: readonly CanICheck[];
  /** `can-i` for the kept rights: each must answer yes. */
  readonly keptRights: readonly CanICheck[];
  readonly holds: boolean;
}

export interface ForbiddenAttempt {
  readonly subject: string;
  readonly request: string;
  readonly count: number;
  readonly at: { readonly file: string; readonly line: number };
}

export interface NarrowingDiagnostic {
  readonly code: 'unknown-subject';
  readonly level: 'warning' | 'info';
  readonly message: string;
  readonly file: string;
  readonly line: number;
  /** Events of this identity. */
  readonly events: number;
}

export interface RbacNarrowing {
  readonly evidence: EvidenceWindow | undefined;
  readonly subjects: readonly SubjectNarrowing[];
  /** Grants first, removals after (each depending on the grants of the subjects it removes). */
  readonly steps: readonly RbacStep[];
  readonly proof: NarrowingProof;
  readonly forbidden: readonly ForbiddenAttempt[];
  readonly diagnostics: readonly NarrowingDiagnostic[];
}
