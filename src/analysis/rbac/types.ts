/** @module The Kubernetes RBAC objects as the authorizer reads them, and the request it decides. */
import type { KubeObject, LabelSelector, SourceLocation } from '../../model/index.js';

/** One `rules[]` entry. Empty lists are kept empty: an empty `verbs` matches nothing. */
export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
}

/** A Role or ClusterRole, from the manifests or from the Kubernetes bootstrap policy. */
export interface RbacRole {
  readonly kind: 'Role' | 'ClusterRole';
  readonly name: string;
  /** Set for Roles only. */
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The rules as written (for an aggregated ClusterRole, the controller overwrites them). */
  readonly rules: readonly PolicyRule[];
  /**
   * `aggregationRule.clusterRoleSelectors`; undefined when the role does not aggregate. An invalid
   * selector (which the API server rejects) selects nothing, so it is left out of the list.
   */
  readonly aggregationSelectors?: readonly LabelSelector[];
  /** True for a role of the bootstrap policy that the manifests do not define. */
  readonly isDefault: boolean;
  readonly object?: KubeObject;
}

/** A rule as a role holds it after aggregation, with where it is written. */
export interface EffectiveRule {
  readonly rule: PolicyRule;
  /** The role whose manifest (or default data) holds the rule. */
  readonly source: RbacRole;
  /** 0-based index in `source.rules`. */
  readonly index: number;
  /** Aggregating roles the rule travelled through, innermost first (`['edit', 'admin']`). */
  readonly via: readonly string[];
}

export interface RbacSubject {
  readonly kind: 'User' | 'Group' | 'ServiceAccount';
  readonly name: string;
  /** As written; for a ServiceAccount in a RoleBinding an empty namespace means the binding's. */
  readonly namespace?: string;
  /** 0-based index in `subjects`. */
  readonly index: number;
}

export interface RoleRef {
  readonly kind: string;
  readonly name: string;
  readonly apiGroup: string;
}

export interface RbacBinding {
  readonly kind: 'RoleBinding' | 'ClusterRoleBinding';
  readonly name: string;
  readonly namespace?: string;
  readonly roleRef: RoleRef;
  readonly subjects: readonly RbacSubject[];
  readonly isDefault: boolean;
  readonly object?: KubeObject;
}

/** A request on a resource: the attributes the API server's RBAC authorizer reads. */
export interface ResourceRequest {
  readonly kind: 'resource';
  readonly verb: string;
  /** `''` for the core group. */
  readonly apiGroup: string;
  readonly resource: string;
  /** `''` when none. */
  readonly subresource: string;
  /** `''` when the request names no object (list, create, deletecollection). */
  readonly name: string;
  /** `''` for cluster-scoped resources and for requests across all namespaces. */
  readonly namespace: string;
}

export interface NonResourceRequest {
  readonly kind: 'non-resource';
  readonly verb: string;
  readonly path: string;
}

export type AccessRequest = ResourceRequest | NonResourceRequest;

/** The identity a request is made as: a username and every group the authenticator gives it. */
export interface UserInfo {
  readonly name: string;
  readonly groups: readonly string[];
}

/** `Role/shop/deployer (manifests/rbac.yaml:4)` or `ClusterRole/edit (Kubernetes default)`. */
export function describeObject(
  item: { readonly kind: string; readonly name: string; readonly namespace?: string | undefined },
  isDefault: boolean,
  at: SourceLocation | undefined,
): string {
  const id =
    item.namespace === undefined
      ? `${item.kind}/${item.name}`
      : `${item.kind}/${item.namespace}/${item.name}`;
  if (isDefault) return `${id} (Kubernetes default)`;
  return at === undefined ? id : `${id} (${at.file}:${at.line})`;
}

export function describeRole(role: RbacRole): string {
  return describeObject(role, role.isDefault, role.object?.origin.at);
}

export function describeBinding(binding: RbacBinding): string {
  return describeObject(binding, binding.isDefault, binding.object?.origin.at);
}

/** `User alice`, `Group devs`, `ServiceAccount shop/default`. */
export function describeSubject(subject: RbacSubject, bindingNamespace?: string): string {
  if (subject.kind !== 'ServiceAccount') return `${subject.kind} ${subject.name}`;
  const namespace =
    subject.namespace === undefined || subject.namespace === '' ? bindingNamespace : subject.namespace;
  return `ServiceAccount ${namespace ?? '<no namespace>'}/${subject.name}`;
}

/** `verbs [get list] apiGroups [""] resources [secrets]`, as `kubectl describe role` lists a rule. */
export function describeRule(rule: PolicyRule): string {
  const list = (values: readonly string[]) => `[${values.map((v) => (v === '' ? '""' : v)).join(' ')}]`;
  const parts = [`verbs ${list(rule.verbs)}`];
  if (rule.nonResourceURLs.length > 0) parts.push(`nonResourceURLs ${list(rule.nonResourceURLs)}`);
  if (rule.resources.length > 0 || rule.nonResourceURLs.length === 0) {
    parts.push(`apiGroups ${list(rule.apiGroups)}`, `resources ${list(rule.resources)}`);
  }
  if (rule.resourceNames.length > 0) parts.push(`resourceNames ${list(rule.resourceNames)}`);
  return parts.join(' ');
}

export function describeEffectiveRule(effective: EffectiveRule): string {
  const where = `rule ${effective.index + 1} of ${describeRole(effective.source)}`;
  const via = effective.via.length > 0 ? `, aggregated into ${effective.via.join(' → ')}` : '';
  return `${where}${via}: ${describeRule(effective.rule)}`;
}
