/**
 * @module Everything one subject can do, namespaced and cluster-wide, over both planes (a rules review
 * like `kubectl auth can-i --list`, but for any subject and with evidence).
 */
import type { AzureRoleAssignment, AzureRoleDefinition } from '../../model/azure-rbac.js';
import type { AzureContext } from './azure-context.js';
import { assignmentAppliesTo } from './azure-context.js';
import { scopeCovers } from './azure-scope.js';
import type { CredentialGrant } from './evaluate-azure.js';
import { decideCredentials } from './evaluate-azure.js';
import type { UnresolvedBinding } from './evaluate-k8s.js';
import { bindingNamespace } from './evaluate-k8s.js';
import type { RbacIndex } from './rbac-index.js';
import { bindingsOfUser, resolveRoleRef } from './rbac-index.js';
import { isClusterScoped } from './resources.js';
import type { EffectiveRule, PolicyRule, RbacBinding, RbacRole, RbacSubject, UserInfo } from './types.js';
import { MASTERS } from './user-info.js';

export interface AccessRule {
  /** `''` for cluster-wide (ClusterRoleBinding), else the RoleBinding's namespace. */
  readonly namespace: string;
  readonly binding: RbacBinding;
  readonly subject: RbacSubject;
  readonly role: RbacRole;
  readonly rule: EffectiveRule;
  /** Why the rule grants nothing here (a cluster-scoped resource or URL through a RoleBinding). */
  readonly inert?: string;
}

export interface AccessAssignment {
  readonly assignment: AzureRoleAssignment;
  readonly role: AzureRoleDefinition | undefined;
  /** `''` when the assignment covers the whole cluster, else the namespace it is scoped to. */
  readonly namespace: string;
  readonly certain: boolean;
}

export interface AccessReport {
  readonly user: UserInfo;
  readonly superuser: boolean;
  readonly rules: readonly AccessRule[];
  readonly unresolved: readonly UnresolvedBinding[];
  /** Why Azure RBAC gives this subject nothing, when it gives nothing. */
  readonly azureNoOpinion?: string;
  readonly assignments: readonly AccessAssignment[];
  readonly credentials: readonly CredentialGrant[];
}

/** A RoleBinding grants only namespaced resources of its own namespace: URLs and cluster-scoped kinds are inert. */
function inertIn(rule: PolicyRule, binding: RbacBinding): string | undefined {
  if (binding.kind !== 'RoleBinding') return undefined;
  if (rule.resources.length === 0 && rule.nonResourceURLs.length > 0) {
    return 'non-resource URLs are granted only through a ClusterRoleBinding';
  }
  const scoped = rule.resources.filter((r) =>
    rule.apiGroups.some((g) => isClusterScoped(g, r.split('/')[0] ?? '')),
  );
  if (scoped.length > 0 && scoped.length === rule.resources.length) {
    return 'cluster-scoped resources are granted only through a ClusterRoleBinding';
  }
  return undefined;
}

function kubernetesRules(
  index: RbacIndex,
  user: UserInfo,
): { rules: AccessRule[]; unresolved: UnresolvedBinding[] } {
  const rules: AccessRule[] = [];
  const unresolved: UnresolvedBinding[] = [];
  for (const { binding, subject } of bindingsOfUser(index, user)) {
    const namespace = bindingNamespace(binding);
    const resolution = resolveRoleRef(index, binding);
    if (!resolution.ok) {
      if (resolution.unresolved) unresolved.push({ binding, subject, reason: resolution.reason });
      continue;
    }
    for (const rule of resolution.rules) {
      const inert = inertIn(rule.rule, binding);
      rules.push({ namespace, binding, subject, role: resolution.role, rule, ...(inert ? { inert } : {}) });
    }
  }
  return { rules, unresolved };
}

/** The namespace of a `<cluster>/namespaces/<ns>` scope inside the cluster, '' for a scope above it. */
function assignmentNamespace(context: AzureContext, assignment: AzureRoleAssignment): string | undefined {
  if (context.clusterId === undefined) return undefined;
  if (scopeCovers(assignment.scope, context.clusterId) !== 'no') return '';
  if (scopeCovers(context.clusterId, assignment.scope) === 'no') return undefined;
  const match = /\/namespaces\/([^/]+)\/?$/i.exec(assignment.scope);
  return match?.[1];
}

function azureAssignments(context: AzureContext, user: UserInfo): AccessAssignment[] {
  const out: AccessAssignment[] = [];
  for (const assignment of context.assignments) {
    if (!assignmentAppliesTo(assignment, user)) continue;
    const namespace = assignmentNamespace(context, assignment);
    if (namespace === undefined) continue;
    const role = context.definitions.get(assignment.roleDefinitionId);
    const certain =
      context.azureRbac.state === 'on' &&
      assignment.condition === undefined &&
      assignment.unresolved.length === 0;
    out.push({ assignment, role, namespace, certain });
  }
  return out;
}

export function accessOf(index: RbacIndex, context: AzureContext, user: UserInfo): AccessReport {
  const { rules, unresolved } = kubernetesRules(index, user);
  const systemUser = user.name.startsWith('system:');
  const azureOff = context.azureRbac.state === 'off';
  const azureNoOpinion = systemUser
    ? 'Azure RBAC has no opinion on system: users (service accounts, nodes)'
    : azureOff
      ? context.azureRbac.basis
      : undefined;
  return {
    user,
    superuser: user.groups.includes(MASTERS),
    rules,
    unresolved,
    ...(azureNoOpinion === undefined ? {} : { azureNoOpinion }),
    assignments: azureNoOpinion === undefined ? azureAssignments(context, user) : [],
    credentials: decideCredentials(context, user),
  };
}
