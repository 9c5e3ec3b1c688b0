/** @module Attack paths: the attack graph of a model, shortest paths to targets, and the seeds' breach narrative. */
export type { AttackGraph, GraphEdge, EdgeKind } from './types.js';
export { INTERNET, NODE, CLUSTER_ADMIN, KUBELET_IDENTITY, NO_CONTROL, workloadId } from './types.js';
export { attackGraphOf, buildAttackGraph, indexGraph } from './graph.js';
export type { AttackPath, TargetKind } from './search.js';
export type { LandingDigest } from './search.js';
export {
  pathsFrom,
  exposedWorkloads,
  landingDigest,
  outEdges,
  radiusLabels,
  shortestTree,
} from './search.js';
export type { NarrativeStep } from './narrative.js';
export { narrativeOf } from './narrative.js';
