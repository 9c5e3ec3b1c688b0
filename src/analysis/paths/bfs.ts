/**
 * @module Breadth-first search over the attack graph on integer node indexes and typed arrays: a landing
 * search on a 10,000-workload cluster visits ~20,000 nodes, and a scan runs one per exposed workload.
 * Network steps are expanded a row of bits at a time against the workloads not yet reached, so a search
 * costs O(nodes + explicit edges + workloads²/32) however dense the network is.
 */
import type { NetworkLayer } from './network-layer.js';
import type { AttackGraph, GraphEdge, GraphNode } from './types.js';

/** The graph with integer node indexes and its explicit edges in compressed rows. */
export interface IndexedGraph {
  readonly ids: readonly string[];
  readonly nodes: readonly GraphNode[];
  readonly index: ReadonlyMap<string, number>;
  /** Explicit out-edges of node `i`: positions `offsets[i]` to `offsets[i + 1]` of `targets` and `edges`. */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly edges: readonly GraphEdge[];
  /** Node index → network row (-1 when not a workload of the network layer), and back. */
  readonly netOf: Int32Array;
  readonly nodeOfNet: Int32Array;
  readonly network: NetworkLayer | undefined;
  /**
   * 1 for a token without rights (no step out of it): reached or not, a search reaches nothing else
   * through it, so the landings that mount one can still share a search (`frontierSearch`).
   */
  readonly spareToken: Uint8Array;
}

const indexes = new WeakMap<AttackGraph, IndexedGraph>();

