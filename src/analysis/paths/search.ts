/**
 * @module Shortest attack paths (breadth-first) from a starting node to the targets: secrets, node
 * breakout, cluster-admin, another namespace's workloads, Azure identities, and the API server from outside.
 */
import type { AttackGraph, GraphEdge, GraphNode } from './types.js';
import { API_SERVER, CLUSTER_ADMIN, INTERNET, NODE } from './types.js';

export type TargetKind =
  'secrets' | 'node' | 'cluster-admin' | 'other-namespace' | 'azure-identity' | 'api-server';

export interface AttackPath {
  readonly start: string;
  readonly target: GraphNode;
  readonly targetKind: TargetKind;
  readonly steps: readonly GraphEdge[];
}

/** The shortest path (fewest steps) from `start` to every node it reaches, as the edge that last reached each. */
export function shortestTree(graph: AttackGraph, start: string): Map<string, GraphEdge | undefined> {
  const reached = new Map<string, GraphEdge | undefined>([[start, undefined]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i] ?? '';
    for (const edge of graph.out.get(current) ?? []) {
      if (reached.has(edge.to)) continue;
      reached.set(edge.to, edge);
      queue.push(edge.to);
    }
  }
  return reached;
}

function stepsTo(tree: ReadonlyMap<string, GraphEdge | undefined>, node: string): GraphEdge[] {
  const steps: GraphEdge[] = [];
  for (let edge = tree.get(node); edge !== undefined; edge = tree.get(edge.from)) steps.unshift(edge);
  return steps;
}

function targetKindOf(node: GraphNode, startNamespace: string | undefined): TargetKind | undefined {
  if (node.id === NODE) return 'node';
  if (node.id === CLUSTER_ADMIN) return 'cluster-admin';
  if (node.id === API_SERVER) return 'api-server';
  if (node.kind === 'secrets') return 'secrets';
  if (node.kind === 'azure-identity') return 'azure-identity';
  if (node.kind === 'workload' && startNamespace !== undefined && node.namespace !== startNamespace)
    return 'other-namespace';
  return undefined;
}

const ORDER: readonly TargetKind[] = [
  'secrets',
  'api-server',
  'node',
  'cluster-admin',
  'other-namespace',
  'azure-identity',
];

/** Every target reachable from `start`, each by one shortest path; shortest first, then by target kind. */
export function pathsFrom(graph: AttackGraph, start: string): AttackPath[] {
  const tree = shortestTree(graph, start);
  const startNamespace = graph.nodes.get(start)?.namespace;
  const out: AttackPath[] = [];
  for (const id of tree.keys()) {
    const target = graph.nodes.get(id);
    if (!target || id === start) continue;
    const targetKind = targetKindOf(target, startNamespace);
    if (targetKind) out.push({ start, target, targetKind, steps: stepsTo(tree, id) });
  }
  return out.sort(
    (a, b) =>
      a.steps.length - b.steps.length ||
      ORDER.indexOf(a.targetKind) - ORDER.indexOf(b.targetKind) ||
      a.target.id.localeCompare(b.target.id),
  );
}

/** The workloads the internet reaches directly. */
export function exposedWorkloads(graph: AttackGraph): string[] {
  return [...new Set((graph.out.get(INTERNET) ?? []).map((e) => e.to))].sort();
}

/** What an attacker who lands on `start` can reach: every node of its shortest-path tree. */
export function blastRadius(graph: AttackGraph, start: string): GraphNode[] {
  return [...shortestTree(graph, start).keys()]
    .filter((id) => id !== start)
    .map((id) => graph.nodes.get(id))
    .filter((n): n is GraphNode => n !== undefined);
}
