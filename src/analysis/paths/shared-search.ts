/**
 * @module Landing digests shared by workloads with the same frontier. A scan digests every internet-exposed
 * workload; many have the same first step (the same explicit targets in the same order, and the same network
 * row: replicas of one app, apps under one policy). Their search trees differ only in where the landing sits
 * (`frontierSearch`), so one search and one walk serve them all; each landing then costs its own radius and
 * first steps. A token without rights that a landing mounts leads nowhere: it is left out of the frontier
 * (each workload mounting its own account's token would otherwise have a frontier of its own), and counted
 * into the landing's radius when the shared tree does not reach it. Equal, field for field, to a search of
 * its own (`directDigest`; tested on every workload).
 */
import type { IndexedGraph, SearchTree } from './bfs.js';
import { NETWORK, edgeTo, frontierSearch } from './bfs.js';
import type { AttackPath, BlastRadius, LandingDigest, LandingSearch } from './search.js';
import type { GraphEdge, GraphNode } from './types.js';
import { API_SERVER, CLUSTER_ADMIN } from './types.js';
import type { Target, WalkTables } from './walk-tables.js';
import { WORKLOAD, better, tallyTree } from './walk-tables.js';

/** A path of the shared tree: its steps from the shared start, and how its first step was taken. */
interface SharedPath {
  readonly steps: readonly GraphEdge[];
  /** The node the first step reaches, and the explicit edge position that reached it (or NETWORK). */
  readonly first: number;
  readonly via: number;
}

interface SharedWalk {
  readonly start: number;
  /** Workloads reached by the shared tree (a landing of the frontier, when reached, among them). */
  readonly workloads: number;
  /** Per namespace index: workloads reached, and the nearest one (then lowest rank) as a target. */
  readonly counts: Int32Array;
  /** The namespaces with a workload reached, sorted (one array for every landing whose own is not left out). */
  readonly namespaces: readonly string[];
  /** In the order first reached. */
  readonly nearest: ReadonlyMap<number, Target>;
  /**
   * The two best nearest workloads (fewest steps, then lowest rank; then first reached), of two namespaces:
   * a landing's best in another namespace than its own is one of them, so a digest needs only their paths.
   */
  readonly bestNearest: readonly Target[];
  /** Every target but other-namespace, best first; and the best of each kind. */
  readonly targets: readonly Target[];
  readonly fixed: readonly Target[];
  readonly rest: Omit<BlastRadius, 'workloads' | 'namespaces'>;
  readonly paths: ReadonlyMap<number, SharedPath>;
  /** Each landing of the frontier: its depth in the shared tree, -1 when not reached. */
  readonly depthOf: ReadonlyMap<number, number>;
  /** The spare tokens the landings mount that the shared tree reaches. */
  readonly sparesReached: ReadonlySet<number>;
}

interface Frontiers {
  /** Node → its frontier's key, for workload nodes (its explicit targets but spare tokens, and its network row). */
  readonly keyOf: ReadonlyMap<number, string>;
  readonly members: ReadonlyMap<string, readonly number[]>;
  readonly walks: Map<string, SharedWalk>;
  /** Walks with a path to every target (`aksward paths`), the most recently used few. */
  readonly fullWalks: Map<string, SharedWalk>;
}

/**
 * Full walks kept at once. `paths` walks the landings in id order, which interleaves frontiers (replicas
 * of one app sit apart in the order): a few walks cover them, and the output stays streamed.
 */
const FULL_WALKS = 32;

const frontiers = new WeakMap<IndexedGraph, Frontiers>();

function frontiersOf(g: IndexedGraph, tables: WalkTables): Frontiers {
  let found = frontiers.get(g);
  if (found) return found;
  const keyOf = new Map<number, string>();
  const members = new Map<string, number[]>();
  const { network } = g;
  for (let i = 0; i < g.nodes.length; i++) {
    if (tables.code[i] !== WORKLOAD) continue;
    const row = g.netOf[i] ?? -1;
    const group = network && row >= 0 ? (network.groupOf[row] ?? -1) : -1;
    const targets = [...g.targets.subarray(g.offsets[i] ?? 0, g.offsets[i + 1] ?? 0)];
    const key = `${group}|${targets.filter((t) => g.spareToken[t] !== 1).join(',')}`;
    keyOf.set(i, key);
    const list = members.get(key);
    if (list) list.push(i);
    else members.set(key, [i]);
  }
  found = { keyOf, members, walks: new Map(), fullWalks: new Map() };
  frontiers.set(g, found);
  return found;
}

