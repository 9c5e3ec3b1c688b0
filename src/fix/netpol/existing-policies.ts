/** @module What the inputs' own NetworkPolicies already do: the edges they allow, isolation, default-deny. */
import type { ParsedPolicy, PolicyRule, WorkloadPeer } from '../../analysis/netpol/index.js';
import type { PortSet } from '../../analysis/netpol/port-set.js';
import { isEmptyPorts } from '../../analysis/netpol/port-set.js';
import type { Workload } from '../../model/index.js';
import type { EdgeSet } from './graph.js';
import type { Simulation } from './simulate.js';

export function isolatedFor(
  simulation: Simulation,
  workload: Workload,
  direction: 'ingress' | 'egress',
): boolean {
  const peer = simulation.peerOf.get(workload.object);
  return (
    peer !== undefined && peer.classes.some((c) => simulation.result.compiled[direction][c] !== undefined)
  );
}

/** A source and a destination peer whose connection an existing policy decides and allows, on `ports`. */
export interface PolicyPair {
  readonly src: { readonly peer: WorkloadPeer; readonly own: readonly Workload[] };
  readonly dst: { readonly peer: WorkloadPeer; readonly own: readonly Workload[] };
  readonly ports: PortSet;
}

/**
 * Connections between the inputs' workloads that an existing policy decides (the source is isolated for
 * egress or the destination for ingress) and allows, peer by peer: each pair stands for every workload of
 * the source peer times every workload of the destination peer. Undefined once they stand for more than
 * `limit` workload-to-workload connections: a cluster whose policies admit whole namespaces has a number of
 * them quadratic in its workloads, so the walk stops there.
 */
export function policyConnections(
  simulation: Simulation,
  workloads: readonly Workload[],
  limit: number,
): readonly PolicyPair[] | undefined {
  const byObject = new Map(workloads.map((w) => [w.object, w]));
  const peers = simulation.result.peers.flatMap((peer) => {
    const own = peer.workloads.flatMap((w) => byObject.get(w.object) ?? []);
    return own.length > 0 ? [{ peer, own }] : [];
  });
  // The peers isolated for ingress, found once: a source its egress does not isolate has a policy decide only
  // its connections to them, so it walks them alone (without any policy, nothing at all), not every peer.
  const isolated = peers.filter((dst) => dst.own.some((w) => isolatedFor(simulation, w, 'ingress')));
  const pairs: PolicyPair[] = [];
  let count = 0;
  for (const src of peers) {
    const egress = src.own.some((w) => isolatedFor(simulation, w, 'egress'));
    for (const dst of egress ? peers : isolated) {
      if (src === dst) continue;
      const ports = simulation.result.peerConnection(src.peer, dst.peer);
      if (isEmptyPorts(ports)) continue;
      count += src.own.length * dst.own.length;
      if (count > limit) return undefined;
      pairs.push({ src, dst, ports });
    }
  }
  return pairs;
}

/** The connections of `policyConnections`, kept as edges, so new policies preserve them. */
export function addPolicyEdges(simulation: Simulation, pairs: readonly PolicyPair[], edges: EdgeSet): void {
  // The policies of the two namespaces, named in the evidence: found once per pair of namespaces.
  const texts = new Map<string, string>();
  const textOf = (from: string, to: string): string => {
    const key = `${from}\u0000${to}`;
    let text = texts.get(key);
    if (text === undefined) {
      const names = simulation.result.policies
        .filter((p) => p.namespace === from || p.namespace === to)
        .map((p) => p.id);
      text = `allowed by the existing NetworkPolicies (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''})`;
      texts.set(key, text);
    }
    return text;
  };
  for (const { src, dst, ports } of pairs) {
    const text = textOf(src.peer.namespace, dst.peer.namespace);
    for (const from of src.own) {
      for (const to of dst.own) {
        edges.add({ kind: 'workload', workload: from }, { kind: 'workload', workload: to }, ports, {
          source: 'policy',
          text,
          at: [from.object.origin.at],
        });
      }
    }
  }
}

/** A rule that lets everything through: every port, and every peer. */
function isAllowAll(rule: PolicyRule): boolean {
  if (rule.ports !== undefined) return false;
  if (rule.peers === undefined) return true;
  return rule.peers.some((peer) =>
    peer.kind === 'pods'
      ? peer.podSelector.requirements.length === 0 && peer.namespaceSelector?.requirements.length === 0
      : peer.except.length === 0 && peer.cidr.lo === 0n,
  );
}

function deniesByDefault(policy: ParsedPolicy, direction: 'ingress' | 'egress'): boolean {
  if (policy.podSelector?.requirements.length !== 0) return false;
  const affects = direction === 'ingress' ? policy.affectsIngress : policy.affectsEgress;
  return affects && !policy[direction].some(isAllowAll);
}

/** Whether the namespace already isolates every pod for both directions (what require-default-deny checks). */
export function hasDefaultDeny(simulation: Simulation, namespace: string): boolean {
  const own = simulation.result.policies.filter((p) => p.namespace === namespace);
  return (['ingress', 'egress'] as const).every((d) => own.some((p) => deniesByDefault(p, d)));
}
