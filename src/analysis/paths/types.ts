/** @module The attack graph's vocabulary: nodes an attacker can hold, and edges with their evidence and breaking control. */
import type { NetworkLayer } from './network-layer.js';

export type NodeKind =
  'internet' | 'workload' | 'token' | 'secrets' | 'node' | 'api-server' | 'cluster-admin' | 'azure-identity';

export interface GraphNode {
  /** `internet`, `workload:shop/web`, `token:shop/default`, `secrets:shop`, `node`, `cluster-admin`, ... */
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  /** The namespace, for workloads, tokens and secrets. */
  readonly namespace?: string;
}

export type EdgeKind =
  | 'exposed'
  | 'token-mounted'
  | 'secret-read'
  | 'pod-exec'
  | 'pod-create'
  | 'escalation'
  | 'token-create'
  | 'cluster-admin'
  | 'network'
  | 'breakout'
  | 'node-hosts'
  | 'kubelet-identity'
  | 'api-from-internet'
  | 'azure-identity'
  | 'credential-mount';

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** What in the inputs makes the step possible (object names, fields, bindings, ports). */
  readonly evidence: string;
  /** The rule id (CONTROLS.md) whose control breaks this step, or `NO_CONTROL` when no rule of the catalog does. */
  readonly control: string;
  /** Network edges: true when no NetworkPolicy restricts the connection (every port open: a flat network). */
  readonly flat?: boolean;
}

export interface AttackGraph {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** The explicit edges: every edge but workload → workload network connections. */
  readonly edges: readonly GraphEdge[];
  /** Outgoing explicit edges by node id. */
  readonly out: ReadonlyMap<string, readonly GraphEdge[]>;
  /** Workload → workload network connections, implicit (one bit per pair); absent in hand-built graphs. */
  readonly network?: NetworkLayer;
}

/**
 * The control of a step no rule of the catalog breaks: the node → kubelet identity step. IMDS
 * (169.254.169.254) answers any process on the node, host network included; NetworkPolicy binds pods, not
 * the node, and a managed identity or a service principal are both readable there. Only earlier steps break it.
 */
export const NO_CONTROL = 'none';

export const INTERNET = 'internet';
/** The node when no node pool is known; with pools, each pool is a node `node:<pool>`. */
export const NODE = 'node';
export const CLUSTER_ADMIN = 'cluster-admin';
export const API_SERVER = 'api-server';
export const KUBELET_IDENTITY = 'azure:kubelet-identity';

export const workloadId = (namespace: string, name: string): string => `workload:${namespace}/${name}`;
export const tokenId = (namespace: string, account: string): string => `token:${namespace}/${account}`;
export const secretsId = (namespace: string): string => `secrets:${namespace}`;
export const poolNodeId = (pool: string): string => `node:${pool}`;
