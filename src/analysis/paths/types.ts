/** @module The attack graph's vocabulary: nodes an attacker can hold, and edges with their evidence and breaking control. */

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
  | 'azure-identity';

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** What in the inputs makes the step possible (object names, fields, bindings, ports). */
  readonly evidence: string;
  /** The rule id (CONTROLS.md) whose control breaks this step. */
  readonly control: string;
  /** Network edges: true when no NetworkPolicy restricts the connection (every port open: a flat network). */
  readonly flat?: boolean;
}

export interface AttackGraph {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly edges: readonly GraphEdge[];
  /** Outgoing edges by node id. */
  readonly out: ReadonlyMap<string, readonly GraphEdge[]>;
}

export const INTERNET = 'internet';
export const NODE = 'node';
export const CLUSTER_ADMIN = 'cluster-admin';
export const API_SERVER = 'api-server';
export const KUBELET_IDENTITY = 'azure:kubelet-identity';

export const workloadId = (namespace: string, name: string): string => `workload:${namespace}/${name}`;
export const tokenId = (namespace: string, account: string): string => `token:${namespace}/${account}`;
export const secretsId = (namespace: string): string => `secrets:${namespace}`;
