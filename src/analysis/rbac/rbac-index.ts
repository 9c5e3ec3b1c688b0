/** @module The RBAC objects of a model, indexed as the authorizer's rule resolver looks them up, defaults included. */
import type { KubeObject, Workload } from '../../model/index.js';
import { extractWorkloads, matchesSelector } from '../../model/index.js';
import { aggregateClusterRoles } from './aggregate.js';
import { DEFAULT_CLUSTER_ROLE_BINDINGS, DEFAULT_CLUSTER_ROLES } from './default-roles.js';
import { parseBinding, parseRole } from './parse-rbac.js';
import type { EffectiveRule, RbacBinding, RbacRole, RbacSubject, UserInfo } from './types.js';
import { splitServiceAccount, subjectServiceAccount } from './user-info.js';

/** A binding subject, with the binding's position in `bindings` (answers keep input order). */
export interface BoundSubject {
  readonly binding: RbacBinding;
  readonly subject: RbacSubject;
  readonly position: number;
}

export interface RbacIndex {
  /** Roles by `Role/<ns>/<name>` and ClusterRoles by `ClusterRole/<name>`; manifests override defaults. */
  readonly roles: ReadonlyMap<string, RbacRole>;
  /** The rules of every ClusterRole after aggregation, by name. */
  readonly clusterRoleRules: ReadonlyMap<string, readonly EffectiveRule[]>;
  /** Every binding, manifests first (in input order), then the defaults the manifests do not replace. */
  readonly bindings: readonly RbacBinding[];
  readonly clusterRoleBindings: readonly RbacBinding[];
  readonly roleBindingsByNamespace: ReadonlyMap<string, readonly RbacBinding[]>;
  /** The rules of every Role, by `Role/<ns>/<name>`. */
  readonly roleRules: ReadonlyMap<string, readonly EffectiveRule[]>;
  /** Binding subjects by `User\0<name>`, `Group\0<name>`, `ServiceAccount\0<ns>\0<name>`. */
  readonly subjects: ReadonlyMap<string, readonly BoundSubject[]>;
  /** `bindingsOfUser` answers, by user (many probes are asked of one identity). */
  readonly userBindings: Map<string, readonly BoundSubject[]>;
  /** ServiceAccount objects by `<ns>/<name>`. */
  readonly serviceAccounts: ReadonlyMap<string, KubeObject>;
  readonly workloads: readonly Workload[];
}

export const roleKey = (kind: string, name: string, namespace?: string): string =>
  namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;

function collectRoles(objects: readonly KubeObject[]): Map<string, RbacRole> {
  const roles = new Map<string, RbacRole>();
  for (const role of DEFAULT_CLUSTER_ROLES) roles.set(roleKey(role.kind, role.name), role);
  for (const object of objects) {
    const role = parseRole(object);
    if (role) roles.set(roleKey(role.kind, role.name, role.namespace), role);
  }
  return roles;
}

function collectBindings(objects: readonly KubeObject[]): RbacBinding[] {
  const manifest: RbacBinding[] = [];
  for (const object of objects) {
    const binding = parseBinding(object);
    if (binding) manifest.push(binding);
  }
  const replaced = new Set(manifest.filter((b) => b.kind === 'ClusterRoleBinding').map((b) => b.name));
  return [...manifest, ...DEFAULT_CLUSTER_ROLE_BINDINGS.filter((b) => !replaced.has(b.name))];
}

const subjectKey = (kind: string, ...parts: string[]): string => [kind, ...parts].join('\u0000');

/** Indexes subjects as `appliesToUser` matches them; a ServiceAccount without namespace in a ClusterRoleBinding matches nobody. */
function indexSubjects(bindings: readonly RbacBinding[]): Map<string, BoundSubject[]> {
  const index = new Map<string, BoundSubject[]>();
  bindings.forEach((binding, position) => {
    const namespace = binding.kind === 'RoleBinding' ? (binding.namespace ?? 'default') : '';
    for (const subject of binding.subjects) {
      const account = subjectServiceAccount(subject, namespace);
      if (subject.kind === 'ServiceAccount' && !account) continue;
      const key = account
        ? subjectKey('ServiceAccount', account.namespace, account.name)
        : subjectKey(subject.kind, subject.name);
      const bound = index.get(key);
      if (bound === undefined) index.set(key, [{ binding, subject, position }]);
      else bound.push({ binding, subject, position });
    }
  });
  return index;
}

