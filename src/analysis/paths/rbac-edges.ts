/**
 * @module Token → rights, asked of the RBAC engine (never matched against role YAML): secrets read, exec
 * into pods, pod creation (a privileged pod is the node), escalation verbs, tokens for other service
 * accounts, and cluster-admin. Each edge names the binding and role that grant it.
 */
import type { Workload } from '../../model/index.js';
import type { Capability } from '../rbac/capabilities.js';
import {
  CLUSTER_ADMIN as ADMIN_CAPABILITY,
  ESCALATION,
  POD_CREATE,
  POD_EXEC,
  SECRET_READ,
  WORKLOAD_CREATE,
  allowedProbes,
  probeRequest,
} from '../rbac/capabilities.js';
import type { RbacAnalysis } from '../rbac/rbac-analysis.js';
import { bindingsOfUser } from '../rbac/rbac-index.js';
import { describeBinding, describeRole } from '../rbac/types.js';
import type { UserInfo } from '../rbac/types.js';
import { serviceAccountUsername, userInfo } from '../rbac/user-info.js';
import type { EdgeKind, GraphEdge } from './types.js';
import { CLUSTER_ADMIN, secretsId, tokenId, workloadId } from './types.js';

/** Bind, escalate and impersonate: the verbs that turn any grant into cluster-admin. */
const ESCALATE_TO_ADMIN: Capability = {
  id: 'escalate-to-admin',
  label: 'bind, escalate or impersonate',
  probes: ESCALATION.probes.filter((p) => ['bind', 'escalate', 'impersonate'].includes(p.verb)),
};
const TOKEN_CREATE: Capability = {
  id: 'token-create',
  label: 'create tokens for service accounts',
  probes: ESCALATION.probes.filter((p) => p.subresource === 'token'),
};

/** Why the capability is allowed, as `probe via binding → role`, or undefined when it is not. */
function grantEvidence(
  analysis: RbacAnalysis,
  user: UserInfo,
  namespace: string,
  capability: Capability,
): string | undefined {
  const [probe] = allowedProbes(analysis, user, namespace, capability);
  if (probe === undefined) return undefined;
  const request = probeRequest(probe, namespace);
  const decision = analysis.canI(user, request);
  const grant = decision.kubernetes.grants[0];
  const scope = request.namespace === '' ? 'cluster-wide' : `in ${request.namespace}`;
  const via = grant
    ? // In words, not an arrow: an arrow was the one character of a large `paths -f json` past Latin-1, so V8
      // held and encoded the whole report at two bytes a character (38% of its rendering time).
      `${describeBinding(grant.binding)}, which grants ${describeRole(grant.role)}`
    : decision.kubernetes.superuser
      ? 'system:masters'
      : decision.rbacOff
        ? `Kubernetes RBAC is off (${decision.rbacOff.basis})`
        : 'an Azure role assignment';
  return `may ${capability.label} ${scope} (${probe.verb} ${probe.resource}${probe.subresource ? `/${probe.subresource}` : ''}) via ${via}`;
}

export interface TokenEdgeInputs {
  readonly analysis: RbacAnalysis;
  /** The namespaces, sorted, and each one's position. */
  readonly namespaces: readonly string[];
  readonly namespaceIndex: ReadonlyMap<string, number>;
  readonly workloads: readonly Workload[];
  /** The graph's node ids (one per node pool): a created pod is placed where its author chooses. */
  readonly nodes: readonly string[];
  readonly workloadsByNamespace: ReadonlyMap<string, readonly Workload[]>;
  /** The names of the ServiceAccount objects of the inputs, by namespace. */
  readonly accountsByNamespace: ReadonlyMap<string, readonly string[]>;
}

/** A namespace no object names: what a user may do there, it may do in every namespace without own bindings. */
const ANY_OTHER_NAMESPACE = '\u0000aksward-any-other-namespace';

function edge(from: string, to: string, kind: EdgeKind, evidence: string, control: string): GraphEdge {
  return { from, to, kind, evidence, control };
}

function namespacedEdges(
  inputs: TokenEdgeInputs,
  from: string,
  user: UserInfo,
  namespace: string,
): GraphEdge[] {
  const { analysis } = inputs;
  const out: GraphEdge[] = [];
  const secrets = grantEvidence(analysis, user, namespace, SECRET_READ);
  if (secrets) out.push(edge(from, secretsId(namespace), 'secret-read', secrets, 'no-secret-read'));
  const create =
    grantEvidence(analysis, user, namespace, POD_CREATE) ??
    grantEvidence(analysis, user, namespace, WORKLOAD_CREATE);
  if (create)
    for (const node of inputs.nodes)
      out.push(
        edge(
          from,
          node,
          'pod-create',
          `${create}: a privileged pod, placed by its author, is root on its node`,
          'no-pod-exec-or-create',
        ),
      );
  const local = workloadsIn(inputs, namespace);
  const exec = grantEvidence(analysis, user, namespace, POD_EXEC);
  if (exec)
    for (const w of local)
      out.push(edge(from, workloadId(namespace, w.name), 'pod-exec', exec, 'no-pod-exec-or-create'));
  const token = grantEvidence(analysis, user, namespace, TOKEN_CREATE);
  if (token)
    for (const account of accountsIn(inputs, namespace, local))
      out.push(edge(from, tokenId(namespace, account), 'token-create', token, 'no-escalation-verbs'));
  return out.filter((e) => e.to !== from);
}

