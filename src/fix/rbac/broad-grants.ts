/**
 * @module The broad grants to narrow: manifest bindings whose role trips a k8s-rbac rule, with the
 * capability probes that make it broad (asked of the engine, as the rules ask them).
 */
import type { BindingMatch, Capability, Probe } from '../../analysis/rbac/capabilities.js';
import {
  CLUSTER_ADMIN,
  ESCALATION,
  POD_CREATE,
  POD_EXEC,
  SECRET_READ,
  WORKLOAD_CREATE,
  bindingCapability,
} from '../../analysis/rbac/capabilities.js';
import type { RbacAnalysis } from '../../analysis/rbac/rbac-analysis.js';
import { resolveRoleRef } from '../../analysis/rbac/rbac-index.js';
import type { RbacBinding, RbacRole } from '../../analysis/rbac/types.js';

/** The k8s-rbac rule ids a narrowing can close (the ids of src/rules/k8s-rbac). */
export type RbacRuleId =
  | 'no-cluster-admin-binding'
  | 'no-wildcard-rules'
  | 'no-secret-read'
  | 'no-escalation-verbs'
  | 'no-pod-exec-or-create'
  | 'no-overprivileged-workload'
  | 'no-default-service-account';

const RUN_CODE: Capability = {
  id: 'run-code',
  label: 'create pods, workload controllers, or exec and attach into pods',
  probes: [...POD_CREATE.probes, ...WORKLOAD_CREATE.probes, ...POD_EXEC.probes],
};

/** Each binding-level rule and the capability it asks about (as in src/rules/k8s-rbac). */
export const BINDING_CAPABILITIES: readonly (readonly [RbacRuleId, Capability])[] = [
  ['no-cluster-admin-binding', CLUSTER_ADMIN],
  ['no-escalation-verbs', ESCALATION],
  ['no-secret-read', SECRET_READ],
  ['no-pod-exec-or-create', RUN_CODE],
];

/** What `no-overprivileged-workload` asks of a workload's service account. */
export const WORKLOAD_CAPABILITIES: readonly Capability[] = [
  CLUSTER_ADMIN,
  SECRET_READ,
  POD_CREATE,
  WORKLOAD_CREATE,
  POD_EXEC,
  ESCALATION,
];

export interface BroadReason {
  readonly ruleId: RbacRuleId;
  /** The probes the binding allows (empty for `no-wildcard-rules`, which is about the role's text). */
  readonly probes: readonly Probe[];
}

export interface BroadGrant {
  readonly binding: RbacBinding;
  readonly role: RbacRole;
  readonly reasons: readonly BroadReason[];
}

const isWildcardResource = (resource: string): boolean => resource === '*' || resource.startsWith('*/');

/** A manifest role written with `*` verbs or resources (an aggregated role's rules are not its author's). */
export function hasWildcardRules(role: RbacRole): boolean {
  if (role.object === undefined || role.aggregationSelectors !== undefined) return false;
  return role.rules.some((rule) => rule.verbs.includes('*') || rule.resources.some(isWildcardResource));
}

const probesOf = (matches: readonly BindingMatch[]): Probe[] => matches.map((m) => m.probe);

/** Every manifest binding whose role is broad, in binding order. */
export function findBroadGrants(analysis: RbacAnalysis): BroadGrant[] {
  const out: BroadGrant[] = [];
  for (const binding of analysis.index.bindings) {
    if (binding.object === undefined) continue;
    const resolution = resolveRoleRef(analysis.index, binding);
    if (!resolution.ok) continue;
    const reasons: BroadReason[] = [];
    for (const [ruleId, capability] of BINDING_CAPABILITIES) {
      const matches = bindingCapability(analysis, binding, capability);
      if (matches.length > 0) reasons.push({ ruleId, probes: probesOf(matches) });
    }
    if (hasWildcardRules(resolution.role)) reasons.push({ ruleId: 'no-wildcard-rules', probes: [] });
    if (reasons.length > 0) out.push({ binding, role: resolution.role, reasons });
  }
  return out;
}
