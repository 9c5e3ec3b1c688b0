/**
 * @module Shortest attack paths (breadth-first) from a starting node to the targets: secrets, node
 * breakout, cluster-admin, another namespace's workloads, Azure identities, and the API server from outside.
 * Network steps are expanded a row of bits at a time against the workloads not yet reached, so a search
 * costs O(nodes + explicit edges + workloads²/32) however dense the network is.
 */
import { nodeOf } from './graph.js';
import type { NetworkLayer } from './network-layer.js';
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

/** How a node was first reached: an explicit edge, or a network step between two workloads (by index). */
type Via = GraphEdge | { readonly from: string; readonly pair: readonly [number, number] };

/** A breadth-first search tree: nodes in the order reached (never decreasing distance). */
interface SearchTree {
  readonly reached: ReadonlyMap<string, Via | undefined>;
  readonly network: NetworkLayer | undefined;
}

/** Marks one workload reached in the `pending` bitset of workloads not reached yet. */
function take(pending: Uint32Array, index: number): boolean {
  const word = index >>> 5;
  const bit = 1 << (index & 31);
  const value = pending[word] ?? 0;
  if ((value & bit) === 0) return false;
  pending[word] = value & ~bit;
  return true;
}

function pendingOf(network: NetworkLayer): Uint32Array {
  const pending = new Uint32Array(network.words).fill(0xffffffff);
  const tail = network.ids.length & 31;
  if (tail !== 0) pending[network.words - 1] = (1 << tail) - 1;
  if (network.ids.length === 0) pending.fill(0);
  return pending;
}

function search(graph: AttackGraph, start: string): SearchTree {
  const network = graph.network;
  const reached = new Map<string, Via | undefined>([[start, undefined]]);
  const queue = [start];
  const pending = network ? pendingOf(network) : undefined;
  let left = network?.ids.length ?? 0;
  const startIndex = network?.indexOf.get(start);
  if (pending && startIndex !== undefined && take(pending, startIndex)) left--;
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i] ?? '';
    for (const edge of graph.out.get(current) ?? []) {
      if (reached.has(edge.to)) continue;
      reached.set(edge.to, edge);
      queue.push(edge.to);
      const index = network?.indexOf.get(edge.to);
      if (pending && index !== undefined && take(pending, index)) left--;
    }
    const from = network?.indexOf.get(current);
    if (!network || !pending || from === undefined || left === 0) continue;
    const base = from * network.words;
    for (let w = 0; w < network.words; w++) {
      let bits = (network.rows[base + w] ?? 0) & (pending[w] ?? 0);
      if (bits === 0) continue;
      pending[w] = (pending[w] ?? 0) & ~bits;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const to = w * 32 + 31 - Math.clz32(low);
        const id = network.ids[to] ?? '';
        left--;
        reached.set(id, { from: current, pair: [from, to] });
        queue.push(id);
      }
    }
  }
  return { reached, network };
}

function edgeOf(tree: SearchTree, via: Via): GraphEdge {
  if (!('pair' in via)) return via;
  if (!tree.network) throw new Error('a network step without a network layer');
  return tree.network.edge(via.pair[0], via.pair[1]);
}

function stepsTo(tree: SearchTree, node: string): GraphEdge[] {
  const steps: GraphEdge[] = [];
  for (let via = tree.reached.get(node); via !== undefined; via = tree.reached.get(via.from))
    steps.push(edgeOf(tree, via));
  return steps.reverse();
}

/** The shortest path (fewest steps) from `start` to every node it reaches, as the edge that last reached each. */
export function shortestTree(graph: AttackGraph, start: string): Map<string, GraphEdge | undefined> {
  const tree = search(graph, start);
  return new Map(
    [...tree.reached].map(([id, via]) => [id, via === undefined ? undefined : edgeOf(tree, via)]),
  );
}

function targetKindOf(node: GraphNode, startNamespace: string | undefined): TargetKind | undefined {
  if (node.kind === 'node') return 'node';
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

function summarise(graph: AttackGraph, tree: SearchTree, start: string): LandingSearch {
  const startNamespace = graph.nodes.get(start)?.namespace;
  const paths: AttackPath[] = [];
  const namespaces = new Set<string>();
  const counts = { workloads: 0, tokens: 0 };
  const lists = { secrets: [] as string[], nodes: [] as string[], azure: [] as string[] };
  for (const id of tree.reached.keys()) {
    const target = graph.nodes.get(id);
    if (!target || id === start) continue;
    if (target.kind === 'workload') {
      counts.workloads++;
      // The nearest workload of each other namespace stands for that namespace (reached in BFS order).
      if (target.namespace !== undefined && namespaces.has(target.namespace)) continue;
      if (target.namespace !== undefined) namespaces.add(target.namespace);
    }
    if (target.kind === 'token') counts.tokens++;
    if (target.kind === 'secrets') lists.secrets.push(target.namespace ?? id);
    if (target.kind === 'node') lists.nodes.push(id);
    if (target.kind === 'azure-identity') lists.azure.push(id);
    const targetKind = targetKindOf(target, startNamespace);
    if (targetKind) paths.push({ start, target, targetKind, steps: stepsTo(tree, id) });
  }
  paths.sort(
    (a, b) =>
      a.steps.length - b.steps.length ||
      ORDER.indexOf(a.targetKind) - ORDER.indexOf(b.targetKind) ||
      a.target.id.localeCompare(b.target.id),
  );
  const radius: BlastRadius = {
    workloads: counts.workloads,
    namespaces: [...namespaces].sort(),
    tokens: counts.tokens,
    secrets: lists.secrets.sort(),
    nodes: lists.nodes.sort(),
    clusterAdmin: tree.reached.has(CLUSTER_ADMIN),
    apiServer: tree.reached.has(API_SERVER),
    azureIdentities: lists.azure.sort(),
  };
  return { paths, radius };
}

/** One search from `start`: every path and the blast radius (not kept: `aksward paths` streams them). */
export function landingSearch(graph: AttackGraph, start: string): LandingSearch {
  return summarise(graph, search(graph, start), start);
}

/** What the rules and the scan report keep of a landing: its blast radius and one shortest path per target kind. */
export interface LandingDigest {
  readonly radius: BlastRadius;
  readonly shortest: readonly AttackPath[];
}

const digests = new WeakMap<AttackGraph, Map<string, LandingDigest>>();

/** The digest of the search from `start`, done once per graph however many rules and reports ask. */
export function landingDigest(graph: AttackGraph, start: string): LandingDigest {
  let byStart = digests.get(graph);
  if (!byStart) digests.set(graph, (byStart = new Map<string, LandingDigest>()));
  let found = byStart.get(start);
  if (!found) {
    const { radius, paths } = landingSearch(graph, start);
    const kinds = new Set<TargetKind>();
    const shortest = paths.filter((p) => !kinds.has(p.targetKind) && kinds.add(p.targetKind));
    byStart.set(start, (found = { radius, shortest }));
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

/** What an attacker who lands on `start` can reach, by kind. */
export function blastRadius(graph: AttackGraph, start: string): BlastRadius {
  return landingDigest(graph, start).radius;
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
