/**
 * @module NetworkPolicy reachability: `analyzeReachability`, and `computeReachability(model, options)` memoised per model object.
 * Scope: standard `networking.k8s.io/v1` NetworkPolicy over workloads and external IP ranges. Not modelled:
 * traffic from a pod's own node (kubelet probes; always allowed), CiliumNetworkPolicy and Calico
 * GlobalNetworkPolicy, and Services (policies see pod ports after DNAT, which is what this computes).
 */
import type { AksCluster, ClusterModel, IpRange, KubeObject } from '../../model/index.js';
import { buildTopology } from './classes.js';
import { compilePolicies } from './compile.js';
import { cutIntoAtoms } from './ip-atoms.js';
import { decideEnforcement, resolveOptions } from './options.js';
import type { ReachabilityOptions } from './options.js';
import { parseNetworkPolicies } from './parse-policy.js';
import { Reachability } from './reachability.js';
import { Selection } from './selection.js';
import type { ParsedPolicy } from './types.js';

export type { ReachabilityOptions, Enforcement } from './options.js';
export type { Connection } from './reachability.js';
export type { WorkloadPeer } from './classes.js';
export type { ParsedPolicy, PolicyProblem, PolicyRule } from './types.js';
export { Reachability } from './reachability.js';

function ipBlockRanges(policies: readonly ParsedPolicy[]): IpRange[] {
  const ranges: IpRange[] = [];
  for (const policy of policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers ?? [])
        if (peer.kind === 'ipBlock') ranges.push(peer.cidr, ...peer.except);
    }
  }
  return ranges;
}

/** The engine over explicit objects and cluster definitions (not memoised). */
export function analyzeReachability(
  objects: readonly KubeObject[],
  clusters: readonly AksCluster[],
  options: ReachabilityOptions = {},
): Reachability {
  const resolved = resolveOptions(options);
  const { policies, problems } = parseNetworkPolicies(objects);
  const topology = buildTopology(objects, resolved);
  const compiled = compilePolicies(policies, topology, new Selection(topology), resolved);
  return new Reachability({
    topology,
    compiled,
    // IPv4 always; IPv6 only once some ipBlock names it.
    atoms: cutIntoAtoms(ipBlockRanges(compiled.policies), [4]),
    enforcement: decideEnforcement(clusters, options),
    options: resolved,
    problems,
  });
}

const memo = new WeakMap<ClusterModel, Map<string, Reachability>>();

/** Reachability of a model, computed once per model object and options (the commands share it). */
export function computeReachability(model: ClusterModel, options: ReachabilityOptions = {}): Reachability {
  const key = JSON.stringify([
    options.compat,
    options.ipBlockMatchesPods,
    options.hostNetwork,
    options.enforcement,
  ]);
  let byOptions = memo.get(model);
  if (!byOptions) memo.set(model, (byOptions = new Map<string, Reachability>()));
  let result = byOptions.get(key);
  if (!result) byOptions.set(key, (result = analyzeReachability(model.objects, model.clusters, options)));
  return result;
}
