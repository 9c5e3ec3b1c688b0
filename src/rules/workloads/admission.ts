/** @module Which workload findings Pod Security Admission already closes: the namespace's enforce label, evaluated exactly. */
import type { CheckId, Violation } from '../../analysis/pod-security/index.js';
import {
  ENFORCE_LABEL,
  enforcePolicyOf,
  evaluatePodSecurity,
  podSecurityInputOf,
} from '../../analysis/pod-security/index.js';
import type { ClusterModel, Namespace, Workload } from '../../model/index.js';
import { extractNamespaces } from '../../model/index.js';

interface ModelFacts {
  readonly namespaces: ReadonlyMap<string, Namespace>;
  /** The API server's minor version, when every cluster definition in the input states the same one. */
  readonly serverMinor: number | undefined;
}

const facts = new WeakMap<ClusterModel, ModelFacts>();
const verdicts = new WeakMap<Workload, Verdict | undefined>();

interface Verdict {
  readonly prefix: string;
  readonly violations: readonly Violation[];
}

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

function factsOf(model: ClusterModel): ModelFacts {
  let found = facts.get(model);
  if (found === undefined) {
    const namespaces = new Map(extractNamespaces(model.objects).map((ns) => [ns.name, ns]));
    found = { namespaces, serverMinor: serverMinorOf(model) };
    facts.set(model, found);
  }
  return found;
}

function verdictOf(model: ClusterModel, workload: Workload): Verdict | undefined {
  if (verdicts.has(workload)) return verdicts.get(workload);
  const { namespaces, serverMinor } = factsOf(model);
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
}

/**
 * `{ admission }` when the namespace's enforced level rejects this gap: a violation of one of
 * `checks` on one of `containers` (or on the pod itself; all containers when none are named). The
 * enforce mode rejects Pods, so for a controller it is the pods that are never created.
 */
export function admissionBlock(
  model: ClusterModel,
  workload: Workload,
  checks: readonly CheckId[],
  containers?: readonly string[],
): { readonly admission?: string } {
  const verdict = verdictOf(model, workload);
  if (verdict === undefined) return {};
  const hits = verdict.violations.filter(
    (v) =>
      checks.includes(v.check) &&
      (containers === undefined || v.container === undefined || containers.includes(v.container)),
  );
  if (hits.length === 0) return {};
  const controls = [...new Set(hits.map((v) => v.control))].join(', ');
  return { admission: `${verdict.prefix}: its ${controls} control rejects these pods` };
}
