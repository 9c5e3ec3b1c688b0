/** @module Workloads as identities: the service account a workload runs as, and whether its token is mounted. */
import type { SourceLocation, Workload } from '../../model/index.js';
import { readAutomount } from './parse-rbac.js';
import type { RbacIndex } from './rbac-index.js';
import { ALL_SERVICE_ACCOUNTS, AUTHENTICATED, serviceAccountUsername } from './user-info.js';

/** Whether the token is mounted, and what decided it. */
export interface TokenMount {
  /** Undefined when the inputs cannot tell (the service account object is missing). */
  readonly mounted: boolean | undefined;
  readonly basis: string;
}

export interface WorkloadRef {
  readonly display: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** `system:serviceaccount:<ns>:<name>`. */
  readonly serviceAccount: string;
  readonly token: TokenMount;
  readonly at: SourceLocation;
}

/**
 * The pod's `automountServiceAccountToken` wins; unset, the service account's decides; unset there too,
 * the token is mounted (API default). Every namespace has a `default` service account (the service
 * account controller creates it), so a missing `default` object means its defaults; any other missing
 * account leaves the answer open.
 */
export function tokenMount(index: RbacIndex, workload: Workload): TokenMount {
  if (workload.automountServiceAccountToken !== undefined) {
    return { mounted: workload.automountServiceAccountToken, basis: `pod spec automountServiceAccountToken` };
  }
  const key = `${workload.namespace}/${workload.serviceAccountName}`;
  const account = index.serviceAccounts.get(key);
  if (account) {
    const own = readAutomount(account);
    if (own !== undefined)
      return { mounted: own, basis: `ServiceAccount ${key} automountServiceAccountToken` };
    return {
      mounted: true,
      basis: `neither the pod nor ServiceAccount ${key} sets automountServiceAccountToken`,
    };
  }
  if (workload.serviceAccountName === 'default') {
    return { mounted: true, basis: 'the default ServiceAccount, which the cluster creates with no opt-out' };
  }
  return { mounted: undefined, basis: `ServiceAccount ${key} is not in the inputs` };
}

export function workloadRef(index: RbacIndex, workload: Workload): WorkloadRef {
  return {
    display: workload.display,
    kind: workload.kind,
    namespace: workload.namespace,
    name: workload.name,
    serviceAccount: serviceAccountUsername(workload.namespace, workload.serviceAccountName),
    token: tokenMount(index, workload),
    at: workload.object.origin.at,
  };
}

/** Workloads whose pods authenticate as the service account. */
export function workloadsRunningAs(index: RbacIndex, namespace: string, name: string): WorkloadRef[] {
  return index.workloads
    .filter((w) => w.namespace === namespace && w.serviceAccountName === name)
    .map((w) => workloadRef(index, w));
}

/** Workloads whose service-account token puts them in the group (`system:serviceaccounts[:<ns>]`, authenticated). */
export function workloadsInGroup(index: RbacIndex, group: string): WorkloadRef[] {
  if (group === ALL_SERVICE_ACCOUNTS || group === AUTHENTICATED)
    return index.workloads.map((w) => workloadRef(index, w));
  const prefix = `${ALL_SERVICE_ACCOUNTS}:`;
  if (!group.startsWith(prefix)) return [];
  const namespace = group.slice(prefix.length);
  return index.workloads.filter((w) => w.namespace === namespace).map((w) => workloadRef(index, w));
}
