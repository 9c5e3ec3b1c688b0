/**
 * @module Property tests of the attack graph over real models: random small clusters rendered to manifests
 * and loaded by the real loader. Every step of every path is an edge of the model (explicit, or a set network
 * bit whose ports are open), paths are breadth-first shortest and complete, and removing a precondition
 * removes exactly the edges it enables and every path through them, leaving the rest unchanged or longer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeReachability } from '../../../src/analysis/netpol/index.js';
import { isEmptyPorts } from '../../../src/analysis/netpol/port-set.js';
import {
  INTERNET,
  attackGraphOf,
  outEdges,
  pathsFrom,
  workloadId,
} from '../../../src/analysis/paths/index.js';
import type { AttackGraph, AttackPath, GraphEdge } from '../../../src/analysis/paths/index.js';
import type { ClusterModel } from '../../../src/model/index.js';
import { extractWorkloads } from '../../../src/model/index.js';
import type { RandomCluster } from '../../helpers/random-cluster.js';
import { WITHOUT, randomCluster } from '../../helpers/random-cluster.js';
import { modelOfCluster } from '../../helpers/random-cluster-model.js';

const RUNS = { numRuns: 40 };

/** Breadth-first distances over every edge, network connections included: the reference the search must match. */
function distances(graph: AttackGraph, start: string): Map<string, number> {
  const dist = new Map<string, number>([[start, 0]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] ?? '';
    const next = (dist.get(id) ?? 0) + 1;
    for (const edge of outEdges(graph, id)) {
      if (dist.has(edge.to)) continue;
      dist.set(edge.to, next);
      queue.push(edge.to);
    }
  }
  return dist;
}

function networkBit(graph: AttackGraph, from: string, to: string): boolean {
  const layer = graph.network;
  const i = layer?.indexOf.get(from);
  const j = layer?.indexOf.get(to);
  if (!layer || i === undefined || j === undefined) return false;
  return layer.connects(i, j);
}

/** The step is an edge of the model: the very edge object of `graph.out`, or a set bit with open ports. */
function expectEdgeOfModel(model: ClusterModel, graph: AttackGraph, step: GraphEdge): void {
  if (step.kind !== 'network') {
    expect(graph.out.get(step.from) ?? []).toContain(step);
    return;
  }
  const layer = graph.network;
  const i = layer?.indexOf.get(step.from) ?? -1;
  const j = layer?.indexOf.get(step.to) ?? -1;
  expect(networkBit(graph, step.from, step.to)).toBe(true);
  const peers = computeReachability(model).topology.peers;
  const src = peers[i];
  const dst = peers[j];
  expect(src && dst ? isEmptyPorts(computeReachability(model).peerConnection(src, dst)) : true).toBe(false);
  expect(step).toEqual(layer?.edge(i, j));
}

function starts(graph: AttackGraph): string[] {
  return [INTERNET, ...[...graph.nodes.values()].filter((n) => n.kind === 'workload').map((n) => n.id)];
}

/** A path's target as a comparable key: another namespace is one target, whichever workload stands for it. */
const targetKey = (path: AttackPath): string =>
  path.targetKind === 'other-namespace' ? `namespace:${path.target.namespace ?? ''}` : path.target.id;

describe('attack paths over random real models', () => {
  it('every step of every path is an edge of the model, steps chain, and paths are shortest', () => {
    fc.assert(
      fc.property(randomCluster, (cluster) => {
        const model = modelOfCluster(cluster);
        const graph = attackGraphOf(model);
        for (const start of starts(graph)) {
          const dist = distances(graph, start);
          for (const path of pathsFrom(graph, start)) {
            let at = start;
            for (const step of path.steps) {
              expect(step.from).toBe(at);
              expectEdgeOfModel(model, graph, step);
              at = step.to;
            }
            expect(at).toBe(path.target.id);
            expect(path.steps.length).toBe(dist.get(path.target.id));
          }
        }
      }),
      RUNS,
    );
  });

  it('every target the breadth-first search reaches has a path; another namespace by its nearest workload', () => {
    fc.assert(
      fc.property(randomCluster, (cluster) => {
        const graph = attackGraphOf(modelOfCluster(cluster));
        for (const start of starts(graph)) {
          const home = graph.nodes.get(start)?.namespace;
          const dist = distances(graph, start);
          const expected = new Map<string, number>();
          for (const [id, d] of dist) {
            const node = graph.nodes.get(id);
            if (!node || id === start) continue;
            if (node.kind === 'workload') {
              if (home === undefined || node.namespace === home) continue;
              const key = `namespace:${node.namespace ?? ''}`;
              expected.set(key, Math.min(d, expected.get(key) ?? d));
            } else if (
              ['secrets', 'node', 'cluster-admin', 'api-server', 'azure-identity'].includes(node.kind)
            )
              expected.set(id, d);
          }
          const actual = new Map(pathsFrom(graph, start).map((p) => [targetKey(p), p.steps.length]));
          expect(actual).toEqual(expected);
        }
      }),
      RUNS,
    );
  });
});

