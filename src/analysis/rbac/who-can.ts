/**
 * @module Every subject that can make a request, over both planes, with its evidence: Kubernetes users,
 * groups and service accounts (and the workloads running as them), and Entra principals from Azure
 * role assignments.
 */
import type { AzureRoleAssignment } from '../../model/azure-rbac.js';
import type { AzureContext } from './azure-context.js';
import { dataActionFor } from './azure-actions.js';
import type { AzureGrant, CredentialGrant } from './evaluate-azure.js';
import { credentialGrants, grantsFor, scopeForRequest } from './evaluate-azure.js';
import { bindingNamespace, bindingsFor } from './evaluate-k8s.js';
import { ruleAllows } from './match-rule.js';
import type { RbacIndex } from './rbac-index.js';
import { resolveRoleRef } from './rbac-index.js';
import type { AccessRequest, EffectiveRule, RbacBinding, RbacRole, RbacSubject } from './types.js';
import { AUTHENTICATED, MASTERS, serviceAccountUsername, subjectServiceAccount } from './user-info.js';
import type { WorkloadRef } from './workload-identity.js';
import { workloadsInGroup, workloadsRunningAs } from './workload-identity.js';

export type Evidence =
  | {
      readonly kind: 'kubernetes';
      readonly binding: RbacBinding;
      readonly subject: RbacSubject;
      readonly role: RbacRole;
      readonly rule: EffectiveRule;
    }
  | {
      readonly kind: 'unresolved-binding';
      readonly binding: RbacBinding;
      readonly subject: RbacSubject;
      readonly reason: string;
    }
  | { readonly kind: 'superuser' }
  | { readonly kind: 'rbac-off'; readonly basis: string; readonly certain: boolean }
  | { readonly kind: 'azure'; readonly grant: AzureGrant }
  | { readonly kind: 'credential'; readonly grant: CredentialGrant }
  | { readonly kind: 'unresolved-role'; readonly assignment: AzureRoleAssignment; readonly reason: string };

export type WhoCanKind = 'User' | 'Group' | 'ServiceAccount' | 'AzurePrincipal';

export interface WhoCanEntry {
  readonly kind: WhoCanKind;
  /** The Kubernetes username or group, `system:serviceaccount:<ns>:<name>`, or the principal's name or id. */
  readonly name: string;
  readonly certain: boolean;
  /** True when every piece of evidence is a Kubernetes default (bootstrap) binding. */
  readonly isDefault: boolean;
  readonly evidence: readonly Evidence[];
  readonly workloads: readonly WorkloadRef[];
}

export interface WhoCanResult {
  readonly request: AccessRequest;
  readonly entries: readonly WhoCanEntry[];
  readonly notes: readonly string[];
}

interface Draft {
  kind: WhoCanKind;
  name: string;
  evidence: Evidence[];
  workloads: WorkloadRef[];
}

class Collector {
  readonly drafts = new Map<string, Draft>();
  add(kind: WhoCanKind, name: string, evidence: Evidence, workloads: () => WorkloadRef[] = () => []): void {
    const key = `${kind}\u0000${kind === 'AzurePrincipal' ? name.toLowerCase() : name}`;
    const draft = this.drafts.get(key);
    if (draft) draft.evidence.push(evidence);
    else this.drafts.set(key, { kind, name, evidence: [evidence], workloads: workloads() });
  }
}

function addSubject(
  out: Collector,
  index: RbacIndex,
  binding: RbacBinding,
  subject: RbacSubject,
  evidence: Evidence,
  notes: string[],
): void {
  if (subject.kind === 'User') {
    out.add('User', subject.name, evidence);
    return;
  }
  if (subject.kind === 'Group') {
    out.add('Group', subject.name, evidence, () => workloadsInGroup(index, subject.name));
    return;
  }
  const account = subjectServiceAccount(subject, bindingNamespace(binding));
  if (!account) {
    notes.push(
      `${binding.kind}/${binding.name}: ServiceAccount subject "${subject.name}" has no namespace and matches nobody`,
    );
    return;
  }
  const name = serviceAccountUsername(account.namespace, account.name);
  out.add('ServiceAccount', name, evidence, () => workloadsRunningAs(index, account.namespace, account.name));
}

