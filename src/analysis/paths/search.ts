/**
 * @module Shortest attack paths (breadth-first) from a starting node to the targets: secrets, node
 * breakout, cluster-admin, another namespace's workloads, Azure identities, and the API server from outside;
 * and the blast radius of a landing workload. The search itself is in bfs.ts.
 */
import type { SearchTree } from './bfs.js';
import { edgeTo, indexedGraph, search, stepsTo } from './bfs.js';
import { sharedDigest, sharedLandingSearch } from './shared-search.js';
import type { Target } from './walk-tables.js';
import { better, tablesOf, tallyTree } from './walk-tables.js';
import { nodeOf } from './graph.js';
import type { AttackGraph, GraphEdge, GraphNode } from './types.js';
import { API_SERVER, CLUSTER_ADMIN, INTERNET } from './types.js';

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
  const tree = search(graph, start);
  if (!tree) return new Map([[start, undefined]]);
  const out = new Map<string, GraphEdge | undefined>();
  for (let i = 0; i < tree.count; i++) {
    const node = tree.order[i] ?? 0;
    out.set(tree.graph.ids[node] ?? '', i === 0 ? undefined : edgeTo(tree, node));
  }
  return out;
}

/** What an attacker who lands on a workload holds, summed up by kind. */
export interface BlastRadius {
  /** Workloads reached besides the landing one, and their namespaces. */
  readonly workloads: number;
  readonly namespaces: readonly string[];
  /** Service account tokens held. */
  readonly tokens: number;
  /** Namespaces whose secrets are readable. */
  readonly secrets: readonly string[];
  /** Nodes held as root (node ids: `node`, or `node:<pool>`). */
  readonly nodes: readonly string[];
  readonly clusterAdmin: boolean;
  readonly apiServer: boolean;
  /** Azure identities (graph ids) whose tokens the attacker can get. */
  readonly azureIdentities: readonly string[];
}

/** One search from a landing node: its paths (one per target; one per other namespace) and its blast radius. */
export interface LandingSearch {
  readonly paths: readonly AttackPath[];
  readonly radius: BlastRadius;
}

/**
 * Walks the tree once: the blast radius, and the targets (each secrets, node, identity, cluster-admin and
 * API server; one workload per other namespace, its nearest, then lowest id), best first.
 */
function walk(tree: SearchTree): { radius: BlastRadius; targets: Target[] } {
  const g = tree.graph;
  const tables = tablesOf(g);
  const { rank, namespaces } = tables;
  const { depth } = tree;
  const startNamespace = g.nodes[tree.start]?.namespace;
  const tally = tallyTree(tree, tables, 1);
  const targets = [...tally.targets];
  if (startNamespace !== undefined)
    for (const ns of tally.firstReached) {
      const node = tally.nearest[ns] ?? 0;
      if (namespaces[ns] !== startNamespace)
        targets.push({ node, kind: 'other-namespace', depth: depth[node] ?? 0, rank: rank[node] ?? 0 });
    }
  targets.sort(better);
  const reached = (id: string): boolean => {
    const i = g.index.get(id);
    return i !== undefined && (depth[i] ?? -1) >= 0;
  };
  const radius: BlastRadius = {
    workloads: tally.workloads,
    namespaces: namespaces.filter((_, ns) => (tally.nearest[ns] ?? -1) >= 0),
    tokens: tally.tokens,
    secrets: tally.secrets.sort(),
    nodes: tally.nodes.sort(),
    clusterAdmin: reached(CLUSTER_ADMIN),
    apiServer: reached(API_SERVER),
    azureIdentities: tally.azure.sort(),
  };
  return { radius, targets };
}

const NO_RADIUS: BlastRadius = {
  workloads: 0,
  namespaces: [],
  tokens: 0,
  secrets: [],
  nodes: [],
  clusterAdmin: false,
  apiServer: false,
  azureIdentities: [],
};

function pathOf(tree: SearchTree, start: string, target: Target): AttackPath {
  const node = tree.graph.nodes[target.node] as GraphNode;
  return { start, target: node, targetKind: target.kind, steps: stepsTo(tree, target.node) };
}