/** `bindingsOfUser` answers by the user object too: rules ask dozens of probes of one identity. */
const byUserObject = new WeakMap<RbacIndex, WeakMap<UserInfo, readonly BoundSubject[]>>();

/** The bindings whose subjects apply to the user (first matching subject of each), in binding order. */
export function bindingsOfUser(index: RbacIndex, user: UserInfo): readonly BoundSubject[] {
  let users = byUserObject.get(index);
  if (users === undefined) byUserObject.set(index, (users = new WeakMap()));
  let found = users.get(user);
  if (found === undefined) users.set(user, (found = bindingsOfUserByName(index, user)));
  return found;
}

function bindingsOfUserByName(index: RbacIndex, user: UserInfo): readonly BoundSubject[] {
  const cacheKey = [user.name, ...user.groups].join('\u0000');
  const cached = index.userBindings.get(cacheKey);
  if (cached) return cached;
  const account = splitServiceAccount(user.name);
  const keys = [
    subjectKey('User', user.name),
    ...user.groups.map((group) => subjectKey('Group', group)),
    ...(account ? [subjectKey('ServiceAccount', account.namespace, account.name)] : []),
  ];
  const found = new Map<number, BoundSubject>();
  for (const key of keys) {
    for (const entry of index.subjects.get(key) ?? []) {
      const seen = found.get(entry.position);
      if (!seen || entry.subject.index < seen.subject.index) found.set(entry.position, entry);
    }
  }
  const result = internBound(
    index,
    [...found.values()].sort((a, b) => a.position - b.position),
  );
  index.userBindings.set(cacheKey, result);
  return result;
}

/** Bound-subject lists by content, per index: see `internBound`. */
const boundLists = new WeakMap<RbacIndex, Map<string, readonly BoundSubject[]>>();

/**
 * One list object per distinct content: users bound alike (every service account of a namespace without
 * bindings of its own) share it, so what depends only on the list (a Kubernetes RBAC decision) is
 * computed once for all of them. An entry is one (binding, subject), named by its position and index.
 */
function internBound(index: RbacIndex, bound: readonly BoundSubject[]): readonly BoundSubject[] {
  let lists = boundLists.get(index);
  if (lists === undefined) boundLists.set(index, (lists = new Map<string, readonly BoundSubject[]>()));
  const key = bound.map((entry) => `${String(entry.position)}.${String(entry.subject.index)}`).join(',');
  const shared = lists.get(key);
  if (shared) return shared;
  lists.set(key, bound);
  return bound;
}

export function buildRbacIndex(objects: readonly KubeObject[]): RbacIndex {
  const roles = collectRoles(objects);
  const clusterRoles = [...roles.values()].filter((role) => role.kind === 'ClusterRole');
  const bindings = collectBindings(objects);
  const roleBindingsByNamespace = new Map<string, RbacBinding[]>();
  for (const binding of bindings) {
    if (binding.kind !== 'RoleBinding' || binding.namespace === undefined) continue;
    const list = roleBindingsByNamespace.get(binding.namespace) ?? [];
    list.push(binding);
    roleBindingsByNamespace.set(binding.namespace, list);
  }
  const serviceAccounts = new Map<string, KubeObject>();
  for (const object of objects) {
    if (object.kind !== 'ServiceAccount' || object.apiVersion !== 'v1') continue;
    serviceAccounts.set(`${object.namespace ?? 'default'}/${object.name}`, object);
  }
  const roleRules = new Map<string, readonly EffectiveRule[]>();
  for (const [key, role] of roles) {
    if (role.kind === 'Role')
      roleRules.set(
        key,
        role.rules.map((rule, i) => ({ rule, source: role, index: i, via: [] })),
      );
  }
  return {
    roles,
    clusterRoleRules: aggregateClusterRoles(clusterRoles),
    roleRules,
    subjects: indexSubjects(bindings),
    userBindings: new Map(),
    bindings,
    clusterRoleBindings: bindings.filter((b) => b.kind === 'ClusterRoleBinding'),
    roleBindingsByNamespace,
    serviceAccounts,
    workloads: extractWorkloads(objects),
  };
}