/** The steps to `node`, up to the first step the shared start took (the start itself may be a leaf of the tree). */
function sharedPath(tree: SearchTree, node: number): SharedPath {
  const steps: GraphEdge[] = [];
  let at = node;
  for (;;) {
    const edge = edgeTo(tree, at);
    if (edge) steps.push(edge);
    const up = tree.parent[at] ?? -1;
    if ((tree.depth[at] ?? 0) <= 1 || up < 0) break;
    at = up;
  }
  return { steps: steps.reverse(), first: at, via: tree.via[at] ?? NETWORK };
}

/** One walk of the shared tree: what every landing of the frontier reads; `full`: a path to every target. */
function walkShared(
  g: IndexedGraph,
  tables: WalkTables,
  start: number,
  members: readonly number[],
  full: boolean,
): SharedWalk {
  const tree = frontierSearch(g, start);
  const { rank } = tables;
  const { depth } = tree;
  const tally = tallyTree(tree, tables, 0);
  const { counts, firstReached, workloads, tokens } = tally;
  const targets = [...tally.targets];
  targets.sort(better);
  const kinds = new Set<string>();
  const fixed = targets.filter((t) => !kinds.has(t.kind) && kinds.add(t.kind));
  const nearest = new Map<number, Target>();
  for (const ns of firstReached) {
    const node = tally.nearest[ns] ?? 0;
    nearest.set(ns, { node, kind: 'other-namespace', depth: depth[node] ?? 0, rank: rank[node] ?? 0 });
  }
  const bestNearest = [...nearest.values()].sort((a, b) => a.depth - b.depth || a.rank - b.rank).slice(0, 2);
  // A path builds an edge per step (a network step's evidence included): only those a landing may show.
  const paths = new Map<number, SharedPath>();
  for (const t of full ? [...targets, ...nearest.values()] : [...fixed, ...bestNearest])
    paths.set(t.node, sharedPath(tree, t.node));
  const reached = (id: string): boolean => {
    const i = g.index.get(id);
    return i !== undefined && (depth[i] ?? -1) >= 0;
  };
  return {
    start,
    workloads,
    counts,
    namespaces: tables.namespaces.filter((_, ns) => (counts[ns] ?? 0) > 0),
    nearest,
    bestNearest,
    targets,
    fixed,
    rest: {
      tokens,
      secrets: tally.secrets.sort(),
      nodes: tally.nodes.sort(),
      clusterAdmin: reached(CLUSTER_ADMIN),
      apiServer: reached(API_SERVER),
      azureIdentities: tally.azure.sort(),
    },
    paths,
    depthOf: new Map(members.map((m) => [m, depth[m] ?? -1])),
    sparesReached: new Set(members.flatMap((m) => spareTokens(g, m).filter((t) => (depth[t] ?? -1) >= 0))),
  };
}

/** The tokens without rights a workload mounts (its explicit targets that lead nowhere). */
function spareTokens(g: IndexedGraph, node: number): number[] {
  const out: number[] = [];
  for (let e = g.offsets[node] ?? 0; e < (g.offsets[node + 1] ?? 0); e++) {
    const to = g.targets[e] ?? 0;
    if (g.spareToken[to] === 1) out.push(to);
  }
  return out;
}

/** Position `e` of the shared start's explicit edges, as the same edge's position for `landing`: the k-th edge to no spare token. */
function landingEdge(g: IndexedGraph, start: number, landing: number, e: number): number {
  let k = 0;
  for (let p = g.offsets[start] ?? 0; p < e; p++) if (g.spareToken[g.targets[p] ?? 0] !== 1) k++;
  for (let p = g.offsets[landing] ?? 0; p < (g.offsets[landing + 1] ?? 0); p++) {
    if (g.spareToken[g.targets[p] ?? 0] === 1) continue;
    if (k-- === 0) return p;
  }
  return -1;
}

/** The first step of a landing's own path: its edge to the node the shared start's first step reached. */
function firstStep(g: IndexedGraph, shared: SharedWalk, landing: number, path: SharedPath): GraphEdge {
  if (path.via >= 0) {
    const edge = g.edges[landingEdge(g, shared.start, landing, path.via)];
    if (edge) return edge;
  }
  const { network } = g;
  const from = g.netOf[landing] ?? -1;
  const to = g.netOf[path.first] ?? -1;
  if (!network || from < 0 || to < 0) throw new Error(`no first step from node ${landing} to ${path.first}`);
  return network.edge(from, to);
}

