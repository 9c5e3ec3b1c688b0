/** @module What a walk of a search tree reads of each node, in arrays built once per graph, and how targets rank. */
import type { IndexedGraph, SearchTree } from './bfs.js';
import type { TargetKind } from './search.js';
import type { GraphNode } from './types.js';
import { API_SERVER, CLUSTER_ADMIN } from './types.js';

export function targetKindOf(node: GraphNode, startNamespace: string | undefined): TargetKind | undefined {
  if (node.kind === 'node') return 'node';
  if (node.id === CLUSTER_ADMIN) return 'cluster-admin';
  if (node.id === API_SERVER) return 'api-server';
  if (node.kind === 'secrets') return 'secrets';
  if (node.kind === 'azure-identity') return 'azure-identity';
  if (node.kind === 'workload' && startNamespace !== undefined && node.namespace !== startNamespace)
    return 'other-namespace';
  return undefined;
}

export const ORDER: readonly TargetKind[] = [
  'secrets',
  'api-server',
  'node',
  'cluster-admin',
  'other-namespace',
  'azure-identity',
];

export interface Target {
  readonly node: number;
  readonly kind: TargetKind;
  readonly depth: number;
  /** The id's rank: ids that `localeCompare` finds equal share one. */
  readonly rank: number;
}

/** Orders targets: fewer steps first, then kind, then id (its rank in `localeCompare` order). */
export function better(a: Target, b: Target): number {
  return a.depth - b.depth || ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.rank - b.rank;
}

/** What `walk` reads of each node, in arrays, computed once per graph: a scan walks one tree per landing. */
export interface WalkTables {
  /** Each node's id ranked: ids that `localeCompare` finds equal share one. */
  readonly rank: Int32Array;
  /** The node's target kind (an index of `ORDER`), `WORKLOAD`, or `NONE`. */
  readonly code: Int8Array;
  /** Workloads: the index of their namespace (`''` when none) in `namespaces`. */
  readonly namespaceOf: Int32Array;
  /** The workloads' namespaces, sorted as `Array.prototype.sort` sorts strings. */
  readonly namespaces: readonly string[];
}

export const WORKLOAD = -1;
export const NONE = -2;
const tables = new WeakMap<IndexedGraph, WalkTables>();

export function tablesOf(g: IndexedGraph): WalkTables {
  let found = tables.get(g);
  if (found) return found;
  const order = g.nodes.map((node, i) => ({ id: node.id, i }));
  order.sort((a, b) => a.id.localeCompare(b.id));
  const rank = new Int32Array(g.nodes.length);
  let r = 0;
  order.forEach((entry, k) => {
    const previous = order[k - 1];
    if (previous !== undefined && previous.id.localeCompare(entry.id) !== 0) r = k;
    rank[entry.i] = r;
  });
  const namespaces = [
    ...new Set(g.nodes.filter((n) => n.kind === 'workload').map((n) => n.namespace ?? '')),
  ].sort();
  const indexOf = new Map(namespaces.map((ns, i) => [ns, i]));
  const code = new Int8Array(g.nodes.length);
  const namespaceOf = new Int32Array(g.nodes.length).fill(-1);
  g.nodes.forEach((node, i) => {
    if (node.kind === 'workload') {
      code[i] = WORKLOAD;
      namespaceOf[i] = indexOf.get(node.namespace ?? '') ?? -1;
      return;
    }
    const kind = targetKindOf(node, undefined);
    code[i] = kind === undefined ? NONE : ORDER.indexOf(kind);
  });
  found = { rank, code, namespaceOf, namespaces };
  tables.set(g, found);
  return found;
}

/** What one pass over a search tree finds: workloads by namespace, the other targets, the assets held. */
export interface TreeTally {
  readonly workloads: number;
  /** Per namespace index: workloads reached, and the nearest one (then lowest rank), -1 when none. */
  readonly counts: Int32Array;
  readonly nearest: Int32Array;
  /** Namespace indexes in the order first reached. */
  readonly firstReached: readonly number[];
  /** Targets but other namespaces' workloads, in tree order. */
  readonly targets: readonly Target[];
  readonly tokens: number;
  readonly secrets: string[];
  readonly nodes: string[];
  readonly azure: string[];
}

/** Tallies the tree's nodes from position `from` of its order (1 skips the start). */
export function tallyTree(tree: SearchTree, tables: WalkTables, from: number): TreeTally {
  const g = tree.graph;
  const { rank, code, namespaceOf, namespaces } = tables;
  const counts = new Int32Array(namespaces.length);
  const nearest = new Int32Array(namespaces.length).fill(-1);
  const firstReached: number[] = [];
  const targets: Target[] = [];
  let workloads = 0;
  let tokens = 0;
  const lists = { secrets: [] as string[], nodes: [] as string[], azure: [] as string[] };
  const { order, depth } = tree;
  for (let i = from; i < tree.count; i++) {
    const node = order[i] ?? 0;
    const c = code[node] ?? NONE;
    if (c === WORKLOAD) {
      workloads++;
      const ns = namespaceOf[node] ?? -1;
      counts[ns] = (counts[ns] ?? 0) + 1;
      const seen = nearest[ns] ?? -1;
      if (seen < 0) {
        nearest[ns] = node;
        firstReached.push(ns);
      } else if ((depth[node] ?? 0) === (depth[seen] ?? 0) && (rank[node] ?? 0) < (rank[seen] ?? 0)) {
        // The tree is in order of depth: a deeper workload never beats the namespace's first one.
        nearest[ns] = node;
      }
      continue;
    }
    const target = g.nodes[node];
    if (!target) continue;
    if (target.kind === 'token') tokens++;
    else if (target.kind === 'secrets') lists.secrets.push(target.namespace ?? target.id);
    else if (target.kind === 'node') lists.nodes.push(target.id);
    else if (target.kind === 'azure-identity') lists.azure.push(target.id);
    const kind = c >= 0 ? ORDER[c] : undefined;
    if (kind) targets.push({ node, kind, depth: depth[node] ?? 0, rank: rank[node] ?? 0 });
  }
  return { workloads, counts, nearest, firstReached, targets, tokens, ...lists };
}
