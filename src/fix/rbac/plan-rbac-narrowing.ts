/**
 * @module The RBAC part of `aksward fix`: for every identity with a broad grant, the narrow grant added
 * alongside (step 1), then the removal of the broad binding as a separate, later step (step 2), with
 * the engine's proof that every audited request survives and the removed rights are gone.
 */
import type { ClusterModel, KubeObject } from '../../model/index.js';
import type { RbacAnalysis } from '../../analysis/rbac/rbac-analysis.js';
import { analyzeRbac, rbacAnalysisOf } from '../../analysis/rbac/rbac-analysis.js';
import { describeRequest } from '../../analysis/rbac/parse-request.js';
import type { RbacBinding } from '../../analysis/rbac/types.js';
import { describeRole } from '../../analysis/rbac/types.js';
import type { AuditEvidence, AuditedUsage } from './audit-evidence.js';
import { auditedUsage } from './audit-evidence.js';
import type { BroadGrant } from './broad-grants.js';
import { findBroadGrants } from './broad-grants.js';
import { filePath, narrowObjects, renderFile } from './generated-objects.js';
import { diagnoseSubjects } from './unknown-subjects.js';
import { byHandReason } from '../file-set.js';
import { collectSubjects, narrowSubject, objectRefOf, subjectKey, subjectRefOf } from './narrow-subjects.js';
import { proveNarrowing } from './prove-narrowing.js';
import type {
  BindingChange,
  ForbiddenAttempt,
  GeneratedFile,
  GrantStep,
  ObjectRef,
  RbacNarrowing,
  RemoveStep,
  SubjectNarrowing,
} from './types.js';

export interface NarrowOptions {
  /** Audit events (the audit-log loader's `AuditLog` fits); without them, manifests are the evidence. */
  readonly audit?: AuditEvidence;
  /** The scan's RBAC analysis of this model: without it, it is computed (once per model). */
  readonly analysis?: RbacAnalysis;
}

function evidenceNote(usage: AuditedUsage | undefined): string {
  if (!usage) return 'manifests only';
  const { window } = usage;
  const span = window.first && window.last ? `, ${window.first} to ${window.last}` : '';
  return `from ${window.events} audit events${span} (${window.files.join(', ')})`;
}

function grantFiles(narrowing: SubjectNarrowing, note: string): GeneratedFile[] {
  const replaces = narrowing.broadBindings.map((b) => b.binding.display);
  return narrowing.rules.map(({ namespace, rules }) => {
    const { role, binding } = narrowObjects(narrowing.subject, namespace, rules, replaces);
    const header = [
      `Narrow RBAC for ${narrowing.subject.display}, written by aksward fix: review before applying.`,
      `Evidence: ${narrowing.evidence === 'audit-log' ? note : narrowing.evidenceNote}.`,
      `Step 1: apply alongside ${replaces.join(', ')}; the broad grant is removed in a later step.`,
    ];
    return renderFile(filePath(narrowing.subject, namespace), header, [role, binding]);
  });
}

const bindingKey = (b: RbacBinding): string => objectRefOf(b).display;

interface Removal {
  readonly grant: BroadGrant;
  /** Subject keys removed by this step. */
  readonly removed: readonly string[];
  readonly remaining: readonly string[];
  readonly pending: boolean;
  /** A pending removal after a confirmed one of the same binding. */
  readonly followsConfirmed: boolean;
}

/** Each broad binding: the confirmed subjects first, then (if any) the ones needing the user's word. */
function removalsOf(
  broad: readonly BroadGrant[],
  bySubject: ReadonlyMap<string, SubjectNarrowing>,
): Removal[] {
  const out: Removal[] = [];
  for (const grant of broad) {
    const keys = grant.binding.subjects.flatMap((entry) => {
      const subject = subjectRefOf(entry, grant.binding);
      const key = subject ? subjectKey(subject) : undefined;
      return key !== undefined && bySubject.has(key) ? [key] : [];
    });
    const confirmed = keys.filter((k) => bySubject.get(k)?.needsUserInput === undefined);
    const pending = keys.filter((k) => !confirmed.includes(k));
    if (confirmed.length > 0)
      out.push({ grant, removed: confirmed, remaining: pending, pending: false, followsConfirmed: false });
    if (pending.length > 0)
      out.push({
        grant,
        removed: pending,
        remaining: [],
        pending: true,
        followsConfirmed: confirmed.length > 0,
      });
  }
  return out;
}

function editedBinding(
  grant: BroadGrant,
  removed: readonly string[],
  bySubject: ReadonlyMap<string, SubjectNarrowing>,
): GeneratedFile {
  const object = grant.binding.object as KubeObject;
  const names = new Set(removed.map((k) => bySubject.get(k)?.subject.name));
  const subjects = (object.body['subjects'] as unknown[]).filter((s) => {
    const name = (s as Record<string, unknown>)['name'];
    return !(typeof name === 'string' && names.has(name));
  });
  const body = { ...object.body, subjects };
  const header = [
    `${objectRefOf(grant.binding).display} with ${removed.map((k) => bySubject.get(k)?.subject.display ?? k).join(', ')} removed from its subjects (aksward fix, step 2).`,
  ];
  return renderFile(object.origin.at.file, header, [body]);
}

