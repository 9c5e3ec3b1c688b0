/** @module Which workload findings Pod Security Admission already closes: the namespace's enforce label, evaluated exactly. */
import type { ClusterModel, Workload } from '../../model/index.js';
import { extractNamespaces } from '../../model/index.js';
import { evaluatePodSecurity } from './evaluate.js';
import { ENFORCE_LABEL, enforcePolicyOf } from './namespace-policy.js';
import { podSecurityInputOf } from './pod-view.js';
import type { CheckId, Violation } from './types.js';

export interface PodSecurityAdmission {
  /**
   * `{ admission }` when the namespace's enforced level rejects this gap: a violation of one of
   * `checks` on one of `containers` (or on the pod itself; all containers when none are named). The
   * enforce mode rejects Pods, so for a controller it is the pods that are never created.
   */
  readonly admissionBlock: (
    workload: Workload,
    checks: readonly CheckId[],
    containers?: readonly string[],
  ) => { readonly admission?: string };
}

interface Verdict {
  readonly prefix: string;
  readonly violations: readonly Violation[];
}

/** The API server's minor version, when every cluster definition in the input states the same one. */
function serverMinorOf(model: ClusterModel): number | undefined {
  const minors = new Set<number>();
  for (const cluster of model.clusters) {
    const setting = cluster.kubernetesVersion;
    const match = setting.state === 'unknown' ? null : /^1\.(\d+)/.exec(setting.value);
    if (match?.[1] === undefined) return undefined;
    minors.add(Number(match[1]));
  }
  return minors.size === 1 ? [...minors][0] : undefined;
}

/** Admission of a model's workloads: each workload is evaluated once, however many rules ask. */
export function podSecurityAdmission(model: ClusterModel): PodSecurityAdmission {
  const namespaces = new Map(extractNamespaces(model.objects).map((ns) => [ns.name, ns]));
  const serverMinor = serverMinorOf(model);
  const verdicts = new Map<Workload, Verdict | undefined>();

  const verdictOf = (workload: Workload): Verdict | undefined => {
    if (verdicts.has(workload)) return verdicts.get(workload);
    const namespace = namespaces.get(workload.namespace);
    const policy = namespace && enforcePolicyOf(namespace, serverMinor);
    let verdict: Verdict | undefined;
    if (policy !== undefined && policy.level !== 'privileged') {
      const version = policy.version === 'latest' ? '' : ` ${policy.version}`;
      const notes = policy.notes.length === 0 ? '' : ` (${policy.notes.join('; ')})`;
      verdict = {
        prefix: `blocked at admission: namespace ${policy.namespace} enforces ${policy.level}${version} (${ENFORCE_LABEL})${notes}`,
        violations: evaluatePodSecurity(podSecurityInputOf(workload), policy.level, policy.minor),
      };
    }
    verdicts.set(workload, verdict);
    return verdict;
  };

  return {
    admissionBlock: (workload, checks, containers) => {
      const verdict = verdictOf(workload);
      if (verdict === undefined) return {};
      const hits = verdict.violations.filter(
        (v) =>
          checks.includes(v.check) &&
          (containers === undefined || v.container === undefined || containers.includes(v.container)),
      );
      if (hits.length === 0) return {};
      const controls = [...new Set(hits.map((v) => v.control))].join(', ');
      return { admission: `${verdict.prefix}: its ${controls} control rejects these pods` };
    },
  };
}
