/** The connections the inputs' own NetworkPolicies decide: every pair whose source or destination they isolate. */
import { describe, expect, it } from 'vitest';
import { describePorts, isEmptyPorts } from '../../../src/analysis/netpol/port-set.js';
import { isolatedFor, policyConnections } from '../../../src/fix/netpol/existing-policies.js';
import type { PolicyPair } from '../../../src/fix/netpol/existing-policies.js';
import { simulate } from '../../../src/fix/netpol/simulate.js';
import type { Simulation } from '../../../src/fix/netpol/simulate.js';
import { extractWorkloads } from '../../../src/model/index.js';
import type { Workload } from '../../../src/model/index.js';
import { loadDocuments, namespaceRuleYaml, servingDeploymentYaml } from '../../helpers/policy-cluster.js';

/**
 * client (namespace a) is isolated for egress and may reach namespace b; guarded (b) is isolated for ingress
 * and admits namespace a; server (b) and other (c) have no policy.
 */
const DOCUMENTS = [
  servingDeploymentYaml('a', 'client'),
  servingDeploymentYaml('b', 'server'),
  servingDeploymentYaml('b', 'guarded'),
  servingDeploymentYaml('c', 'other'),
  namespaceRuleYaml({
    name: 'client-out',
    namespace: 'a',
    podSelector: '{ matchLabels: { app: client } }',
    direction: 'Egress',
    peerNamespace: 'b',
  }),
  namespaceRuleYaml({
    name: 'guarded-in',
    namespace: 'b',
    podSelector: '{ matchLabels: { app: guarded } }',
    direction: 'Ingress',
    peerNamespace: 'a',
    ports: '[{ port: 8080 }]',
  }),
];

/** The definition, pair by pair: every ordered pair of peers holding input workloads, in peer order. */
function reference(simulation: Simulation, workloads: readonly Workload[]): string[] {
  const own = (peer: Simulation['result']['peers'][number]) =>
    workloads.filter((w) => simulation.peerOf.get(w.object) === peer);
  const peers = simulation.result.peers.filter((p) => own(p).length > 0);
  const isolated = (peer: (typeof peers)[number], direction: 'ingress' | 'egress') =>
    own(peer).some((w) => isolatedFor(simulation, w, direction));
  const out: string[] = [];
  for (const src of peers)
    for (const dst of peers) {
      if (src === dst || (!isolated(src, 'egress') && !isolated(dst, 'ingress'))) continue;
      const ports = simulation.result.peerConnection(src, dst);
      if (!isEmptyPorts(ports)) out.push(`${src.id} -> ${dst.id}: ${describePorts(ports)}`);
    }
  return out;
}

const text = (pairs: readonly PolicyPair[]): string[] =>
  pairs.map((p) => `${p.src.peer.id} -> ${p.dst.peer.id}: ${describePorts(p.ports)}`);

describe('policyConnections', () => {
  it('keeps every pair a policy decides: from an egress-isolated source to any peer, and into an ingress-isolated one', async () => {
    const model = await loadDocuments(DOCUMENTS);
    const simulation = simulate(model.objects, [], []);
    const workloads = extractWorkloads(model.objects);
    const pairs = policyConnections(simulation, workloads, 1_000);
    expect(pairs).toBeDefined();
    const found = text(pairs ?? []);
    expect(found).toEqual(reference(simulation, workloads));
    // The source's egress policy decides client → server, though nothing isolates server.
    expect(found.filter((p) => p.startsWith('a/client -> '))).toEqual([
      'a/client -> b/guarded: TCP 8080',
      'a/client -> b/server: All Connections',
    ]);
    // Into guarded only from namespace a; server and other reach nothing a policy decides.
    expect(found.some((p) => p.startsWith('b/server -> ') || p.startsWith('c/other -> '))).toBe(false);
    // Past the limit: undefined, the walk stops.
    expect(policyConnections(simulation, workloads, 1)).toBeUndefined();
  });
});