/** ClusterRole resolutions by binding: every access decision resolves the default bindings again. */
const clusterRoleResolutions = new WeakMap<RbacIndex, WeakMap<RbacBinding, RoleResolution>>();

/**
 * A ClusterRole's rules are the index's own aggregated list, shared by every resolution, so the answer
 * is kept per binding. (A Role's rules are listed afresh on each call: the k8s-rbac reports group
 * evidence by rule object, and their wording depends on it.)
 */
function clusterRoleOf(index: RbacIndex, binding: RbacBinding): RoleResolution {
  let byBinding = clusterRoleResolutions.get(index);
  if (byBinding === undefined) clusterRoleResolutions.set(index, (byBinding = new WeakMap()));
  let resolution = byBinding.get(binding);
  if (resolution === undefined) {
    const { name } = binding.roleRef;
    const role = index.roles.get(roleKey('ClusterRole', name));
    resolution = role
      ? { ok: true, role, rules: index.clusterRoleRules.get(role.name) ?? [] }
      : { ok: false, reason: `ClusterRole/${name} is not in the inputs`, unresolved: true };
    byBinding.set(binding, resolution);
  }
  return resolution;
}

export type RoleResolution =
  | { readonly ok: true; readonly role: RbacRole; readonly rules: readonly EffectiveRule[] }
  | { readonly ok: false; readonly reason: string; readonly unresolved: boolean };

/**
 * The role a binding grants. A RoleBinding's Role is looked up in the binding's own namespace; a
 * ClusterRoleBinding can reference only a ClusterRole (the API server rejects anything else). A role
 * missing from the inputs grants nothing the analysis can see, but may exist in the cluster.
 */
export function resolveRoleRef(index: RbacIndex, binding: RbacBinding): RoleResolution {
  const { roleRef } = binding;
  if (roleRef.apiGroup !== 'rbac.authorization.k8s.io') {
    return { ok: false, reason: `roleRef.apiGroup "${roleRef.apiGroup}" is invalid`, unresolved: false };
  }
  if (roleRef.kind === 'ClusterRole') return clusterRoleOf(index, binding);
  if (roleRef.kind === 'Role' && binding.kind === 'RoleBinding') {
    const role = index.roles.get(roleKey('Role', roleRef.name, binding.namespace));
    if (!role) {
      const reason = `Role/${binding.namespace ?? ''}/${roleRef.name} is not in the inputs`;
      return { ok: false, reason, unresolved: true };
    }
    return {
      ok: true,
      role,
      rules: role.rules.map((rule, i) => ({ rule, source: role, index: i, via: [] })),
    };
  }
  return {
    ok: false,
    reason: `roleRef.kind "${roleRef.kind}" is invalid in a ${binding.kind}`,
    unresolved: false,
  };
}

/**
 * Whether a role is granted by some binding of the index (defaults included), or aggregated into a ClusterRole
 * that aggregates by label: a role neither is latent, its rights held by no subject of the inputs.
 */
/** The roles some binding names, as `boundKey` spells them: one pass over the bindings per index. */
const boundKeys = new WeakMap<RbacIndex, ReadonlySet<string>>();

function boundKey(kind: string, name: string, namespace: string | undefined): string {
  return kind === 'ClusterRole' ? `ClusterRole\n${name}` : `${kind}\n${name}\n${namespace ?? 'default'}`;
}

export function isRoleBound(index: RbacIndex, role: RbacRole): boolean {
  let keys = boundKeys.get(index);
  if (!keys) {
    keys = new Set(
      index.bindings.map(({ roleRef, namespace }) => boundKey(roleRef.kind, roleRef.name, namespace)),
    );
    boundKeys.set(index, keys);
  }
  const bound = keys.has(boundKey(role.kind, role.name, role.namespace));
  if (bound || role.kind === 'Role') return bound;
  for (const other of index.roles.values())
    if ((other.aggregationSelectors ?? []).some((selector) => matchesSelector(selector, role.labels)))
      return true;
  return false;
}
