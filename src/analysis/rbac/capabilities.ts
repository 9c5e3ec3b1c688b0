/**
 * @module Dangerous capabilities as sets of concrete requests, asked of the engine (never matched against
 * role YAML): a binding or an identity has a capability when the authorizer allows any of its requests.
 */
import type { AzureContext } from './azure-context.js';
import type { Decision } from './decide.js';
import { bindingNamespace, bindingRulesAllowing } from './evaluate-k8s.js';
import type { RbacAnalysis } from './rbac-analysis.js';
import type { EffectiveRule, RbacBinding, RbacRole, ResourceRequest, UserInfo } from './types.js';

export interface Probe {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
  /** Cluster-scoped probes are asked with an empty namespace, so a RoleBinding never grants them. */
  readonly namespaced: boolean;
}

export interface Capability {
  readonly id: string;
  readonly label: string;
  readonly probes: readonly Probe[];
}

const p = (
  verb: string,
  group: string,
  resource: string,
  namespaced = true,
  subresource?: string,
): Probe => ({
  verb,
  group,
  resource,
  namespaced,
  ...(subresource === undefined ? {} : { subresource }),
});

export const CLUSTER_ADMIN: Capability = {
  id: 'cluster-admin',
  label: 'every verb on every resource (`*` on `*`)',
  probes: [p('*', '*', '*')],
};

export const SECRET_READ: Capability = {
  id: 'secret-read',
  label: 'read secrets',
  probes: ['get', 'list', 'watch'].map((verb) => p(verb, '', 'secrets')),
};

export const POD_CREATE: Capability = {
  id: 'pod-create',
  label: 'create pods',
  probes: [p('create', '', 'pods')],
};

export const WORKLOAD_CREATE: Capability = {
  id: 'workload-create',
  label: 'create workload controllers',
  probes: [
    ...['deployments', 'statefulsets', 'daemonsets', 'replicasets'].map((r) => p('create', 'apps', r)),
    ...['jobs', 'cronjobs'].map((r) => p('create', 'batch', r)),
    p('create', '', 'replicationcontrollers'),
  ],
};

/** Exec, attach and port-forward over WebSocket are authorized as `get` before Kubernetes 1.35. */
export const POD_EXEC: Capability = {
  id: 'pod-exec',
  label: 'exec or attach into pods',
  probes: [
    ...['create', 'get'].flatMap((verb) => ['exec', 'attach'].map((sub) => p(verb, '', 'pods', true, sub))),
    p('patch', '', 'pods', true, 'ephemeralcontainers'),
    p('update', '', 'pods', true, 'ephemeralcontainers'),
  ],
};

export const ESCALATION: Capability = {
  id: 'escalation',
  label: 'escalate privileges',
  probes: [
    ...['bind', 'escalate'].flatMap((verb) =>
      ['roles', 'clusterroles'].map((r) => p(verb, 'rbac.authorization.k8s.io', r, r === 'roles')),
    ),
    ...['users', 'groups', 'serviceaccounts'].map((r) => p('impersonate', '', r, r === 'serviceaccounts')),
    p('impersonate', 'authentication.k8s.io', 'userextras', false),
    p('impersonate', 'authentication.k8s.io', 'uids', false),
    p('get', '', 'nodes', false, 'proxy'),
    p('create', '', 'nodes', false, 'proxy'),
    p('update', 'certificates.k8s.io', 'certificatesigningrequests', false, 'approval'),
    p('approve', 'certificates.k8s.io', 'signers', false),
    ...['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'].flatMap((r) =>
      ['create', 'update', 'patch'].map((verb) => p(verb, 'admissionregistration.k8s.io', r, false)),
    ),
    p('create', '', 'serviceaccounts', true, 'token'),
    p('create', '', 'persistentvolumes', false),
  ],
};

/** Requests by probe and namespace: the same probes are asked in each namespace for thousands of identities. */
const requests = new WeakMap<Probe, Map<string, ResourceRequest>>();

