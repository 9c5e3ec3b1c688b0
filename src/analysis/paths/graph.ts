/**
 * @module Builds the attack graph of a model: internet exposure, mounted tokens and their RBAC rights,
 * the NetworkPolicy reachability between workloads, node breakouts, the node's hold over every pod and the
 * kubelet identity, the public API server, and Azure workload identities. Built from the RBAC and reachability
 * analyses it is given; `attackGraphOf` memoises it per model object for callers outside a run.
 */
import type { AksCluster, ClusterModel, Workload } from '../../model/index.js';
import { extractNamespaces, groupBy } from '../../model/index.js';
import { computeReachability } from '../netpol/index.js';
import type { Reachability } from '../netpol/index.js';
import { rbacAnalysisOf } from '../rbac/rbac-analysis.js';
import type { RbacAnalysis } from '../rbac/rbac-analysis.js';
import { tokenMount } from '../rbac/workload-identity.js';
import { credentialMounts } from '../placement/node-credentials.js';
import { breakoutsOf } from './breakout.js';
import { exposureEdges } from './exposure.js';
import type { NetworkLayer } from './network-layer.js';
import { buildNetworkLayer } from './network-layer.js';
import type { GraphPool } from './node-pools.js';
import { graphPools, landingsOf } from './node-pools.js';
import type { TokenEdgeInputs } from './rbac-edges.js';
import { tokenEdges } from './rbac-edges.js';
import type { AttackGraph, GraphEdge, GraphNode } from './types.js';
import {
  API_SERVER,
  CLUSTER_ADMIN,
  INTERNET,
  KUBELET_IDENTITY,
  NODE,
  NO_CONTROL,
  tokenId,
  workloadId,
} from './types.js';

/** Why root on a node holds the kubelet identity, and why no control of the catalog blocks it. */
const IMDS_EVIDENCE =
  'the kubelet identity token is readable from the node (IMDS, 169.254.169.254, answers any process on the ' +
  'node; an egress NetworkPolicy binds pods, not the node, so no control of the catalog blocks this step: ' +
  'break an earlier one, and keep the identity to the roles nodes need)';

const WI_USE = 'azure.workload.identity/use';
const WI_CLIENT = 'azure.workload.identity/client-id';

/** Why the API server takes a stolen token from anywhere, or undefined when it does not (or we cannot tell). */
export function publicApiServer(clusters: readonly AksCluster[]): string | undefined {
  for (const cluster of clusters) {
    const { enablePrivateCluster, authorizedIPRanges } = cluster.apiServer;
    if (enablePrivateCluster.state === 'unknown' || enablePrivateCluster.value) continue;
    if (authorizedIPRanges.state === 'unknown') continue;
    if (authorizedIPRanges.value.length > 0) continue;
    return `${cluster.display}: the API server is public (enablePrivateCluster ${enablePrivateCluster.value}) with no authorized IP ranges`;
  }
  return undefined;
}

/**
 * Whether the inputs leave the API server's reach from the internet undecided: no cluster definition, or one
 * whose private-cluster setting or authorized ranges are unknown, and none known to be public. A step it
 * decides is then unknown, as `require-private-cluster` is not assessed: never "blocked".
 */
export function isApiServerExposureUnknown(clusters: readonly AksCluster[]): boolean {
  if (publicApiServer(clusters) !== undefined) return false;
  if (clusters.length === 0) return true;
  return clusters.some(({ apiServer }) => {
    const { enablePrivateCluster, authorizedIPRanges } = apiServer;
    if (enablePrivateCluster.state === 'unknown') return true;
    return !enablePrivateCluster.value && authorizedIPRanges.state === 'unknown';
  });
}

interface GraphContext {
  readonly model: ClusterModel;
  readonly analysis: RbacAnalysis;
  readonly pools: readonly GraphPool[];
}

/** The analyses the attack graph is built from. */
export interface AttackGraphInputs {
  readonly rbac: RbacAnalysis;
  readonly reachability: Reachability;
}

