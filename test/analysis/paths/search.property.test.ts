/** @module Property tests of the attack-path search: every step is an edge of the graph, and cutting an edge cuts every path through it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexGraph, pathsFrom, shortestTree } from '../../../src/analysis/paths/index.js';
import type { GraphEdge } from '../../../src/analysis/paths/index.js';

const NODES = [
  'internet',
  'workload:a/web',
  'workload:a/db',
  'workload:b/x',
  'token:a/default',
  'secrets:a',
  'node',
  'cluster-admin',
  'api-server',
];
const KINDS = ['network', 'token-mounted', 'secret-read', 'breakout', 'pod-create'] as const;

const edgeArb = fc
  .record({ from: fc.constantFrom(...NODES), to: fc.constantFrom(...NODES), kind: fc.constantFrom(...KINDS) })
  .filter((e) => e.from !== e.to)
  .map((e): GraphEdge => ({ ...e, evidence: `${e.from}->${e.to}`, control: `control-${e.kind}` }));

const key = (e: GraphEdge): string => `${e.from}|${e.to}|${e.kind}`;

describe('attack path search', () => {
  it('every step of every path is an edge of the graph, and steps chain from the start', () => {
    fc.assert(
      fc.property(fc.array(edgeArb, { maxLength: 30 }), (edges) => {
        const graph = indexGraph(edges);
        const present = new Set(edges.map(key));
        for (const path of pathsFrom(graph, 'workload:a/web')) {
          let at = 'workload:a/web';
          for (const step of path.steps) {
            expect(present.has(key(step))).toBe(true);
            expect(step.from).toBe(at);
            at = step.to;
          }
          expect(at).toBe(path.target.id);
        }
      }),
    );
  });

  it('removing an edge removes every path through it, and a target stays reachable only by other edges', () => {
    fc.assert(
      fc.property(fc.array(edgeArb, { minLength: 1, maxLength: 30 }), fc.nat(), (edges, pick) => {
        const removed = edges[pick % edges.length];
        if (!removed) return;
        const rest = edges.filter((e) => key(e) !== key(removed));
        const cut = indexGraph(rest);
        for (const path of pathsFrom(cut, 'internet'))
          expect(path.steps.some((s) => key(s) === key(removed))).toBe(false);
        // Reachability without the edge is exactly the search of the reduced edge set.
        const reach = new Set(shortestTree(cut, 'internet').keys());
        for (const e of rest) if (reach.has(e.from)) expect(reach.has(e.to)).toBe(true);
      }),
    );
  });

  it('paths are shortest: no path is longer than the breadth-first distance', () => {
    fc.assert(
      fc.property(fc.array(edgeArb, { maxLength: 30 }), (edges) => {
        const graph = indexGraph(edges);
        const paths = pathsFrom(graph, 'internet');
        for (let i = 1; i < paths.length; i++)
          expect((paths[i]?.steps.length ?? 0) >= (paths[i - 1]?.steps.length ?? 0)).toBe(true);
      }),
    );
  });
});
