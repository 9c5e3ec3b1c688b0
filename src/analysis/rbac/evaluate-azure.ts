/**
 * @module Azure RBAC for Kubernetes authorization (the AKS webhook, Azure/guard): which role assignments
 * allow a request as a data action, and which hand out a kubeconfig that is cluster-admin.
 */
import type { AzureRoleAssignment, AzureRoleDefinition } from '../../model/azure-rbac.js';
import type { ActionKind } from './azure-actions.js';
import {
  LIST_ADMIN_CREDENTIAL,
  LIST_USER_CREDENTIAL,
  dataActionFor,
  findGrantingPattern,
} from './azure-actions.js';
import type { AzureContext } from './azure-context.js';
import { assignmentAppliesTo } from './azure-context.js';
import type { ScopeMatch } from './azure-scope.js';
import { requestScope, scopeCovers } from './azure-scope.js';
import type { AccessRequest, UserInfo } from './types.js';
import { isSystemUser } from './user-info.js';

export interface AzureGrant {
  readonly assignment: AzureRoleAssignment;
  readonly role: AzureRoleDefinition;
  /** The role's pattern that covers the action (`Microsoft.ContainerService/managedClusters/*`). */
  readonly pattern: string;
  readonly action: string;
  /** Certain unless a placeholder scope, an ABAC condition or an unresolved value leaves it open. */
  readonly certain: boolean;
  readonly caveats: readonly string[];
}

export interface AzureUnresolvedRole {
  readonly assignment: AzureRoleAssignment;
  readonly reason: string;
}

export interface AzureDataDecision {
  /** Why Azure has no opinion (a `system:` user, Azure RBAC off), when it has none. */
  readonly noOpinion?: string;
  readonly grants: readonly AzureGrant[];
  readonly unresolved: readonly AzureUnresolvedRole[];
}

/** The scope of the request for guard: the cluster, or `<cluster>/namespaces/<ns>` for a namespaced one. */
export function scopeForRequest(context: AzureContext, request: AccessRequest): string | undefined {
  if (context.clusterId === undefined) return undefined;
  return requestScope(context.clusterId, request.kind === 'resource' ? request.namespace : '');
}

function caveatsOf(assignment: AzureRoleAssignment, match: ScopeMatch): string[] {
  const caveats: string[] = [];
  if (match === 'unknown') caveats.push(`scope ${assignment.scope} may or may not contain the cluster`);
  if (assignment.condition !== undefined)
    caveats.push('the assignment has an ABAC condition aksward does not evaluate');
  for (const field of assignment.unresolved) caveats.push(`${field.field} unresolved: ${field.reason}`);
  return caveats;
}

/** Grants of one kind of action (data action or control-plane action) at a target scope. */
export function grantsFor(
  context: AzureContext,
  assignments: readonly AzureRoleAssignment[],
  kind: ActionKind,
  action: string,
  target: string | undefined,
): { grants: AzureGrant[]; unresolved: AzureUnresolvedRole[] } {
  const grants: AzureGrant[] = [];
  const unresolved: AzureUnresolvedRole[] = [];
  for (const assignment of assignments) {
    const match: ScopeMatch = target === undefined ? 'unknown' : scopeCovers(assignment.scope, target);
    if (match === 'no') continue;
    const role = context.definitions.get(assignment.roleDefinitionId);
    if (!role) {
      const name = assignment.roleDefinitionName ?? assignment.roleDefinitionId;
      unresolved.push({ assignment, reason: `role definition ${name} is not in the inputs` });
      continue;
    }
    const found = findGrantingPattern(role, kind, action);
    if (!found) continue;
    const caveats = caveatsOf(assignment, match);
    grants.push({ assignment, role, pattern: found.pattern, action, certain: caveats.length === 0, caveats });
  }
  return { grants, unresolved };
}

/** One object for every such answer: the rules ask hundreds of thousands of probes of service accounts. */
const NO_OPINION_ON_SYSTEM_USERS: AzureDataDecision = {
  noOpinion: 'Azure RBAC has no opinion on system: users (service accounts, nodes)',
  grants: [],
  unresolved: [],
};

/**
 * Guard answers "no opinion" for usernames starting `system:` (every service account, node and control
 * plane component), so only Kubernetes RBAC decides for them; and nothing when Azure RBAC is off.
 */
export function decideAzureData(
  context: AzureContext,
  user: UserInfo,
  request: AccessRequest,
): AzureDataDecision {
  if (isSystemUser(user)) return NO_OPINION_ON_SYSTEM_USERS;
  if (context.azureRbac.state === 'off')
    return { noOpinion: context.azureRbac.basis, grants: [], unresolved: [] };
  const mine = context.assignments.filter((a) => assignmentAppliesTo(a, user));
  const found = grantsFor(
    context,
    mine,
    'dataActions',
    dataActionFor(request),
    scopeForRequest(context, request),
  );
  if (context.azureRbac.state === 'unknown') {
    const open = found.grants.map((g) => ({
      ...g,
      certain: false,
      caveats: [...g.caveats, context.azureRbac.basis],
    }));
    return { grants: open, unresolved: found.unresolved };
  }
  return found;
}

export type CredentialKind = 'admin' | 'user';

/** A role assignment that lists a kubeconfig which is cluster-admin (`system:masters`). */
export interface CredentialGrant extends AzureGrant {
  readonly credential: CredentialKind;
  /** Why the credential is cluster-admin: local accounts on, or (user credential) Entra ID off. */
  readonly basis: string;
}

/**
 * With local accounts enabled, the admin kubeconfig (`listClusterAdminCredential`) is a certificate in
 * `system:masters`: whoever can list it is cluster-admin. Without Entra ID, the user kubeconfig
 * (`listClusterUserCredential`) is that same admin credential.
 */
export function credentialGrants(
  context: AzureContext,
  assignments: readonly AzureRoleAssignment[],
): CredentialGrant[] {
  const out: CredentialGrant[] = [];
  const { localAccounts, entra } = context;
  const paths: [CredentialKind, string, readonly (typeof localAccounts)[]][] = [
    ['admin', LIST_ADMIN_CREDENTIAL, [localAccounts]],
    ['user', LIST_USER_CREDENTIAL, [localAccounts, { ...entra, state: invert(entra.state) }]],
  ];
  for (const [credential, action, conditions] of paths) {
    if (conditions.some((c) => c.state === 'off')) continue;
    const open = conditions.filter((c) => c.state === 'unknown').map((c) => c.basis);
    const basis = credential === 'admin' ? localAccounts.basis : `${localAccounts.basis}; ${entra.basis}`;
    for (const grant of grantsFor(context, assignments, 'actions', action, context.clusterId).grants) {
      const caveats = [...grant.caveats, ...open];
      out.push({ ...grant, credential, basis, certain: caveats.length === 0, caveats });
    }
  }
  return out;
}

function invert(state: 'on' | 'off' | 'unknown'): 'on' | 'off' | 'unknown' {
  return state === 'unknown' ? state : state === 'on' ? 'off' : 'on';
}

/** The credential grants that apply to the user (never to `system:` users: they are not Azure principals). */
export function decideCredentials(context: AzureContext, user: UserInfo): CredentialGrant[] {
  if (isSystemUser(user)) return [];
  return credentialGrants(
    context,
    context.assignments.filter((a) => assignmentAppliesTo(a, user)),
  );
}
