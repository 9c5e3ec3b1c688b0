/**
 * @module Seeded, deterministic synthetic AKS clusters for the benchmarks: namespaces of multi-tier
 * applications (Deployments, Services, Ingresses, service accounts, Secrets), NetworkPolicies (default deny
 * plus allow rules, some across namespaces), Roles and RoleBindings, and a matching `az aks show` JSON.
 * `node bench/generate-cluster.mjs <small|medium|large|xlarge>...` writes `bench/out/<size>/`.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * Sizes of the issue: large is 10,000 workloads, 3,000 NetworkPolicies, 2,000 role bindings; xlarge is
 * three times large, to show how the scan grows with the cluster.
 */
export const SIZES = {
  small: { workloads: 100, policies: 30, roleBindings: 20 },
  medium: { workloads: 1_000, policies: 300, roleBindings: 200 },
  large: { workloads: 10_000, policies: 3_000, roleBindings: 2_000 },
  xlarge: { workloads: 30_000, policies: 9_000, roleBindings: 6_000 },
};

/** mulberry32: a small seeded PRNG, so every run builds the same cluster. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TIERS = ['web', 'api', 'db', 'cache', 'worker'];
const CIDRS = ['10.0.0.0/8', '10.20.0.0/16', '172.16.0.0/12', '192.168.10.0/24', '203.0.113.0/24'];
const API_VERSIONS = {
  Deployment: 'apps/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  Ingress: 'networking.k8s.io/v1',
  Role: 'rbac.authorization.k8s.io/v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
};

function manifest(kind, name, namespace, body = {}) {
  const { metadata: extra, ...rest } = body;
  const metadata = { name, ...(namespace ? { namespace } : {}), ...extra };
  return { apiVersion: API_VERSIONS[kind] ?? 'v1', kind, metadata, ...rest };
}

/** One application workload: a Deployment of a tier with its ServiceAccount and Service. */
function workload(rand, i, namespace) {
  const tier = TIERS[Math.floor(rand() * TIERS.length)];
  const labels = { app: `app-${i}`, tier, team: `t${i % 10}` };
  const hardened = rand() < 0.6;
  const container = {
    name: 'main',
    image: `registry.example.com/app-${i % 50}:1.${i % 7}.0`,
    ports: [
      { name: 'http', containerPort: 8000 + Math.floor(rand() * 100) },
      { name: 'metrics', containerPort: 9090 },
    ],
    resources: hardened ? { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m' } } : {},
    ...(hardened
      ? {
          securityContext: {
            runAsNonRoot: true,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          },
        }
      : {}),
    ...(i % 2 === 0 ? { envFrom: [{ secretRef: { name: `s${i}` } }] } : {}),
  };
  const podSpec = { serviceAccountName: `sa-${i}`, containers: [container] };
  return [
    manifest('ServiceAccount', `sa-${i}`, namespace, {
      automountServiceAccountToken: hardened ? false : true,
    }),
    manifest('Deployment', `w${i}`, namespace, {
      metadata: { labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: labels.app } },
        template: { metadata: { labels }, spec: podSpec },
      },
    }),
    manifest('Service', `w${i}`, namespace, {
      spec: { selector: { app: labels.app }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    }),
  ];
}

/** A mix of the policies real clusters have: default deny, DNS, tier to tier, cross-namespace, CIDR egress, per app. */
export function policySpec(rand, i, namespaceCount, workloadCount) {
  const roll = rand();
  const mix = roll < 0.05 ? 0 : roll < 0.45 ? 1 : roll < 0.65 ? 2 : roll < 0.75 ? 3 : roll < 0.9 ? 4 : 5;
  // The first policy of two namespaces in three is a default deny (ingress, or both ways).
  const kind = i < namespaceCount && i % 3 !== 0 ? 'deny' : mix;
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const app = () => ({ matchLabels: { app: `app-${Math.floor(rand() * workloadCount)}` } });
  const port = (p, protocol = 'TCP') => ({ port: p, protocol });
  switch (kind) {
    case 'deny':
      return { podSelector: {}, policyTypes: i % 3 === 1 ? ['Ingress'] : ['Ingress', 'Egress'] };
    case 0:
      return {
        podSelector: app(),
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
            ports: [port(53, 'UDP'), port(53)],
          },
        ],
      };
    case 1:
      return {
        podSelector: { matchLabels: { tier: pick(TIERS) } },
        ingress: [
          { from: [{ podSelector: { matchLabels: { tier: pick(TIERS) } } }], ports: [{ port: 'http' }] },
        ],
      };
    case 2:
      return {
        podSelector: {
          matchExpressions: [{ key: 'tier', operator: 'In', values: [pick(TIERS), pick(TIERS)] }],
        },
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { team: `t${Math.floor(rand() * 10)}` } },
                podSelector: { matchLabels: { tier: pick(TIERS) } },
              },
            ],
            ports: [port(8000, 'TCP'), { port: 9000, endPort: 9100 }],
          },
        ],
      };
    case 3:
      return {
        podSelector: app(),
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              { ipBlock: { cidr: pick(CIDRS) } },
              { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12'] } },
            ],
            ports: [port(443)],
          },
        ],
      };
    case 4:
      return {
        podSelector: app(),
        ingress: [{ from: [{ podSelector: app() }], ports: [{ port: 'metrics' }] }],
      };
    default:
      return {
        podSelector: {
          matchExpressions: [{ key: 'team', operator: 'NotIn', values: [`t${Math.floor(rand() * 10)}`] }],
        },
        ingress: [{ from: [{ namespaceSelector: {} }] }],
      };
  }
}

