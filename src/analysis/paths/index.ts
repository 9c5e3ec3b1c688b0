/** @module Attack paths: the attack graph of a model, shortest paths to targets, and the seeds' breach narrative. */
export type { AttackGraphInputs } from './graph.js';
export type { AttackGraph, GraphEdge, GraphNode, EdgeKind, NodeKind } from './types.js';
export {
  INTERNET,
  NODE,
  CLUSTER_ADMIN,
  API_SERVER,
  KUBELET_IDENTITY,
  workloadId,
  tokenId,
  secretsId,
  poolNodeId,
} from './types.js';
export { attackGraphOf, buildAttackGraph, indexGraph, nodeOf, publicApiServer } from './graph.js';
export type { AttackPath, TargetKind } from './search.js';
export type { BlastRadius, LandingDigest, LandingSearch } from './search.js';
export {
  pathsFrom,
  exposedWorkloads,
  landingDigest,
  landingSearch,
  outEdges,
  radiusLabels,
  shortestTree,
} from './search.js';
export type { NetworkLayer } from './network-layer.js';
export type { NarrativeStep } from './narrative.js';
export { narrativeOf } from './narrative.js';
