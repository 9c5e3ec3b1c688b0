/** The communication graph indexed by workload: each list exactly the edges a scan of the graph finds, in its order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portRange } from '../../../src/analysis/netpol/port-set.js';
import type { Workload } from '../../../src/model/index.js';
import type { CommunicationEdge, GraphEndpoint } from '../../../src/fix/netpol/graph.js';
import { EdgeIndex } from '../../../src/fix/netpol/graph.js';

const workloads = ['a/w1', 'a/w2', 'b/w3'].map(
  (display) => ({ namespace: display.split('/')[0], name: display, display }) as unknown as Workload,
);

const endpointArb: fc.Arbitrary<GraphEndpoint> = fc.oneof(
  fc.constantFrom(...workloads).map((workload) => ({ kind: 'workload' as const, workload })),
  fc.constantFrom('a', 'b').map((namespace) => ({ kind: 'namespace' as const, namespace })),
  fc.constant({ kind: 'cidr' as const, cidr: '10.0.0.0/8' }),
  fc.constant({ kind: 'cluster-dns' as const }),
);

const edgeArb: fc.Arbitrary<CommunicationEdge> = fc.record({
  from: endpointArb,
  to: endpointArb,
  ports: fc.constant(portRange('TCP', 80, 80)),
  evidence: fc.constant([]),
});

describe('EdgeIndex', () => {
  it('answers as a scan of the graph does, in graph order', () => {
    fc.assert(
      fc.property(fc.array(edgeArb, { maxLength: 30 }), (graph) => {
        const index = new EdgeIndex(graph);
        for (const w of workloads) {
          const isW = (e: GraphEndpoint) => e.kind === 'workload' && e.workload === w;
          expect(index.to(w)).toEqual(graph.filter((e) => isW(e.to)));
          expect(index.from(w)).toEqual(graph.filter((e) => isW(e.from)));
          expect(index.leaving(w)).toEqual(
            graph.filter(
              (e) => isW(e.from) || (e.from.kind === 'namespace' && e.from.namespace === w.namespace),
            ),
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
