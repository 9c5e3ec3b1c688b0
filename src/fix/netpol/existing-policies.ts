/** @module What the inputs' own NetworkPolicies already do: the edges they allow, isolation, default-deny. */
import type { ParsedPolicy, PolicyRule } from '../../analysis/netpol/index.js';
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

/**
 * Connections between the inputs' workloads that an existing policy decides (the source is isolated for
 * egress or the destination for ingress) and allows: kept as edges, so new policies preserve them.
 */
export function addPolicyEdges(simulation: Simulation, workloads: readonly Workload[], edges: EdgeSet): void {
  const byObject = new Map(workloads.map((w) => [w.object, w]));
  const peers = simulation.result.peers.flatMap((peer) => {
    const own = peer.workloads.flatMap((w) => byObject.get(w.object) ?? []);
    return own.length > 0 ? [{ peer, own }] : [];
  });
  for (const src of peers) {
    const egress = src.own.some((w) => isolatedFor(simulation, w, 'egress'));
    for (const dst of peers) {
      if (src === dst) continue;
      if (!egress && !dst.own.some((w) => isolatedFor(simulation, w, 'ingress'))) continue;
      const ports = simulation.result.peerConnection(src.peer, dst.peer);
      if (isEmptyPorts(ports)) continue;
      const names = simulation.result.policies
        .filter((p) => p.namespace === src.peer.namespace || p.namespace === dst.peer.namespace)
        .map((p) => p.id);
      for (const from of src.own) {
        for (const to of dst.own) {
          edges.add({ kind: 'workload', workload: from }, { kind: 'workload', workload: to }, ports, {
            source: 'policy',
            text: `allowed by the existing NetworkPolicies (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''})`,
            at: [from.object.origin.at],
          });
        }
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
