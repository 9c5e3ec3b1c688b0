/**
 * @module The Kubernetes RBAC authorizer over an index: which bindings, roles and rules allow a request
 * (`VisitRulesFor`: ClusterRoleBindings always; RoleBindings of the request's namespace only for
 * namespaced resource requests, so a RoleBinding to a ClusterRole grants only inside its namespace).
 */
import { ruleAllows } from './match-rule.js';
import type { BoundSubject, RbacIndex } from './rbac-index.js';
import { bindingsOfUser, resolveRoleRef } from './rbac-index.js';
import type { AccessRequest, EffectiveRule, RbacBinding, RbacRole, RbacSubject, UserInfo } from './types.js';
import { MASTERS } from './user-info.js';

export interface K8sGrant {
  readonly binding: RbacBinding;
  readonly subject: RbacSubject;
  readonly role: RbacRole;
  readonly rule: EffectiveRule;
}

/** A binding that applies to the user but whose role the inputs do not hold. */
export interface UnresolvedBinding {
  readonly binding: RbacBinding;
  readonly subject: RbacSubject;
  readonly reason: string;
}

export interface K8sDecision {
  /** The user is in `system:masters`: authorized before RBAC is consulted. */
  readonly superuser: boolean;
  readonly grants: readonly K8sGrant[];
  readonly unresolved: readonly UnresolvedBinding[];
}

/** The bindings the authorizer visits for a request, with the namespace each one's subjects resolve in. */
export function bindingsFor(index: RbacIndex, request: AccessRequest): RbacBinding[] {
  const namespace = request.kind === 'resource' ? request.namespace : '';
  const namespaced = namespace === '' ? [] : (index.roleBindingsByNamespace.get(namespace) ?? []);
  return [...index.clusterRoleBindings, ...namespaced];
}

export const bindingNamespace = (binding: RbacBinding): string =>
  binding.kind === 'RoleBinding' ? (binding.namespace ?? 'default') : '';

/** A ClusterRoleBinding covers every request; a RoleBinding only resource requests in its own namespace. */
export function bindingCovers(binding: RbacBinding, request: AccessRequest): boolean {
  if (binding.kind !== 'RoleBinding') return true;
  return request.kind === 'resource' && request.namespace === bindingNamespace(binding);
}

/** The rules of a binding's role that allow the request, within the binding's scope. */
export function bindingRulesAllowing(
  index: RbacIndex,
  binding: RbacBinding,
  request: AccessRequest,
): EffectiveRule[] {
  if (!bindingCovers(binding, request)) return [];
  const resolution = resolveRoleRef(index, binding);
  if (!resolution.ok) return [];
  return resolution.rules.filter((effective) => ruleAllows(effective.rule, request));
}

/** The decision from the bindings that apply to the user (`bound`): it depends on the user through them only. */
function evaluateBindings(
  index: RbacIndex,
  bound: readonly BoundSubject[],
  superuser: boolean,
  request: AccessRequest,
): K8sDecision {
  const grants: K8sGrant[] = [];
  const unresolved: UnresolvedBinding[] = [];
  for (const { binding, subject } of bound) {
    if (!bindingCovers(binding, request)) continue;
    const resolution = resolveRoleRef(index, binding);
    if (!resolution.ok) {
      if (resolution.unresolved) unresolved.push({ binding, subject, reason: resolution.reason });
      continue;
    }
    for (const rule of resolution.rules) {
      if (ruleAllows(rule.rule, request)) grants.push({ binding, subject, role: resolution.role, rule });
    }
  }
  if (!superuser && grants.length === 0 && unresolved.length === 0) return NOTHING_GRANTED;
  return { superuser, grants, unresolved };
}

/**
 * Most decisions of a large cluster grant nothing (a workload's identity probed for rights it lacks): they are
 * memoised for the whole run, so they share one frozen answer instead of an object and two empty lists each.
 */
const NOTHING_GRANTED: K8sDecision = Object.freeze({
  superuser: false,
  grants: Object.freeze([]),
  unresolved: Object.freeze([]),
});

/**
 * Decisions by the user's bound-subject list (`bindingsOfUser` shares one list between users bound
 * alike) and request object: the rules ask the same probes (shared request objects, `probeRequest`) of
 * thousands of service accounts bound alike, and the attack graph asks them again. An equal request
 * asked as another object is decided afresh: keying by content (a string of its fields per call) costs
 * more than the decision it saves.
 */
const decisions = new WeakMap<readonly BoundSubject[], WeakMap<AccessRequest, K8sDecision>>();

export function decideKubernetes(index: RbacIndex, user: UserInfo, request: AccessRequest): K8sDecision {
  const bound = bindingsOfUser(index, user);
  if (user.groups.includes(MASTERS)) return evaluateBindings(index, bound, true, request);
  let byRequest = decisions.get(bound);
  if (byRequest === undefined) decisions.set(bound, (byRequest = new WeakMap<AccessRequest, K8sDecision>()));
  let decision = byRequest.get(request);
  if (decision === undefined)
    byRequest.set(request, (decision = evaluateBindings(index, bound, false, request)));
  return decision;
}