const edgeKey = (e: GraphEdge): string => `${e.from} | ${e.kind} | ${e.to} | ${e.control}`;

/** Target key → path, from every start. */
function allPaths(graph: AttackGraph): Map<string, AttackPath> {
  const out = new Map<string, AttackPath>();
  for (const start of starts(graph))
    for (const path of pathsFrom(graph, start)) out.set(`${start} => ${targetKey(path)}`, path);
  return out;
}

interface Cut {
  readonly name: string;
  readonly without: (cluster: RandomCluster) => RandomCluster;
  /** The edges the precondition enables. */
  readonly enabled: (edge: GraphEdge) => boolean;
}

const RBAC_KINDS = new Set([
  'secret-read',
  'pod-exec',
  'pod-create',
  'escalation',
  'token-create',
  'cluster-admin',
]);

const CUTS: readonly Cut[] = [
  {
    name: 'automount off everywhere',
    without: WITHOUT.automount,
    enabled: (e) => e.kind === 'token-mounted',
  },
  { name: 'no RoleBinding', without: WITHOUT.bindings, enabled: (e) => RBAC_KINDS.has(e.kind) },
  {
    name: 'every Service ClusterIP',
    without: WITHOUT.serviceTypes,
    enabled: (e) => e.kind === 'exposed' && e.evidence.startsWith('Service/'),
  },
  { name: 'default deny in every namespace', without: WITHOUT.network, enabled: (e) => e.kind === 'network' },
];

/** Every workload → workload connection, as edges (network bits only). */
function networkEdges(graph: AttackGraph): GraphEdge[] {
  return (graph.network?.ids ?? []).flatMap((id) => outEdges(graph, id).filter((e) => e.kind === 'network'));
}

describe.each(CUTS)('removing a precondition: $name', ({ without, enabled }) => {
  it('removes exactly the edges it enables, and every path through them; the rest are unchanged or longer', () => {
    fc.assert(
      fc.property(randomCluster, (cluster) => {
        const before = attackGraphOf(modelOfCluster(cluster));
        const cut = modelOfCluster(without(cluster));
        const after = attackGraphOf(cut);
        // A host-network pod's traffic is the node's: no egress policy isolates it, and the destination's
        // ingress may still let it in (the random policies allow from anyone, or from an ipBlock-less peer).
        const hostNetwork = new Set(
          extractWorkloads(cut.objects)
            .filter((w) => w.hostNetwork)
            .map((w) => workloadId(w.namespace, w.name)),
        );
        const exempt = (e: GraphEdge): boolean => e.kind === 'network' && hostNetwork.has(e.from);
        const explicit = (g: AttackGraph): string[] => g.edges.map(edgeKey).sort();
        expect(explicit(after)).toEqual(
          before.edges
            .filter((e) => !enabled(e))
            .map(edgeKey)
            .sort(),
        );
        expect(networkEdges(after).filter((e) => enabled(e) && !exempt(e))).toEqual([]);
        for (const e of networkEdges(after)) expect(networkBit(before, e.from, e.to)).toBe(true);
        const was = allPaths(before);
        for (const [key, path] of allPaths(after)) {
          expect(path.steps.filter((s) => enabled(s) && !exempt(s))).toEqual([]);
          const old = was.get(key);
          expect(old).toBeDefined();
          if (!old) continue;
          expect(path.steps.length).toBeGreaterThanOrEqual(old.steps.length);
          if (!old.steps.some(enabled)) expect(path.steps.length).toBe(old.steps.length);
        }
      }),
      RUNS,
    );
  });
});
