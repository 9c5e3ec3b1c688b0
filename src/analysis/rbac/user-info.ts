/** @module Who a request is made as: usernames, service-account names and the groups authenticators add. */
import type { RbacSubject, UserInfo } from './types.js';

export const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';
export const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts';
export const AUTHENTICATED = 'system:authenticated';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS = 'system:anonymous';
export const MASTERS = 'system:masters';

/**
 * Service accounts, nodes and control plane components: Kubernetes identities, not Azure principals. AKS's
 * guard has no opinion on them, and no Azure role assignment or cluster credential applies to them.
 */
export const isSystemUser = (user: UserInfo): boolean => user.name.startsWith('system:');

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`;
}

/** `system:serviceaccount:<ns>:<name>` → its namespace and name, as `serviceaccount.SplitUsername` does. */
export function splitServiceAccount(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SERVICE_ACCOUNT_PREFIX)) return undefined;
  const parts = username.slice(SERVICE_ACCOUNT_PREFIX.length).split(':');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  return { namespace: parts[0] ?? '', name: parts[1] ?? '' };
}

/**
 * The user as the API server sees it after authentication: a service-account token adds
 * `system:serviceaccounts` and `system:serviceaccounts:<ns>`; every authenticated identity is in
 * `system:authenticated`; the anonymous user is in `system:unauthenticated` only.
 */
export function userInfo(name: string, groups: readonly string[] = []): UserInfo {
  const all = new Set(groups);
  const account = splitServiceAccount(name);
  if (account) {
    all.add(ALL_SERVICE_ACCOUNTS);
    all.add(`${ALL_SERVICE_ACCOUNTS}:${account.namespace}`);
  }
  if (name === ANONYMOUS) all.add(UNAUTHENTICATED);
  else all.add(AUTHENTICATED);
  return { name, groups: [...all] };
}

/**
 * Whether a binding subject applies to the user (`appliesToUser` in the RBAC rule resolver). A
 * ServiceAccount subject without namespace takes the binding's namespace; in a ClusterRoleBinding
 * (namespace '') it therefore matches nobody.
 */
export function subjectAppliesTo(subject: RbacSubject, user: UserInfo, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const namespace =
        subject.namespace !== undefined && subject.namespace !== '' ? subject.namespace : bindingNamespace;
      if (namespace === '') return false;
      return user.name === serviceAccountUsername(namespace, subject.name);
    }
  }
}

/** The username a ServiceAccount subject stands for, or undefined when it can match nobody. */
export function subjectServiceAccount(
  subject: RbacSubject,
  bindingNamespace: string,
): { namespace: string; name: string } | undefined {
  if (subject.kind !== 'ServiceAccount') return undefined;
  const namespace =
    subject.namespace !== undefined && subject.namespace !== '' ? subject.namespace : bindingNamespace;
  return namespace === '' ? undefined : { namespace, name: subject.name };
}