const ROLE_RULES = [
  [{ apiGroups: [''], resources: ['configmaps', 'pods'], verbs: ['get', 'list', 'watch'] }],
  [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'patch', 'update'] }],
  [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }],
];

function rbac(rand, namespaces, workloadCount, bindingCount) {
  const out = namespaces.flatMap((ns) =>
    ROLE_RULES.map((rules, r) => manifest('Role', `role-${r}`, ns, { rules })),
  );
  for (let i = 0; i < bindingCount; i++) {
    const w = Math.floor(rand() * workloadCount);
    const namespace = namespaces[i % namespaces.length];
    const subject =
      i % 4 === 0
        ? { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: `team-t${i % 10}` }
        : { kind: 'ServiceAccount', name: `sa-${w}`, namespace: namespaces[w % namespaces.length] };
    const roleRef =
      i % 25 === 0
        ? {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: i % 50 === 0 ? 'admin' : 'view',
          }
        : { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `role-${i % ROLE_RULES.length}` };
    out.push(manifest('RoleBinding', `rb-${i}`, namespace, { subjects: [subject], roleRef }));
  }
  return out;
}

function kubeSystem() {
  const labels = { 'k8s-app': 'kube-dns' };
  const container = {
    name: 'coredns',
    image: 'mcr.microsoft.com/oss/kubernetes/coredns:v1.11.3',
    ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }],
  };
  return [
    manifest('Namespace', 'kube-system'),
    manifest('Deployment', 'coredns', 'kube-system', {
      spec: {
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [container] } },
      },
    }),
  ];
}

/**
 * The cluster as files: `{ files: Map<name, manifests[]>, cluster }`. One YAML file per namespace, as a
 * GitOps repository lays them out; `cluster` is the `az aks show` JSON of the hardened example, renamed.
 */
export function generateCluster({ workloads, policies, roleBindings, seed = 42 }) {
  const rand = random(seed);
  const namespaceCount = Math.max(1, Math.round(workloads / 50));
  const namespaces = Array.from({ length: namespaceCount }, (_, i) => `ns-${i}`);
  const files = new Map([['kube-system.yaml', kubeSystem()]]);
  namespaces.forEach((ns, i) => {
    const labels = { team: `t${i % 10}`, env: i % 3 === 0 ? 'prod' : 'dev' };
    files.set(`${ns}.yaml`, [manifest('Namespace', ns, undefined, { metadata: { labels } })]);
  });
  const add = (ns, object) => files.get(`${ns}.yaml`).push(object);
  for (let i = 0; i < workloads; i++) {
    const ns = namespaces[i % namespaceCount];
    for (const object of workload(rand, i, ns)) add(ns, object);
    if (i % 2 === 0)
      add(ns, manifest('Secret', `s${i}`, ns, { type: 'Opaque', data: { token: 'c3ludGhldGlj' } }));
    if (i % 10 === 0) {
      const backend = { service: { name: `w${i}`, port: { name: 'http' } } };
      const rule = {
        host: `app-${i}.example.com`,
        http: { paths: [{ path: '/', pathType: 'Prefix', backend }] },
      };
      add(ns, manifest('Ingress', `w${i}`, ns, { spec: { ingressClassName: 'nginx', rules: [rule] } }));
    }
  }
  for (let i = 0; i < policies; i++) {
    const ns = namespaces[i % namespaceCount];
    add(ns, manifest('NetworkPolicy', `p${i}`, ns, { spec: policySpec(rand, i, namespaceCount, workloads) }));
  }
  for (const object of rbac(rand, namespaces, workloads, roleBindings))
    add(object.metadata.namespace, object);
  const cluster = JSON.parse(readFileSync(path.join(HERE, '../examples/hardened/cluster.json'), 'utf8'));
  cluster.name = `aks-bench-${workloads}`;
  if (typeof cluster.id === 'string') cluster.id = cluster.id.replace(/[^/]+$/, cluster.name);
  return { files, cluster };
}

/**
 * Writes a size to `dir` (emptied first); returns the number of Kubernetes objects written. `overrides`
 * changes its counts (`{ policies: 0 }`: the same cluster without NetworkPolicies).
 */
export function writeCluster(dir, size, seed = 42, overrides = {}) {
  const { files, cluster } = generateCluster({ ...SIZES[size], ...overrides, seed });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let objects = 0;
  for (const [name, list] of files) {
    objects += list.length;
    writeFileSync(
      path.join(dir, name),
      list.map((o) => stringify(o, { aliasDuplicateObjects: false })).join('---\n'),
    );
  }
  writeFileSync(path.join(dir, 'cluster.json'), `${JSON.stringify(cluster, null, 2)}\n`);
  return objects;
}

const isMain =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  for (const size of process.argv.slice(2)) {
    const objects = writeCluster(path.join(HERE, 'out', size), size);
    process.stdout.write(`${size}: ${objects} objects in bench/out/${size}\n`);
  }
}