/** One search of its own from `start`: what the shared search must give for every landing. */
export function directLandingSearch(graph: AttackGraph, start: string): LandingSearch {
  const tree = search(graph, start);
  if (!tree) return { paths: [], radius: NO_RADIUS };
  const { radius, targets } = walk(tree);
  return { paths: targets.map((t) => pathOf(tree, start, t)), radius };
}

/**
 * Every path from `start` and its blast radius (not kept: `aksward paths` streams them). A workload's comes
 * from the search its frontier shares (the same explicit targets and network row), like its digest.
 */
export function landingSearch(graph: AttackGraph, start: string): LandingSearch {
  const g = indexedGraph(graph);
  const index = g.index.get(start);
  const shared = index === undefined ? undefined : sharedLandingSearch(g, index, tablesOf(g));
  return shared ?? directLandingSearch(graph, start);
}

/** What the rules and the scan report keep of a landing: its blast radius and one shortest path per target kind. */
export interface LandingDigest {
  readonly radius: BlastRadius;
  readonly shortest: readonly AttackPath[];
}

const digests = new WeakMap<AttackGraph, Map<string, LandingDigest>>();

/** The digest from one search of its own: what the shared search must give for every landing. */
export function directDigest(graph: AttackGraph, start: string): LandingDigest {
  const tree = search(graph, start);
  const { radius, targets } = tree ? walk(tree) : { radius: NO_RADIUS, targets: [] };
  const kinds = new Set<TargetKind>();
  const best = targets.filter((t) => !kinds.has(t.kind) && kinds.add(t.kind));
  const shortest = tree ? best.map((t) => pathOf(tree, start, t)) : [];
  return { radius, shortest };
}

/**
 * The digest of the search from `start`, done once per graph however many rules and reports ask, and
 * once per frontier: workloads with the same explicit targets and network row share one search.
 */
export function landingDigest(graph: AttackGraph, start: string): LandingDigest {
  let byStart = digests.get(graph);
  if (!byStart) digests.set(graph, (byStart = new Map<string, LandingDigest>()));
  let found = byStart.get(start);
  if (!found) {
    const g = indexedGraph(graph);
    const index = g.index.get(start);
    const shared = index === undefined ? undefined : sharedDigest(g, index, tablesOf(g));
    found = shared ?? directDigest(graph, start);
    byStart.set(start, found);
  }
  return found;
}

/**
 * Every target reachable from `start`, each by one shortest path (another namespace: by its nearest
 * workload); shortest first, then by target kind and id.
 */
export function pathsFrom(graph: AttackGraph, start: string): readonly AttackPath[] {
  return landingSearch(graph, start).paths;
}

/** The blast radius as one label per asset: comparable between two runs (`aksward diff`), saved ones too. */
export function radiusLabels(radius: BlastRadius): string[] {
  const label = (id: string): string => nodeOf(id).label;
  return [
    ...(radius.clusterAdmin ? [label(CLUSTER_ADMIN)] : []),
    ...radius.nodes.map(label),
    ...(radius.apiServer ? [label(API_SERVER)] : []),
    ...radius.azureIdentities.map(label),
    ...radius.secrets.map((ns) => `secrets in namespace ${ns}`),
    ...radius.namespaces.map((ns) => `workloads in namespace ${ns}`),
  ];
}

/** The workloads the internet reaches directly. */
export function exposedWorkloads(graph: AttackGraph): string[] {
  return [...new Set((graph.out.get(INTERNET) ?? []).map((e) => e.to))].sort();
}

/** Every edge out of a node, network connections included (built on demand). */
export function outEdges(graph: AttackGraph, id: string): GraphEdge[] {
  const explicit = graph.out.get(id) ?? [];
  const network = graph.network;
  const from = network?.indexOf.get(id);
  if (!network || from === undefined) return [...explicit];
  return [...explicit, ...network.targets(from).map((to) => network.edge(from, to))];
}