function collectKubernetes(out: Collector, index: RbacIndex, request: AccessRequest, notes: string[]): void {
  for (const binding of bindingsFor(index, request)) {
    const resolution = resolveRoleRef(index, binding);
    if (!resolution.ok) {
      if (!resolution.unresolved) continue;
      for (const subject of binding.subjects) {
        addSubject(
          out,
          index,
          binding,
          subject,
          { kind: 'unresolved-binding', binding, subject, reason: resolution.reason },
          notes,
        );
      }
      continue;
    }
    const rules = resolution.rules.filter((effective) => ruleAllows(effective.rule, request));
    for (const rule of rules) {
      for (const subject of binding.subjects) {
        addSubject(
          out,
          index,
          binding,
          subject,
          { kind: 'kubernetes', binding, subject, role: resolution.role, rule },
          notes,
        );
      }
    }
  }
}

function principalName(assignment: AzureRoleAssignment): string {
  return assignment.principalName ?? assignment.principalId;
}

function collectAzure(out: Collector, context: AzureContext, request: AccessRequest): void {
  if (context.azureRbac.state !== 'off') {
    const found = grantsFor(
      context,
      context.assignments,
      'dataActions',
      dataActionFor(request),
      scopeForRequest(context, request),
    );
    const switchOpen = context.azureRbac.state === 'unknown';
    for (const grant of found.grants) {
      const certain = grant.certain && !switchOpen;
      const caveats = switchOpen ? [...grant.caveats, context.azureRbac.basis] : grant.caveats;
      out.add('AzurePrincipal', principalName(grant.assignment), {
        kind: 'azure',
        grant: { ...grant, certain, caveats },
      });
    }
    for (const item of found.unresolved) {
      out.add('AzurePrincipal', principalName(item.assignment), { kind: 'unresolved-role', ...item });
    }
  }
  for (const grant of credentialGrants(context, context.assignments)) {
    out.add('AzurePrincipal', principalName(grant.assignment), { kind: 'credential', grant });
  }
}

function isCertain(evidence: Evidence): boolean {
  switch (evidence.kind) {
    case 'kubernetes':
    case 'superuser':
      return true;
    case 'rbac-off':
      return evidence.certain;
    case 'azure':
    case 'credential':
      return evidence.grant.certain;
    case 'unresolved-binding':
    case 'unresolved-role':
      return false;
  }
}

function isDefaultEvidence(evidence: Evidence): boolean {
  if (evidence.kind === 'superuser') return true;
  return evidence.kind === 'kubernetes' && evidence.binding.isDefault;
}

const KIND_ORDER: Readonly<Record<WhoCanKind, number>> = {
  AzurePrincipal: 0,
  User: 1,
  Group: 2,
  ServiceAccount: 3,
};

function finish(draft: Draft): WhoCanEntry {
  return {
    ...draft,
    certain: draft.evidence.some(isCertain),
    isDefault: draft.evidence.every(isDefaultEvidence),
  };
}

export function whoCan(index: RbacIndex, context: AzureContext, request: AccessRequest): WhoCanResult {
  const out = new Collector();
  const notes: string[] = [];
  out.add('Group', MASTERS, { kind: 'superuser' });
  const { kubernetesRbac } = context;
  if (context.cluster !== undefined && kubernetesRbac.state !== 'on') {
    const evidence: Evidence = {
      kind: 'rbac-off',
      basis: kubernetesRbac.basis,
      certain: kubernetesRbac.state === 'off',
    };
    out.add('Group', AUTHENTICATED, evidence, () => workloadsInGroup(index, AUTHENTICATED));
  }
  collectKubernetes(out, index, request, notes);
  collectAzure(out, context, request);
  const entries = [...out.drafts.values()].map(finish);
  entries.sort(
    (a, b) =>
      Number(a.isDefault) - Number(b.isDefault) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return { request, entries, notes: [...new Set(notes)] };
}