function buildIndex(graph: AttackGraph): IndexedGraph {
  const ids = [...graph.nodes.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const offsets = new Int32Array(ids.length + 1);
  const edges: GraphEdge[] = [];
  ids.forEach((id, i) => {
    for (const edge of graph.out.get(id) ?? []) if (index.has(edge.to)) edges.push(edge);
    offsets[i + 1] = edges.length;
  });
  const targets = Int32Array.from(edges, (e) => index.get(e.to) ?? -1);
  const network = graph.network;
  const netOf = new Int32Array(ids.length).fill(-1);
  const nodeOfNet = new Int32Array(network?.ids.length ?? 0).fill(-1);
  network?.ids.forEach((id, n) => {
    const i = index.get(id);
    if (i === undefined) return;
    netOf[i] = n;
    nodeOfNet[n] = i;
  });
  const nodes = ids.map((id) => graph.nodes.get(id) as GraphNode);
  const spareToken = Uint8Array.from(nodes, (node, i) =>
    node.kind === 'token' && offsets[i] === offsets[i + 1] ? 1 : 0,
  );
  return { ids, nodes, index, offsets, targets, edges, netOf, nodeOfNet, network, spareToken };
}

export function indexedGraph(graph: AttackGraph): IndexedGraph {
  let found = indexes.get(graph);
  if (!found) indexes.set(graph, (found = buildIndex(graph)));
  return found;
}

/** `via` of a node reached over the network layer; of the start; of a node not reached. */
export const NETWORK = -1;
const START = -2;

/** A search tree: `order[0..count)` are the reached nodes in the order reached (never decreasing depth). */
export interface SearchTree {
  readonly graph: IndexedGraph;
  readonly start: number;
  readonly order: Int32Array;
  readonly count: number;
  readonly parent: Int32Array;
  /** The explicit edge position that reached each node, or NETWORK. */
  readonly via: Int32Array;
  /** Steps from the start; -1 when not reached. */
  readonly depth: Int32Array;
}

function pendingOf(network: NetworkLayer): Uint32Array {
  const pending = new Uint32Array(network.words).fill(0xffffffff);
  const tail = network.ids.length & 31;
  if (tail !== 0) pending[network.words - 1] = (1 << tail) - 1;
  if (network.ids.length === 0) pending.fill(0);
  return pending;
}

/** Clears a workload's bit in `pending`; true when it was still pending. */
function take(pending: Uint32Array, index: number): boolean {
  const word = index >>> 5;
  const bit = 1 << (index & 31);
  const value = pending[word] ?? 0;
  if ((value & bit) === 0) return false;
  pending[word] = value & ~bit;
  return true;
}

interface Scratch {
  readonly parent: Int32Array;
  readonly via: Int32Array;
  readonly depth: Int32Array;
  readonly order: Int32Array;
}

/** One set of arrays per graph, reused by every search (a scan runs one per exposed workload). */
const scratches = new WeakMap<IndexedGraph, Scratch>();

function scratchOf(g: IndexedGraph): Scratch {
  let found = scratches.get(g);
  if (!found) {
    const n = g.ids.length;
    const [parent, via, depth, order] = [0, 1, 2, 3].map(() => new Int32Array(n));
    found = { parent, via, depth, order } as Scratch;
    scratches.set(g, found);
  }
  found.depth.fill(-1);
  return found;
}

/**
 * Searches from `startId`. The tree lives in arrays shared by every search on the graph: read it (paths,
 * blast radius) before the next search.
 */
export function search(graph: AttackGraph, startId: string): SearchTree | undefined {
  const g = indexedGraph(graph);
  const start = g.index.get(startId);
  return start === undefined ? undefined : runSearch(g, start, false);
}

/**
 * The search every workload with the same frontier as `start` shares (the same explicit targets in the same
 * order, tokens without rights aside, and the same network row): from a start that stands for all of them,
 * whose first step reaches the explicit targets (not its spare tokens: each landing has its own) and the
 * whole row, its own workload included. `start` itself is not reached at depth 0: it is reached where the
 * frontier reaches it (or not at all), like every other such workload, and adds its spare tokens there.
 * The tree from one of them is this tree with that workload moved to depth 0, its first steps taken from
 * it, and its spare tokens at depth 1: they lead nowhere, so nothing else moves.
 */
export function frontierSearch(g: IndexedGraph, start: number): SearchTree {
  return runSearch(g, start, true);
}

function runSearch(g: IndexedGraph, start: number, shared: boolean): SearchTree {
  const { parent, via, depth, order } = scratchOf(g);
  const network = g.network;
  const pending = network ? pendingOf(network) : new Uint32Array(0);
  // The words of `pending` that may still hold a bit: a row is scanned only over these.
  const active = Int32Array.from(pending.keys());
  let activeCount = active.length;
  const expanded = new Uint8Array(network ? network.rows.length / network.words : 0);
  let left = network?.ids.length ?? 0;
  let count = 0;
  const reach = (node: number, from: number, by: number): void => {
    depth[node] = (depth[from] ?? 0) + 1;
    parent[node] = from;
    via[node] = by;
    order[count++] = node;
  };
  depth[start] = 0;
  parent[start] = -1;
  via[start] = START;
  order[count++] = start;
  if (!shared && (g.netOf[start] ?? -1) >= 0 && take(pending, g.netOf[start] ?? 0)) left--;
  for (let head = 0; head < count; head++) {
    const current = order[head] ?? 0;
    for (let e = g.offsets[current] ?? 0; e < (g.offsets[current + 1] ?? 0); e++) {
      const to = g.targets[e] ?? 0;
      if ((depth[to] ?? 0) >= 0 || (shared && g.spareToken[to] === 1)) continue;
      reach(to, current, e);
      const row = g.netOf[to] ?? -1;
      if (row >= 0 && take(pending, row)) left--;
    }
    const from = g.netOf[current] ?? -1;
    if (network && from >= 0 && left > 0) {
      // A row already expanded reached all its workloads: every other workload sharing it adds nothing.
      const group = network.groupOf[from] ?? 0;
      if (expanded[group] !== 1) {
        expanded[group] = 1;
        const base = group * network.words;
        let kept = 0;
        for (let k = 0; k < activeCount; k++) {
          const w = active[k] ?? 0;
          let open = pending[w] ?? 0;
          let bits = (network.rows[base + w] ?? 0) & open;
          if (bits !== 0) {
            open &= ~bits;
            pending[w] = open;
            while (bits !== 0) {
              const low = bits & -bits;
              bits ^= low;
              left--;
              reach(g.nodeOfNet[w * 32 + 31 - Math.clz32(low)] ?? 0, current, NETWORK);
            }
          }
          if (open !== 0) active[kept++] = w;
        }
        activeCount = kept;
      }
    }
    if (shared && head === 0) {
      // The shared start stands for every workload of its frontier: it may be reached again, like them.
      depth[start] = -1;
      // Every node of the first step is at depth 1, the start too when its own row reached it: once the
      // start is reached, nodes after it in the row were given depth 2 from its new depth.
      for (let i = 1; i < count; i++) depth[order[i] ?? 0] = 1;
      order.copyWithin(0, 1, count);
      count--;
      head--;
      shared = false;
    }
  }
  return { graph: g, start, order, count, parent, via, depth };
}

/** The edge that reached a node (built for a network step). */
export function edgeTo(tree: SearchTree, node: number): GraphEdge | undefined {
  const by = tree.via[node] ?? START;
  const g = tree.graph;
  if (by >= 0) return g.edges[by];
  if (by !== NETWORK || !g.network) return undefined;
  return g.network.edge(g.netOf[tree.parent[node] ?? 0] ?? 0, g.netOf[node] ?? 0);
}

/** The steps from the start to a reached node. */
export function stepsTo(tree: SearchTree, node: number): GraphEdge[] {
  const steps: GraphEdge[] = [];
  for (let at = node; at !== tree.start && at >= 0; at = tree.parent[at] ?? -1) {
    const edge = edgeTo(tree, at);
    if (edge) steps.push(edge);
  }
  return steps.reverse();
}