function nodeEdges(context: GraphContext, workload: Workload, id: string): GraphEdge[] {
  const out: GraphEdge[] = [];
  const landings = landingsOf(workload, context.pools);
  const many = context.pools.length > 1;
  for (const { node, why } of landings) {
    const on = many ? ` (on pool ${node.name}: ${why})` : '';
    for (const b of breakoutsOf(workload))
      out.push({ from: id, to: node.id, kind: 'breakout', ...b, evidence: `${b.evidence}${on}` });
    const evidence = node.view
      ? `nodes of pool ${node.name} run ${workload.display}'s pods (${why})`
      : `the node runs ${workload.display}'s pods (${why})`;
    out.push({
      from: node.id,
      to: id,
      kind: 'node-hosts',
      evidence,
      control: 'require-tenant-node-isolation',
    });
  }
  for (const mount of credentialMounts(workload)) {
    const mounted = `${workload.display} mounts the node path ${mount.hostPath} (volume ${mount.volume})`;
    const control = 'no-azure-credential-mounts';
    for (const file of mount.exposed) {
      const evidence = `${mounted}: ${file.file} (${file.what})`;
      if (file.kind === 'azure')
        out.push({ from: id, to: KUBELET_IDENTITY, kind: 'credential-mount', evidence, control });
      else
        for (const { node } of landings)
          out.push({ from: id, to: node.id, kind: 'credential-mount', evidence, control });
    }
  }
  return out;
}

/**
 * The Azure roles the inputs give an identity, matched by client id: `az role assignment list` names a
 * service principal (a managed identity included) by its application (client) id in `principalName`;
 * an assignment written with the object id matches when that is what the annotation holds.
 */
function azureRoles(model: ClusterModel, client: string): string {
  const id = client.toLowerCase();
  const roles = model.roleAssignments
    .filter((a) => a.principalId.toLowerCase() === id || a.principalName?.toLowerCase() === id)
    .map((a) => `${a.roleDefinitionName ?? a.roleDefinitionId} at ${a.scope}`);
  return roles.length > 0
    ? `its Azure roles: ${[...new Set(roles)].sort().join('; ')}`
    : 'no Azure role assignment of it is in the inputs';
}

function workloadEdges(context: GraphContext, workload: Workload): GraphEdge[] {
  const { analysis } = context;
  const id = workloadId(workload.namespace, workload.name);
  const out: GraphEdge[] = [];
  const mount = tokenMount(analysis.index, workload);
  // An account missing from the inputs still gets its token mounted unless it opts out: kept, and said so.
  if (mount.mounted !== false)
    out.push({
      from: id,
      to: tokenId(workload.namespace, workload.serviceAccountName),
      kind: 'token-mounted',
      evidence:
        mount.mounted === true
          ? `the token of ServiceAccount ${workload.namespace}/${workload.serviceAccountName} is mounted (${mount.basis})`
          : `the token of ServiceAccount ${workload.namespace}/${workload.serviceAccountName} is mounted unless the account opts out (${mount.basis})`,
      control: 'no-automount-token',
    });
  out.push(...nodeEdges(context, workload, id));
  const account = analysis.index.serviceAccounts.get(`${workload.namespace}/${workload.serviceAccountName}`);
  const client = account?.annotations[WI_CLIENT];
  if (client !== undefined && workload.podLabels[WI_USE] === 'true')
    out.push({
      from: id,
      to: `azure:${client}`,
      kind: 'azure-identity',
      evidence: `${workload.display} uses workload identity ${client} (ServiceAccount ${workload.namespace}/${workload.serviceAccountName}); ${azureRoles(context.model, client)}`,
      control: 'no-overprivileged-workload',
    });
  return out;
}

/** A graph node from its id alone: kind, namespace and label follow from the id (`secrets:shop`, `node:pool1`). */
export function nodeOf(id: string): GraphNode {
  const [prefix, rest = ''] = id.split(/:(.*)/s);
  const namespace =
    prefix === 'node'
      ? undefined
      : rest.includes('/')
        ? rest.split('/')[0]
        : prefix === 'secrets'
          ? rest
          : undefined;
  const kind = (
    id === INTERNET
      ? 'internet'
      : id === NODE
        ? 'node'
        : id === CLUSTER_ADMIN
          ? 'cluster-admin'
          : id === API_SERVER
            ? 'api-server'
            : prefix === 'azure'
              ? 'azure-identity'
              : prefix
  ) as GraphNode['kind'];
  const labels: Record<string, string> = {
    internet: 'the internet',
    node: id === NODE ? 'a node (root)' : `a node of pool ${rest} (root)`,
    'cluster-admin': 'cluster-admin',
    'api-server': 'the API server from outside the cluster',
    workload: `workload ${rest}`,
    token: `token of ServiceAccount ${rest}`,
    secrets: `secrets in namespace ${rest}`,
    'azure-identity': id === KUBELET_IDENTITY ? 'the kubelet managed identity' : `Azure identity ${rest}`,
  };
  return { id, kind, label: labels[kind] ?? id, ...(namespace === undefined ? {} : { namespace }) };
}