export function probeRequest(probe: Probe, namespace: string): ResourceRequest {
  let byNamespace = requests.get(probe);
  if (byNamespace === undefined) requests.set(probe, (byNamespace = new Map<string, ResourceRequest>()));
  const scope = probe.namespaced ? namespace : '';
  let request = byNamespace.get(scope);
  if (request === undefined) {
    request = {
      kind: 'resource',
      verb: probe.verb,
      apiGroup: probe.group,
      resource: probe.resource,
      subresource: probe.subresource ?? '',
      name: '',
      namespace: scope,
    };
    byNamespace.set(scope, request);
  }
  return request;
}

export function describeProbe(probe: Probe): string {
  if (probe.verb === '*' && probe.resource === '*') return '`*` on `*`';
  const group = probe.group === '' ? '' : `.${probe.group}`;
  return `${probe.verb} ${probe.resource}${group}${probe.subresource === undefined ? '' : `/${probe.subresource}`}`;
}

export interface BindingMatch {
  readonly probe: Probe;
  readonly rules: readonly EffectiveRule[];
}

/** The probes of a capability that one binding's role allows, within the binding's own scope. */
export function bindingCapability(
  analysis: RbacAnalysis,
  binding: RbacBinding,
  capability: Capability,
): BindingMatch[] {
  const namespace = bindingNamespace(binding);
  const out: BindingMatch[] = [];
  for (const probe of capability.probes) {
    const rules = bindingRulesAllowing(analysis.index, binding, probeRequest(probe, namespace));
    if (rules.length > 0) out.push({ probe, rules });
  }
  return out;
}

/**
 * The probes of a capability a role would grant wherever it is bound: a Role in its namespace, a ClusterRole
 * cluster-wide (the widest binding it could get). For roles no binding of the inputs grants (latent).
 */
export function roleCapability(
  analysis: RbacAnalysis,
  role: RbacRole,
  capability: Capability,
): BindingMatch[] {
  const binding: RbacBinding = {
    kind: role.kind === 'Role' ? 'RoleBinding' : 'ClusterRoleBinding',
    name: '',
    ...(role.namespace === undefined ? {} : { namespace: role.namespace }),
    roleRef: { kind: role.kind, name: role.name, apiGroup: 'rbac.authorization.k8s.io' },
    subjects: [],
    isDefault: false,
  };
  return bindingCapability(analysis, binding, capability);
}

/**
 * Allowed probes by Azure context (one per analysis, shared by its copies: the rules' view and the attack graph's),
 * users decided alike (`decidedAlike`, a list of the analysis's own index), capability and namespace. The rules
 * and the attack graph ask the same capabilities of every service account (10,001 on the large bench cluster),
 * and those bound alike share one answer.
 */
const allowedAlike = new WeakMap<
  AzureContext,
  WeakMap<object, Map<Capability, Map<string, readonly Probe[]>>>
>();

/** The probes of a capability the identity is allowed, asked in `namespace`, in their order. */
export function allowedProbes(
  analysis: RbacAnalysis,
  user: UserInfo,
  namespace: string,
  capability: Capability,
): readonly Probe[] {
  const ask = (): readonly Probe[] =>
    capability.probes.filter((probe) => analysis.allows(user, probeRequest(probe, namespace)));
  const alike = analysis.decidedAlike(user);
  if (alike === undefined) return ask();
  let byAlike = allowedAlike.get(analysis.azure);
  if (byAlike === undefined) allowedAlike.set(analysis.azure, (byAlike = new WeakMap()));
  let byCapability = byAlike.get(alike);
  if (byCapability === undefined)
    byAlike.set(alike, (byCapability = new Map<Capability, Map<string, readonly Probe[]>>()));
  let byNamespace = byCapability.get(capability);
  if (byNamespace === undefined)
    byCapability.set(capability, (byNamespace = new Map<string, readonly Probe[]>()));
  let allowed = byNamespace.get(namespace);
  if (allowed === undefined) byNamespace.set(namespace, (allowed = ask()));
  return allowed;
}

export interface UserMatch {
  readonly probe: Probe;
  readonly decision: Decision;
}

/** The probes of a capability the identity is allowed, asked in `namespace` (and cluster-wide for cluster-scoped ones). */
export function userCapability(
  analysis: RbacAnalysis,
  user: UserInfo,
  namespace: string,
  capability: Capability,
): UserMatch[] {
  return allowedProbes(analysis, user, namespace, capability).map((probe) => ({
    probe,
    decision: analysis.canI(user, probeRequest(probe, namespace)),
  }));
}
