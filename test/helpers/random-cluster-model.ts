/** @module A random cluster description (random-cluster.ts) as a model: manifest YAML through the real loader, the AKS cluster through `buildCluster`. */
import { stringify } from 'yaml';
import { createModelSink } from '../../src/load/inputs/model-sink.js';
import { DEFAULT_LIMITS } from '../../src/load/limits.js';
import { loadManifestText } from '../../src/load/manifests/load-manifest-text.js';
import type { ClusterModel } from '../../src/model/index.js';
import { clusterFrom } from './cluster-from.js';
import type {
  RandomAccount,
  RandomAks,
  RandomCluster,
  RandomPolicy,
  RandomService,
  RandomWorkload,
} from './random-cluster.js';
import { RULES } from './random-cluster.js';

type Manifest = Record<string, unknown>;

const meta = (name: string, ns?: string, extra: Manifest = {}): Manifest => ({
  name,
  ...(ns === undefined ? {} : { namespace: ns }),
  ...extra,
});

function placementOf(w: RandomWorkload): Manifest {
  const gpuToleration = { key: 'sku', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' };
  switch (w.placement) {
    case 'none':
      return {};
    case 'gpu':
      return { nodeSelector: { pool: 'gpu' } };
    case 'gpu-tolerated':
      return { nodeSelector: { pool: 'gpu' }, tolerations: [gpuToleration] };
    case 'tolerate-all':
      return { tolerations: [{ operator: 'Exists' }] };
  }
}

function deployment(w: RandomWorkload, index: number): Manifest {
  const name = `w${index}`;
  const context: Manifest = {
    ...(w.privileged ? { privileged: true } : {}),
    ...(w.capability === undefined ? {} : { capabilities: { add: [w.capability] } }),
  };
  const labels = { app: w.app, ...(w.identity ? { 'azure.workload.identity/use': 'true' } : {}) };
  const spec: Manifest = {
    serviceAccountName: w.account,
    ...(w.automount === undefined ? {} : { automountServiceAccountToken: w.automount }),
    ...(w.hostPID ? { hostPID: true } : {}),
    ...(w.hostNetwork ? { hostNetwork: true } : {}),
    ...placementOf(w),
    containers: [{ name, image: `r.azurecr.io/${name}:1.0.0`, securityContext: context }],
    ...(w.hostPath === undefined ? {} : { volumes: [{ name: 'host', hostPath: { path: w.hostPath } }] }),
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, w.namespace),
    spec: { selector: { matchLabels: { app: w.app } }, template: { metadata: { labels }, spec } },
  };
}

function serviceAccount(a: RandomAccount, index: number): Manifest {
  const annotations = a.clientId
    ? {
        annotations: {
          'azure.workload.identity/client-id': `00000000-0000-0000-0000-${String(index).padStart(12, '0')}`,
        },
      }
    : {};
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta(a.name, a.namespace, annotations),
    ...(a.automount === undefined ? {} : { automountServiceAccountToken: a.automount }),
  };
}

function serviceManifest(s: RandomService, index: number): Manifest {
  const internal = { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(`s${index}`, s.namespace, s.internal ? { annotations: internal } : {}),
    spec: { type: s.type, selector: { app: s.app }, ports: [{ port: 80, targetPort: 8080 }] },
  };
}

function ingress(services: readonly RandomService[], target: number, index: number): Manifest {
  const backend = { service: { name: `s${target}`, port: { number: 80 } } };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta(`i${index}`, services[target]?.namespace ?? 'a'),
    spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] },
  };
}

function networkPolicy(p: RandomPolicy, name: string): Manifest {
  const peers: Readonly<Record<RandomPolicy['from'], readonly Manifest[] | undefined>> = {
    none: undefined,
    app: [{ podSelector: { matchLabels: { app: p.peerApp } } }],
    namespace: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': p.peerNamespace } } }],
    all: [],
  };
  const from = peers[p.from];
  const rule =
    from === undefined ? undefined : { from, ...(p.port === undefined ? {} : { ports: [{ port: p.port }] }) };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(name, p.namespace),
    spec: {
      podSelector: p.app === undefined ? {} : { matchLabels: { app: p.app } },
      policyTypes: p.types,
      ...(rule !== undefined && p.types.includes('Ingress') ? { ingress: [rule] } : {}),
    },
  };
}

function rbac(cluster: RandomCluster): Manifest[] {
  const group = 'rbac.authorization.k8s.io/v1';
  const roles = cluster.roles.map((r, i) => ({
    apiVersion: group,
    kind: r.cluster ? 'ClusterRole' : 'Role',
    metadata: meta(`r${i}`, r.cluster ? undefined : r.namespace),
    rules: r.rules.map((name) => RULES[name]),
  }));
  const bindings = cluster.bindings.map((b, i) => {
    const target = typeof b.role === 'number' ? cluster.roles[b.role] : undefined;
    const roleRef = {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: target && !target.cluster ? 'Role' : 'ClusterRole',
      name: typeof b.role === 'number' ? `r${b.role}` : b.role,
    };
    return {
      apiVersion: group,
      kind: b.cluster ? 'ClusterRoleBinding' : 'RoleBinding',
      metadata: meta(`b${i}`, b.cluster ? undefined : b.namespace),
      roleRef,
      subjects: [{ kind: 'ServiceAccount', name: b.subject, namespace: b.subjectNamespace }],
    };
  });
  return [...roles, ...bindings];
}

/** The manifests of the description, as one multi-document YAML text. */
export function manifestText(cluster: RandomCluster): string {
  const docs = [
    ...cluster.workloads.map(deployment),
    ...cluster.accounts.map(serviceAccount),
    ...cluster.services.map(serviceManifest),
    ...cluster.ingresses.map((target, i) => ingress(cluster.services, target, i)),
    ...cluster.policies.map((p, i) => networkPolicy(p, `np${i}`)),
    ...rbac(cluster),
  ];
  return docs.map((doc) => stringify(doc)).join('---\n');
}

function aksProperties(spec: RandomAks): Record<string, unknown> {
  return {
    enableRBAC: true,
    agentPoolProfiles: spec.pools.map((p) => ({
      name: p.name,
      mode: p.name === 'system' ? 'System' : 'User',
      osType: 'Linux',
      enableNodePublicIP: p.publicIp,
      nodeLabels: { pool: p.name },
      nodeTaints: p.name === 'gpu' ? ['sku=gpu:NoSchedule'] : [],
    })),
    apiServerAccessProfile: {
      enablePrivateCluster: spec.privateCluster,
      authorizedIPRanges: spec.authorizedRanges ? ['203.0.113.0/24'] : [],
    },
    networkProfile: { networkPlugin: 'azure', networkPolicy: 'azure' },
  };
}

/** The model of the description: manifests through the real YAML loader, the cluster through `buildCluster`. */
export function modelOfCluster(cluster: RandomCluster): ClusterModel {
  const sink = createModelSink(DEFAULT_LIMITS);
  loadManifestText(manifestText(cluster), 'random.yaml', sink);
  const { model, diagnostics } = sink.result();
  const errors = diagnostics.filter((d) => d.level === 'error');
  if (errors.length > 0)
    throw new Error(`random manifests did not load: ${errors.map((d) => d.message).join('; ')}`);
  return cluster.aks === undefined
    ? model
    : { ...model, clusters: [clusterFrom(aksProperties(cluster.aks))] };
}