function addNode(nodes: Map<string, GraphNode>, id: string): void {
  if (!nodes.has(id)) nodes.set(id, nodeOf(id));
}

export function buildAttackGraph(model: ClusterModel, inputs: AttackGraphInputs): AttackGraph {
  const analysis = inputs.rbac;
  const workloads = analysis.index.workloads;
  const namespaces = [
    ...new Set([
      ...extractNamespaces(model.objects).map((n) => n.name),
      ...workloads.map((w) => w.namespace),
    ]),
  ].sort();
  const pools = graphPools(model.clusters);
  const context: GraphContext = { model, analysis, pools };
  const edges: GraphEdge[] = [...exposureEdges(model.objects, workloads, model.clusters)];
  for (const workload of workloads) edges.push(...workloadEdges(context, workload));
  // ServiceAccounts no pod runs as still have rights, and a token for them can be minted (token-create).
  const accounts = new Set([
    ...workloads.map((w) => `${w.namespace}/${w.serviceAccountName}`),
    ...analysis.index.serviceAccounts.keys(),
  ]);
  const apiPublic = publicApiServer(model.clusters);
  const accountKeys = [...analysis.index.serviceAccounts.keys()].map((key) => key.split('/'));
  const tokenInputs: TokenEdgeInputs = {
    analysis,
    namespaces,
    namespaceIndex: new Map(namespaces.map((ns, i) => [ns, i])),
    workloads,
    nodes: pools.map((p) => p.id),
    workloadsByNamespace: groupBy(workloads, (w) => w.namespace),
    accountsByNamespace: new Map(
      [...groupBy(accountKeys, ([ns = '']) => ns)].map(([ns, keys]) => [
        ns,
        keys.map(([, name = '']) => name),
      ]),
    ),
  };
  for (const key of [...accounts].sort()) {
    const [ns = '', name = ''] = key.split('/');
    edges.push(...tokenEdges(tokenInputs, ns, name));
    if (apiPublic)
      edges.push({
        from: tokenId(ns, name),
        to: API_SERVER,
        kind: 'api-from-internet',
        evidence: apiPublic,
        control: 'require-private-cluster',
      });
  }
  for (const pool of pools)
    edges.push({
      from: pool.id,
      to: KUBELET_IDENTITY,
      kind: 'kubelet-identity',
      evidence: IMDS_EVIDENCE,
      control: NO_CONTROL,
    });
  return indexGraph(edges, buildNetworkLayer(inputs.reachability));
}

export function indexGraph(edges: readonly GraphEdge[], network?: NetworkLayer): AttackGraph {
  const nodes = new Map<string, GraphNode>();
  const out = new Map<string, GraphEdge[]>();
  addNode(nodes, INTERNET);
  for (const id of network?.ids ?? []) addNode(nodes, id);
  for (const e of edges) {
    addNode(nodes, e.from);
    addNode(nodes, e.to);
    const list = out.get(e.from) ?? [];
    list.push(e);
    out.set(e.from, list);
  }
  return { nodes, edges, out, ...(network === undefined ? {} : { network }) };
}

const memo = new WeakMap<ClusterModel, AttackGraph>();

/** The attack graph of a model, built once per model object (the commands share it; a scan's rules get theirs from the engine). */
export function attackGraphOf(model: ClusterModel): AttackGraph {
  let graph = memo.get(model);
  if (!graph) {
    const inputs = { rbac: rbacAnalysisOf(model), reachability: computeReachability(model) };
    memo.set(model, (graph = buildAttackGraph(model, inputs)));
  }
  return graph;
}
