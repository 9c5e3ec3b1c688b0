/** @module Workloads as rule subjects: where the service account is set, and what the service account may do. */
import type { PathSegment, Subject, Workload } from '../../model/index.js';
import { objectSubject } from '../../model/index.js';
import type { RbacRuleAnalysis, UserInfo } from '../kit/analyses.js';

export interface WorkloadIdentity {
  readonly workload: Workload;
  readonly subject: Subject;
  readonly user: UserInfo;
  /** `spec.template.spec.serviceAccountName` when the manifest sets it, else the pod spec itself. */
  readonly serviceAccountPath: readonly PathSegment[];
}

/** Identities by index: three rules walk them, and shared user objects let the engine's per-user caches hit. */
const identities = new WeakMap<RbacRuleAnalysis['index'], readonly WorkloadIdentity[]>();

export function workloadIdentities(analysis: RbacRuleAnalysis): readonly WorkloadIdentity[] {
  let found = identities.get(analysis.index);
  if (found === undefined) identities.set(analysis.index, (found = identitiesOf(analysis)));
  return found;
}

function identitiesOf(analysis: RbacRuleAnalysis): WorkloadIdentity[] {
  return analysis.index.workloads.map((workload) => {
    const spec = workload.podSpec;
    const key =
      typeof spec['serviceAccountName'] === 'string'
        ? 'serviceAccountName'
        : typeof spec['serviceAccount'] === 'string'
          ? 'serviceAccount'
          : undefined;
    return {
      workload,
      subject: objectSubject(workload.object),
      user: analysis.userInfo(
        analysis.serviceAccountUsername(workload.namespace, workload.serviceAccountName),
      ),
      serviceAccountPath: key === undefined ? workload.podSpecPath : [...workload.podSpecPath, key],
    };
  });
}

/**
 * The grants a service account holds beyond the Kubernetes defaults every identity has (discovery,
 * self-review): the manifest bindings that apply to it directly or through its groups.
 */
export function ownGrants(analysis: RbacRuleAnalysis, user: UserInfo) {
  const report = analysis.access(user);
  return {
    rules: report.rules.filter((r) => !r.binding.isDefault && r.inert === undefined),
    unresolved: report.unresolved,
  };
}
