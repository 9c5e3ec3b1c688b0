/**
 * @module Random small clusters for property tests of the attack graph: a fast-check arbitrary of a cluster
 * description (namespaces, Deployments, ServiceAccounts, Services, Ingresses, NetworkPolicies, RBAC, and
 * optionally the AKS cluster with its node pools), and the preconditions a property test can take away.
 * random-cluster-model.ts renders a description to manifest YAML and loads it with the real loader.
 */
import fc from 'fast-check';

const NAMESPACES = ['a', 'b', 'c'] as const;
const ACCOUNTS = ['default', 'sa1', 'sa2'] as const;
const APPS = ['x', 'y', 'z'] as const;
const POOLS = ['system', 'user', 'gpu'] as const;

export interface RandomWorkload {
  readonly namespace: string;
  readonly app: string;
  readonly account: string;
  readonly automount: boolean | undefined;
  readonly privileged: boolean;
  readonly hostPID: boolean;
  readonly hostPath: string | undefined;
  readonly capability: string | undefined;
  readonly hostNetwork: boolean;
  /** The `azure.workload.identity/use: "true"` pod label. */
  readonly identity: boolean;
  /** `gpu`: nodeSelector on the tainted pool without toleration; `gpu-tolerated`: with it; `tolerate-all`. */
  readonly placement: 'none' | 'gpu' | 'gpu-tolerated' | 'tolerate-all';
}

export interface RandomAccount {
  readonly namespace: string;
  readonly name: string;
  readonly automount: boolean | undefined;
  readonly clientId: boolean;
}

export interface RandomService {
  readonly namespace: string;
  readonly app: string;
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  readonly internal: boolean;
}

export interface RandomPolicy {
  readonly namespace: string;
  /** The pods it selects: one app, or every pod. */
  readonly app: string | undefined;
  readonly types: readonly ('Ingress' | 'Egress')[];
  /** Ingress peers allowed: none (deny), an app of the namespace, a namespace, or anyone. */
  readonly from: 'none' | 'app' | 'namespace' | 'all';
  readonly peerApp: string;
  readonly peerNamespace: string;
  readonly port: number | undefined;
}

export interface RandomRole {
  readonly cluster: boolean;
  readonly namespace: string;
  readonly rules: readonly string[];
}

export interface RandomBinding {
  readonly cluster: boolean;
  readonly namespace: string;
  /** A role of the description by index, or a built-in ClusterRole by name. */
  readonly role: number | 'cluster-admin' | 'admin' | 'edit' | 'view';
  readonly subjectNamespace: string;
  readonly subject: string;
}

export interface RandomPool {
  readonly name: string;
  readonly publicIp: boolean;
}

export interface RandomAks {
  readonly pools: readonly RandomPool[];
  readonly privateCluster: boolean;
  readonly authorizedRanges: boolean;
}

export interface RandomCluster {
  readonly workloads: readonly RandomWorkload[];
  readonly accounts: readonly RandomAccount[];
  readonly services: readonly RandomService[];
  /** Ingresses by the index of the Service they route to (in the Service's namespace). */
  readonly ingresses: readonly number[];
  readonly policies: readonly RandomPolicy[];
  readonly roles: readonly RandomRole[];
  readonly bindings: readonly RandomBinding[];
  readonly aks: RandomAks | undefined;
}