export function planRbacNarrowing(model: ClusterModel, options: NarrowOptions = {}): RbacNarrowing {
  const analysis = options.analysis ?? rbacAnalysisOf(model);
  const broad = findBroadGrants(analysis);
  const broadObjects = new Set(broad.map((g) => g.binding.object));
  const baseline = analyzeRbac({ ...model, objects: model.objects.filter((o) => !broadObjects.has(o)) });
  const usage = options.audit ? auditedUsage(options.audit) : undefined;
  const note = evidenceNote(usage);
  const context = { analysis, baseline, usage, evidenceNote: note };
  const subjects = collectSubjects(broad).map((item) => narrowSubject(context, item));
  const bySubject = new Map(subjects.map((s) => [subjectKey(s.subject), s]));

  const grants: GrantStep[] = subjects
    .filter((s) => s.rules.length > 0 || s.suggestions.length > 0)
    .map((s) => ({
      kind: 'grant-narrow',
      id: `rbac-narrow:${s.subject.slug}`,
      title: `Grant ${s.subject.display} the narrow rights it uses, alongside its broad grant`,
      subject: s.subject,
      files: grantFiles(s, note),
      dependsOn: [],
      closes: [],
      verify: [],
      breaksIfEarly: [],
    }));
  const grantIds = new Map(grants.map((g) => [subjectKey(g.subject), g.id]));

  // Which step removes the last binding of each manifest role.
  const references = new Map<string, number>();
  for (const binding of analysis.index.bindings) {
    if (binding.object === undefined) continue;
    const key = `${binding.roleRef.kind}/${binding.roleRef.kind === 'Role' ? (binding.namespace ?? '') + '/' : ''}${binding.roleRef.name}`;
    references.set(key, (references.get(key) ?? 0) + 1);
  }
  const roleKeyOf = (g: BroadGrant) =>
    `${g.role.kind}/${g.role.kind === 'Role' ? (g.role.namespace ?? '') + '/' : ''}${g.role.name}`;

  const removals: RemoveStep[] = removalsOf(broad, bySubject).map((removal) => {
    const ref = objectRefOf(removal.grant.binding);
    const deletes = removal.remaining.length === 0;
    const change: BindingChange = deletes
      ? {
          action: 'delete',
          binding: ref,
          removeSubjects: removal.removed.map((k) => bySubject.get(k)?.subject.display ?? k),
        }
      : {
          action: 'edit-subjects',
          binding: ref,
          removeSubjects: removal.removed.map((k) => bySubject.get(k)?.subject.display ?? k),
          edited: editedBinding(removal.grant, removal.removed, bySubject),
        };
    const deleteRoles: ObjectRef[] = [];
    if (deletes) {
      const key = roleKeyOf(removal.grant);
      const left = (references.get(key) ?? 0) - 1;
      references.set(key, left);
      const role = removal.grant.role;
      if (left === 0 && role.object) {
        const byHand = byHandReason(role.object.origin);
        deleteRoles.push({
          kind: role.kind,
          name: role.name,
          ...(role.namespace === undefined ? {} : { namespace: role.namespace }),
          display: describeRole(role).replace(/ \(.*\)$/, ''),
          file: role.object.origin.at.file,
          line: role.object.origin.at.line,
          ...(byHand === undefined ? {} : { byHand }),
        });
      }
    }
    const needsInput = removal.pending
      ? removal.removed
          .map((k) => bySubject.get(k)?.needsUserInput ?? '')
          .filter((t) => t !== '')
          .join('; ')
      : undefined;
    const id = `rbac-remove:${bindingKey(removal.grant.binding)}${removal.pending ? ':pending' : ''}`;
    return {
      kind: 'remove-broad',
      id,
      title: `${deletes ? 'Delete' : 'Edit'} ${ref.display}: remove the broad grant of ${change.removeSubjects.join(', ')}`,
      // A pending removal comes after the confirmed one of the same binding, and after every grant.
      dependsOn: [
        ...removal.removed.flatMap((k) => grantIds.get(k) ?? []),
        ...(removal.followsConfirmed ? [`rbac-remove:${bindingKey(removal.grant.binding)}`] : []),
      ],
      changes: [change],
      deleteRoles,
      blockedBy: [],
      closes: [],
      verify: [],
      breaksIfEarly: removal.removed.flatMap((k) =>
        (bySubject.get(k)?.needed ?? []).map(
          (u) =>
            `${bySubject.get(k)?.subject.display ?? k} loses ${describeRequest(u.request)}${u.count > 0 ? ` (${u.count} audited)` : ''}`,
        ),
      ),
      ...(needsInput === undefined ? {} : { needsUserInput: needsInput }),
    };
  });

  const forbidden: ForbiddenAttempt[] = (usage?.forbidden ?? []).map((u) => ({
    subject: u.user.name,
    request: describeRequest(u.request),
    count: u.count,
    at: u.at,
  }));
  const proved = proveNarrowing({ model, analysis, broad, subjects, grants, removals, usage });
  return {
    evidence: usage?.window,
    subjects,
    steps: [...proved.grants, ...proved.removals],
    proof: proved.proof,
    forbidden,
    diagnostics: usage ? diagnoseSubjects(analysis, usage) : [],
  };
}
