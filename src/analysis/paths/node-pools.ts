/**
 * @module The nodes of the attack graph: one per node pool when the inputs define the cluster's pools,
 * else one generic node. A pod lands on a pool when its nodeSelector, required node affinity and
 * tolerations allow it (the scheduler's rules); an attacker on that pool's node holds every pod the pool
 * may run. Where the inputs cannot tell (unknown labels or taints), the pod is taken to land there: an
 * attack edge is never dropped for lack of evidence.
 */
import type { AksCluster, Workload } from '../../model/index.js';
import type { PoolView } from '../placement/node-placement.js';
import { canLand, poolViews } from '../placement/node-placement.js';
import { NODE, poolNodeId } from './types.js';

export interface GraphPool {
  /** `node:<pool>`, or `node:<cluster>/<pool>` when the inputs hold several clusters. */
  readonly id: string;
  readonly name: string;
  readonly view?: PoolView;
}

export interface Landing {
  readonly node: GraphPool;
  /** Why the pod may run there. */
  readonly why: string;
}

/** The graph's nodes: every known pool of every cluster, or the one generic node. */
export function graphPools(clusters: readonly AksCluster[]): readonly GraphPool[] {
  const pools: GraphPool[] = [];
  // The same cluster read from two formats (az JSON and Terraform) is one cluster.
  const several = new Set(clusters.map((c) => c.name)).size > 1;
  for (const cluster of clusters) {
    const views = poolViews(cluster);
    if (typeof views === 'string') continue;
    for (const view of views) {
      const name = several ? `${cluster.name}/${view.name}` : view.name;
      if (!pools.some((p) => p.name === name)) pools.push({ id: poolNodeId(name), name, view });
    }
  }
  return pools.length > 0 ? pools : [{ id: NODE, name: 'node' }];
}

/** The pools the scheduler may put the workload's pods on. */
export function landingsOf(workload: Workload, pools: readonly GraphPool[]): Landing[] {
  const out: Landing[] = [];
  for (const node of pools) {
    if (!node.view) {
      out.push({ node, why: 'no node pool is modelled' });
      continue;
    }
    const verdict = canLand(workload, node.view);
    if (verdict === 'no') continue;
    out.push({
      node,
      why:
        verdict === 'yes'
          ? `its nodeSelector, node affinity and tolerations allow pool ${node.name}`
          : `the inputs cannot rule out pool ${node.name} (its labels or taints are unknown)`,
    });
  }
  return out;
}
