/** @module Modelling switches of the reachability engine, and whether the cluster enforces NetworkPolicies at all. */
import type { AksCluster, Setting } from '../../model/index.js';
import { describeSetting } from '../../model/index.js';

export interface ReachabilityOptions {
  /**
   * `netpol-analyzer` reproduces that analyzer's modelling choices, so its test suite can serve as an
   * oracle: ipBlock never matches pods, hostNetwork pods are ordinary pods, policies are enforced.
   */
  readonly compat?: 'netpol-analyzer';
  /**
   * Whether an ipBlock matches in-cluster pod IPs (implementation-defined upstream). Default `false`, as
   * Azure CNI powered by Cilium behaves ("ipBlock cannot allow pod or node IPs"); Calico and the upstream
   * e2e tests match them. Only pods whose IP the input states (`status.podIP`) can match.
   */
  readonly ipBlockMatchesPods?: boolean;
  /**
   * How hostNetwork pods are treated (undefined upstream). `node` (default, the most common
   * implementation): policies do not isolate them, and selectors do not select them; their traffic is the
   * node's. `pod`: they are ordinary pods.
   */
  readonly hostNetwork?: 'node' | 'pod';
  /** Overrides what the cluster definition says about enforcement. */
  readonly enforcement?: 'enforced' | 'not-enforced';
}

export interface ResolvedOptions {
  readonly compat: 'netpol-analyzer' | undefined;
  readonly ipBlockMatchesPods: boolean;
  readonly hostNetwork: 'node' | 'pod';
}

export function resolveOptions(options: ReachabilityOptions): ResolvedOptions {
  if (options.compat === 'netpol-analyzer') {
    return { compat: 'netpol-analyzer', ipBlockMatchesPods: false, hostNetwork: 'pod' };
  }
  return {
    compat: undefined,
    ipBlockMatchesPods: options.ipBlockMatchesPods ?? false,
    hostNetwork: options.hostNetwork ?? 'node',
  };
}

/**
 * Whether NetworkPolicies take effect. `assumed`: no cluster definition in the input, so policies are
 * analysed as written. `unknown`: the definition cannot tell; policies are analysed as written too, and
 * the answer says so. `not-enforced`: no engine, so every connection is allowed whatever the policies say.
 */
export interface Enforcement {
  readonly state: 'enforced' | 'not-enforced' | 'unknown' | 'assumed';
  readonly reason: string;
}

const ENGINES = new Set(['azure', 'calico', 'cilium']);

/** What one cluster definition says: its engine enforces NetworkPolicies, enforces none, or cannot tell. */
export function clusterEnforcement(cluster: AksCluster): Enforcement {
  const policy: Setting<string> = cluster.network.networkPolicy;
  const where = `${cluster.display} networkPolicy`;
  if (policy.state === 'unknown')
    return { state: 'unknown', reason: `${where} is ${describeSetting(policy)}` };
  const engine = policy.value.toLowerCase();
  if (!ENGINES.has(engine)) {
    return {
      state: 'not-enforced',
      reason: `${where} is ${describeSetting(policy)}: no engine enforces NetworkPolicies`,
    };
  }
  if (engine !== 'cilium') return { state: 'enforced', reason: `${where} is ${engine}` };
  // AKS enforces `networkPolicy: cilium` only on the Cilium dataplane (Azure CNI powered by Cilium).
  const dataplane = cluster.network.networkDataplane;
  if (dataplane.state === 'unknown') {
    return {
      state: 'unknown',
      reason: `${where} is cilium but the dataplane is ${describeSetting(dataplane)}`,
    };
  }
  return dataplane.value.toLowerCase() === 'cilium'
    ? { state: 'enforced', reason: `${where} is cilium on the cilium dataplane` }
    : { state: 'not-enforced', reason: `${where} is cilium but the dataplane is ${dataplane.value}` };
}

/** Combines every cluster definition: one that enforces wins, then one that cannot tell. */
export function decideEnforcement(
  clusters: readonly AksCluster[],
  options: ReachabilityOptions,
): Enforcement {
  if (options.enforcement) return { state: options.enforcement, reason: 'set by option' };
  if (options.compat === 'netpol-analyzer') {
    return { state: 'enforced', reason: 'netpol-analyzer compatibility: policies are analysed as enforced' };
  }
  if (clusters.length === 0) {
    return {
      state: 'assumed',
      reason: 'no cluster definition in the input: policies are analysed as enforced',
    };
  }
  const all = clusters.map(clusterEnforcement);
  return (
    all.find((e) => e.state === 'enforced') ??
    all.find((e) => e.state === 'unknown') ??
    all[0] ?? { state: 'assumed', reason: 'no cluster definition' }
  );
}
