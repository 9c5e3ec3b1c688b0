/** @module Roles and bindings read from manifest objects, defensively: any field may hold any type. */
import type { KubeObject, LabelSelector } from '../../model/index.js';
import { arrayAt, objectAt, parseLabelSelector, stringAt } from '../../model/index.js';
import type { PolicyRule, RbacBinding, RbacRole, RbacSubject } from './types.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** True for `rbac.authorization.k8s.io/<any version>`: v1beta1 and v1alpha1 manifests still exist in charts. */
export function isRbacObject(object: KubeObject): boolean {
  const { apiVersion } = object;
  return apiVersion === RBAC_GROUP || apiVersion.startsWith(`${RBAC_GROUP}/`);
}

function strings(value: unknown, key: string): string[] {
  return arrayAt(value, key).filter((item): item is string => typeof item === 'string');
}

export function parsePolicyRule(value: unknown): PolicyRule {
  return {
    verbs: strings(value, 'verbs'),
    apiGroups: strings(value, 'apiGroups'),
    resources: strings(value, 'resources'),
    resourceNames: strings(value, 'resourceNames'),
    nonResourceURLs: strings(value, 'nonResourceURLs'),
  };
}

/** The valid selectors of `clusterRoleSelectors`: an invalid one selects nothing, as the API server rejects it. */
function aggregationSelectors(value: unknown): LabelSelector[] {
  return arrayAt(value, 'clusterRoleSelectors').flatMap((raw) => parseLabelSelector(raw, () => null) ?? []);
}

/** A Role or ClusterRole; a Role without namespace lands in `default`, as `kubectl apply` would put it. */
export function parseRole(object: KubeObject): RbacRole | undefined {
  if (!isRbacObject(object) || (object.kind !== 'Role' && object.kind !== 'ClusterRole')) return undefined;
  const aggregation = objectAt(object.body, 'aggregationRule');
  const rules = arrayAt(object.body, 'rules').map(parsePolicyRule);
  return {
    kind: object.kind,
    name: object.name,
    ...(object.kind === 'Role' ? { namespace: object.namespace ?? 'default' } : {}),
    labels: object.labels,
    rules,
    ...(object.kind === 'ClusterRole' && aggregation !== undefined
      ? { aggregationSelectors: aggregationSelectors(aggregation) }
      : {}),
    isDefault: false,
    object,
  };
}

function parseSubject(value: unknown, index: number): RbacSubject | undefined {
  const kind = stringAt(value, 'kind');
  const name = stringAt(value, 'name');
  if (name === undefined) return undefined;
  if (kind !== 'User' && kind !== 'Group' && kind !== 'ServiceAccount') return undefined;
  const namespace = stringAt(value, 'namespace');
  return { kind, name, ...(namespace === undefined ? {} : { namespace }), index };
}

export function parseBinding(object: KubeObject): RbacBinding | undefined {
  if (!isRbacObject(object)) return undefined;
  if (object.kind !== 'RoleBinding' && object.kind !== 'ClusterRoleBinding') return undefined;
  const roleRef = objectAt(object.body, 'roleRef');
  const subjects: RbacSubject[] = [];
  arrayAt(object.body, 'subjects').forEach((value, index) => {
    const subject = parseSubject(value, index);
    if (subject) subjects.push(subject);
  });
  return {
    kind: object.kind,
    name: object.name,
    ...(object.kind === 'RoleBinding' ? { namespace: object.namespace ?? 'default' } : {}),
    roleRef: {
      kind: stringAt(roleRef, 'kind') ?? '',
      name: stringAt(roleRef, 'name') ?? '',
      apiGroup: stringAt(roleRef, 'apiGroup') ?? '',
    },
    subjects,
    isDefault: false,
    object,
  };
}

/** A ServiceAccount's own `automountServiceAccountToken`, or undefined when unset. */
export function readAutomount(object: KubeObject): boolean | undefined {
  const value = object.body['automountServiceAccountToken'];
  return typeof value === 'boolean' ? value : undefined;
}