/** Rules by name: each grants the request an edge kind asks about (and a harmless one). */
export const RULES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'read-secrets': { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] },
  'create-pods': { apiGroups: [''], resources: ['pods'], verbs: ['create'] },
  'exec-pods': { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
  'create-tokens': { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
  'bind-roles': {
    apiGroups: ['rbac.authorization.k8s.io'],
    resources: ['clusterroles', 'roles'],
    verbs: ['bind'],
  },
  impersonate: { apiGroups: [''], resources: ['users', 'serviceaccounts'], verbs: ['impersonate'] },
  'create-deployments': { apiGroups: ['apps'], resources: ['deployments'], verbs: ['create'] },
  everything: { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
  'read-configmaps': { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] },
};

const namespace = fc.constantFrom(...NAMESPACES);
const rarely = fc.constantFrom(false, false, false, true);

const workload: fc.Arbitrary<RandomWorkload> = fc.record({
  namespace,
  app: fc.constantFrom(...APPS),
  account: fc.constantFrom(...ACCOUNTS),
  automount: fc.constantFrom(true, false, undefined),
  privileged: rarely,
  hostPID: rarely,
  hostPath: fc.constantFrom(
    undefined,
    undefined,
    undefined,
    '/',
    '/var/run/docker.sock',
    '/etc/kubernetes/azure.json',
    '/etc/kubernetes/kubelet.conf',
    '/var/lib/kubelet',
    '/srv/data',
  ),
  capability: fc.constantFrom(undefined, undefined, 'SYS_ADMIN', 'NET_BIND_SERVICE'),
  hostNetwork: rarely,
  identity: fc.boolean(),
  placement: fc.constantFrom('none', 'none', 'gpu', 'gpu-tolerated', 'tolerate-all'),
});

const account: fc.Arbitrary<RandomAccount> = fc.record({
  namespace,
  name: fc.constantFrom(...ACCOUNTS),
  automount: fc.constantFrom(true, false, undefined),
  clientId: fc.boolean(),
});

const service: fc.Arbitrary<RandomService> = fc.record({
  namespace,
  app: fc.constantFrom(...APPS),
  type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer'),
  internal: fc.boolean(),
});

const policy: fc.Arbitrary<RandomPolicy> = fc.record({
  namespace,
  app: fc.constantFrom(undefined, ...APPS),
  types: fc.constantFrom(['Ingress'] as const, ['Egress'] as const, ['Ingress', 'Egress'] as const),
  from: fc.constantFrom('none', 'app', 'namespace', 'all'),
  peerApp: fc.constantFrom(...APPS),
  peerNamespace: namespace,
  port: fc.constantFrom(undefined, 8080),
});

const role: fc.Arbitrary<RandomRole> = fc.record({
  cluster: fc.boolean(),
  namespace,
  rules: fc.subarray(Object.keys(RULES), { minLength: 1, maxLength: 3 }),
});

const binding = (roles: number): fc.Arbitrary<RandomBinding> =>
  fc.record({
    cluster: fc.boolean(),
    namespace,
    role:
      roles > 0
        ? fc.oneof(fc.nat({ max: roles - 1 }), fc.constantFrom('cluster-admin', 'admin', 'edit', 'view'))
        : fc.constantFrom('cluster-admin', 'admin', 'edit', 'view'),
    subjectNamespace: namespace,
    subject: fc.constantFrom(...ACCOUNTS),
  });

const aks: fc.Arbitrary<RandomAks> = fc.record({
  pools: fc
    .subarray([...POOLS], { minLength: 1 })
    .chain((names) =>
      fc.tuple(...names.map((name) => fc.record({ name: fc.constant(name), publicIp: rarely }))),
    ),
  privateCluster: fc.boolean(),
  authorizedRanges: rarely,
});

/** A random small cluster: up to 6 workloads over 3 namespaces, with a few of every other object. */
export const randomCluster: fc.Arbitrary<RandomCluster> = fc
  .record({
    workloads: fc.array(workload, { minLength: 1, maxLength: 6 }),
    accounts: fc.uniqueArray(account, { maxLength: 4, selector: (a) => `${a.namespace}/${a.name}` }),
    services: fc.array(service, { maxLength: 4 }),
    policies: fc.array(policy, { maxLength: 3 }),
    roles: fc.array(role, { maxLength: 3 }),
    aks: fc.option(aks, { nil: undefined }),
  })
  .chain((base) =>
    fc
      .record({
        ingresses: fc.array(fc.nat({ max: Math.max(0, base.services.length - 1) }), {
          maxLength: base.services.length > 0 ? 2 : 0,
        }),
        bindings: fc.array(binding(base.roles.length), { maxLength: 4 }),
      })
      .map((rest) => ({ ...base, ...rest })),
  );

/** The namespaces the description's objects live in. */
export function namespacesOf(cluster: RandomCluster): string[] {
  const all = [
    ...cluster.workloads.map((w) => w.namespace),
    ...cluster.accounts.map((a) => a.namespace),
    ...cluster.services.map((s) => s.namespace),
    ...cluster.policies.map((p) => p.namespace),
    ...cluster.roles.filter((r) => !r.cluster).map((r) => r.namespace),
    ...cluster.bindings.filter((b) => !b.cluster).map((b) => b.namespace),
  ];
  return [...new Set(all)].sort();
}

/** Preconditions removed from a description: each takes away every edge of some kinds, and adds nothing. */
export const WITHOUT = {
  /** No pod gets a token: every workload and ServiceAccount opts out of automounting. */
  automount: (c: RandomCluster): RandomCluster => ({
    ...c,
    workloads: c.workloads.map((w) => ({ ...w, automount: false })),
    accounts: c.accounts.map((a) => ({ ...a, automount: false })),
  }),
  /** No RoleBinding or ClusterRoleBinding: service accounts keep only the default bindings. */
  bindings: (c: RandomCluster): RandomCluster => ({ ...c, bindings: [] }),
  /** Every Service is ClusterIP: no public load balancer, no NodePort (Ingresses still route). */
  serviceTypes: (c: RandomCluster): RandomCluster => ({
    ...c,
    services: c.services.map((s) => ({ ...s, type: 'ClusterIP' })),
  }),
  /** A default deny of all traffic in every namespace, under an enforcing network policy engine. */
  network: (c: RandomCluster): RandomCluster => ({
    ...c,
    policies: [
      ...c.policies,
      ...namespacesOf(c).map((ns): RandomPolicy => ({
        namespace: ns,
        app: undefined,
        types: ['Ingress', 'Egress'],
        from: 'none',
        peerApp: 'x',
        peerNamespace: ns,
        port: undefined,
      })),
    ],
  }),
} as const;