/** The walk of `landing`'s frontier (made on first use); undefined for a node that is not a workload. */
function walkOf(g: IndexedGraph, landing: number, tables: WalkTables, full: boolean): SharedWalk | undefined {
  const all = frontiersOf(g, tables);
  const key = all.keyOf.get(landing);
  if (key === undefined) return undefined;
  const cache = full ? all.fullWalks : all.walks;
  let shared = cache.get(key);
  if (shared && full) cache.delete(key);
  if (!shared) {
    const members = all.members.get(key) ?? [landing];
    shared = walkShared(g, tables, members[0] ?? landing, members, full);
  }
  cache.set(key, shared);
  if (full && cache.size > FULL_WALKS) cache.delete(cache.keys().next().value ?? key);
  return shared;
}

/** A landing's blast radius from its frontier's walk. */
function landingRadius(
  g: IndexedGraph,
  shared: SharedWalk,
  landing: number,
  tables: WalkTables,
): BlastRadius {
  const ownNamespace = tables.namespaceOf[landing] ?? -1;
  const reached = (shared.depthOf.get(landing) ?? -1) >= 0;
  // The landing is in the shared tree as a leaf: taken out, it leaves its namespace when it was alone there.
  const alone = reached && shared.counts[ownNamespace] === 1;
  const ownName = tables.namespaces[ownNamespace];
  // The landing's spare tokens are at depth 1 of its own tree: those the shared tree misses add to its count.
  const spares = new Set(spareTokens(g, landing).filter((t) => !shared.sparesReached.has(t)));
  return {
    workloads: shared.workloads - (reached ? 1 : 0),
    namespaces: alone ? shared.namespaces.filter((ns) => ns !== ownName) : shared.namespaces,
    ...shared.rest,
    tokens: shared.rest.tokens + spares.size,
  };
}

/** Whether a nearest workload's namespace is another than the landing's (a landing with none has no others). */
function isOther(g: IndexedGraph, landing: number, tables: WalkTables, t: Target): boolean {
  const own = (g.nodes[landing] as GraphNode).namespace;
  return own !== undefined && tables.namespaces[tables.namespaceOf[t.node] ?? -1] !== own;
}

/** The landing's paths to `targets`: the shared tree's, each with its first step taken from the landing. */
function landingPaths(
  g: IndexedGraph,
  shared: SharedWalk,
  landing: number,
  targets: readonly Target[],
): AttackPath[] {
  const start = (g.nodes[landing] as GraphNode).id;
  return targets.map((target) => {
    const path = shared.paths.get(target.node) as SharedPath;
    const steps = [...path.steps];
    if (steps.length > 0) steps[0] = firstStep(g, shared, landing, path);
    return { start, target: g.nodes[target.node] as GraphNode, targetKind: target.kind, steps };
  });
}

/**
 * The digest of `landing` from its frontier's shared search; undefined for a node that is not a workload
 * (the caller searches from it on its own).
 */
export function sharedDigest(
  g: IndexedGraph,
  landing: number,
  tables: WalkTables,
): LandingDigest | undefined {
  const shared = walkOf(g, landing, tables, false);
  if (!shared) return undefined;
  const candidate = shared.bestNearest.find((t) => isOther(g, landing, tables, t));
  const best = candidate === undefined ? [...shared.fixed] : [...shared.fixed, candidate].sort(better);
  return {
    radius: landingRadius(g, shared, landing, tables),
    shortest: landingPaths(g, shared, landing, best),
  };
}

/**
 * The full search of `landing` (every path and the blast radius) from its frontier's shared search;
 * undefined for a node that is not a workload.
 */
export function sharedLandingSearch(
  g: IndexedGraph,
  landing: number,
  tables: WalkTables,
): LandingSearch | undefined {
  const shared = walkOf(g, landing, tables, true);
  if (!shared) return undefined;
  const others = [...shared.nearest.values()].filter((t) => isOther(g, landing, tables, t));
  // The shared targets are sorted already: with the other namespaces appended, a stable sort orders them
  // as one sort of the tree's targets then those namespaces would (a direct walk's order).
  const targets = [...shared.targets, ...others].sort(better);
  return {
    paths: landingPaths(g, shared, landing, targets),
    radius: landingRadius(g, shared, landing, tables),
  };
}