/**
 * Bind, escalate or impersonate granted in one namespace only: the token can bind itself any role there
 * (or act as any of its service accounts), so it holds the namespace: its secrets, its service account
 * tokens, its pods (exec) and, by creating a privileged pod, a node.
 */
function namespaceEscalation(
  inputs: TokenEdgeInputs,
  from: string,
  user: UserInfo,
  namespace: string,
): GraphEdge[] {
  const grant = grantEvidence(inputs.analysis, user, namespace, ESCALATE_TO_ADMIN);
  if (grant === undefined) return [];
  const evidence = `${grant}: within namespace ${namespace} it can grant itself any role`;
  const local = workloadsIn(inputs, namespace);
  const targets = [
    secretsId(namespace),
    ...[...accountsIn(inputs, namespace, local)].map((a) => tokenId(namespace, a)),
    ...local.map((w) => workloadId(namespace, w.name)),
    ...inputs.nodes,
  ];
  return targets
    .filter((to) => to !== from)
    .map((to) => edge(from, to, 'escalation', evidence, 'no-escalation-verbs'));
}

/**
 * The ServiceAccounts of a namespace a token can be created for: those its pods run as, then those the inputs
 * define (`create serviceaccounts/token` names any account of the namespace, whether or not a pod uses it).
 */
function accountsIn(inputs: TokenEdgeInputs, namespace: string, local: readonly Workload[]): Set<string> {
  const accounts = new Set(local.map((w) => w.serviceAccountName));
  for (const name of inputs.accountsByNamespace.get(namespace) ?? []) accounts.add(name);
  return accounts;
}

function workloadsIn(inputs: TokenEdgeInputs, namespace: string): readonly Workload[] {
  return inputs.workloadsByNamespace.get(namespace) ?? [];
}

/**
 * The namespaces worth asking about. A service account is a `system:` user, so Azure RBAC has no opinion
 * on it; what differs between namespaces is then only the RoleBindings that apply to it. When nothing is
 * allowed in a namespace without such a binding, only the namespaces of its RoleBindings can grant.
 */
function namespacesToAsk(
  inputs: TokenEdgeInputs,
  user: UserInfo,
  /** The escalation verbs' grant in a namespace no object names, asked once by the caller. */
  everywhere: string | undefined,
): readonly string[] {
  const { analysis } = inputs;
  const open =
    everywhere !== undefined ||
    [SECRET_READ, POD_CREATE, WORKLOAD_CREATE, POD_EXEC, TOKEN_CREATE].some(
      (capability) => grantEvidence(analysis, user, ANY_OTHER_NAMESPACE, capability) !== undefined,
    );
  if (open) return inputs.namespaces;
  // In the namespaces' order, found from the bindings: a pass over every namespace per token grew with
  // the square of the cluster (tokens × namespaces).
  const bound = new Set<number>();
  for (const { binding } of bindingsOfUser(analysis.index, user)) {
    if (binding.kind !== 'RoleBinding') continue;
    const at = inputs.namespaceIndex.get(binding.namespace ?? 'default');
    if (at !== undefined) bound.add(at);
  }
  return [...bound].sort((a, b) => a - b).map((at) => inputs.namespaces[at] ?? '');
}

/** Every edge out of the token of `namespace/account`. */
export function tokenEdges(inputs: TokenEdgeInputs, namespace: string, account: string): GraphEdge[] {
  const from = tokenId(namespace, account);
  const user = userInfo(serviceAccountUsername(namespace, account));
  const out: GraphEdge[] = [];
  const admin = grantEvidence(inputs.analysis, user, '', ADMIN_CAPABILITY);
  if (admin) out.push(edge(from, CLUSTER_ADMIN, 'cluster-admin', admin, 'no-cluster-admin-binding'));
  // Cluster-wide (a ClusterRoleBinding, or bind/escalate on ClusterRoles, impersonating users or groups):
  // the token can make itself cluster-admin. Granted by a RoleBinding, the same verbs stay in that namespace.
  const everywhere = grantEvidence(inputs.analysis, user, ANY_OTHER_NAMESPACE, ESCALATE_TO_ADMIN);
  const asked = namespacesToAsk(inputs, user, everywhere);
  if (everywhere !== undefined) {
    const evidence =
      grantEvidence(inputs.analysis, user, inputs.namespaces[0] ?? 'default', ESCALATE_TO_ADMIN) ??
      everywhere;
    out.push(edge(from, CLUSTER_ADMIN, 'escalation', evidence, 'no-escalation-verbs'));
  } else {
    for (const ns of asked) out.push(...namespaceEscalation(inputs, from, user, ns));
  }
  for (const ns of asked) out.push(...namespacedEdges(inputs, from, user, ns));
  return out;
}
