/** The proof's reading of one edge: which of its pairs the simulated policies block, and on which side. */
import { describe, expect, it } from 'vitest';
import { portRange } from '../../../src/analysis/netpol/port-set.js';
import type { CommunicationEdge, GraphEndpoint } from '../../../src/fix/netpol/graph.js';
import { blockedPairs, simulate } from '../../../src/fix/netpol/simulate.js';
import type { BlockedPair } from '../../../src/fix/netpol/simulate.js';
import { extractWorkloads } from '../../../src/model/index.js';
import { loadDocuments, namespaceRuleYaml, servingDeploymentYaml } from '../../helpers/policy-cluster.js';

/** server (b) admits only namespace c; client-1 and client-2 (a) may only reach namespace c. */
const DOCUMENTS = [
  servingDeploymentYaml('a', 'client-1'),
  servingDeploymentYaml('a', 'client-2'),
  servingDeploymentYaml('b', 'server'),
  servingDeploymentYaml('c', 'gateway'),
  namespaceRuleYaml({
    name: 'server-in',
    namespace: 'b',
    podSelector: '{ matchLabels: { app: server } }',
    direction: 'Ingress',
    peerNamespace: 'c',
  }),
  namespaceRuleYaml({
    name: 'clients-out',
    namespace: 'a',
    podSelector: '{}',
    direction: 'Egress',
    peerNamespace: 'c',
  }),
];

const pairText = (pairs: readonly BlockedPair[]): string[] =>
  pairs.map((p) => {
    const end = (e: BlockedPair['from']) => (e === 'external' ? e : e.id);
    return `${end(p.from)} -> ${end(p.to)} (${p.side})`;
  });

describe('blockedPairs', () => {
  it('reads a namespace end as every peer of that namespace, each pair on the side that blocks it', async () => {
    const model = await loadDocuments(DOCUMENTS);
    const simulation = simulate(model.objects, [], []);
    const byName = new Map(extractWorkloads(model.objects).map((w) => [w.name, w]));
    const workload = (name: string): GraphEndpoint => {
      const found = byName.get(name);
      if (!found) throw new Error(`no workload ${name}`);
      return { kind: 'workload', workload: found };
    };
    const edge = (from: GraphEndpoint, to: GraphEndpoint): CommunicationEdge => ({
      from,
      to,
      ports: portRange('TCP', 8080, 8080),
      evidence: [],
    });
    // Both clients' egress blocks them before server's ingress is asked.
    expect(
      pairText(blockedPairs(simulation, edge({ kind: 'namespace', namespace: 'a' }, workload('server')))),
    ).toEqual(['a/client-1 -> b/server (egress)', 'a/client-2 -> b/server (egress)']);
    // From c, only server's ingress matters, and it admits c.
    expect(
      blockedPairs(simulation, edge(workload('gateway'), { kind: 'namespace', namespace: 'b' })),
    ).toEqual([]);
    // Into namespace a, nothing isolates ingress; from b, nothing isolates egress.
    expect(blockedPairs(simulation, edge(workload('server'), { kind: 'namespace', namespace: 'a' }))).toEqual(
      [],
    );
    // A namespace with no peer has no pair to block.
    expect(
      blockedPairs(simulation, edge({ kind: 'namespace', namespace: 'none' }, workload('server'))),
    ).toEqual([]);
  });
});
