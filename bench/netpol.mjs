/**
 * @module Benchmark of the NetworkPolicy reachability engine (not part of `npm test`): a seeded synthetic
 * cluster of 1,000 and 10,000 workloads with 3,000 policies, analysed from `dist/`. Run `npm run build`
 * first, then `node bench/netpol.mjs [workloads...]`. Prints wall times and peak RSS.
 */
import console from 'node:console';
import process from 'node:process';
import { analyzeReachability } from '../dist/analysis/netpol/index.js';

/** mulberry32: a small seeded PRNG, so every run builds the same cluster. */
function random(seed) {
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
const CIDRS = [
  '10.0.0.0/8',
  '10.20.0.0/16',
  '172.16.0.0/12',
  '192.168.10.0/24',
  '203.0.113.0/24',
  '0.0.0.0/0',
];

function kube(kind, name, namespace, body) {
  const metadata = { name, ...(namespace ? { namespace } : {}), ...(body.metadata ?? {}) };
  return {
    apiVersion: kind === 'NetworkPolicy' ? 'networking.k8s.io/v1' : 'v1',
    kind,
    name,
    namespace,
    labels: metadata.labels ?? {},
    annotations: {},
    body: { ...body, kind, metadata },
    origin: {
      file: 'synthetic.yaml',
      documentIndex: 0,
      basePath: [],
      at: { file: 'synthetic.yaml', line: 1 },
    },
  };
}

function workloads(rand, count, namespaces) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const namespace = namespaces[i % namespaces.length];
    const tier = TIERS[Math.floor(rand() * TIERS.length)];
    const labels = { app: `app-${i}`, tier, team: `t${i % 10}` };
    const ports = [
      { name: 'http', containerPort: 8000 + Math.floor(rand() * 100) },
      { name: 'metrics', containerPort: 9090 },
    ];
    const spec = {
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'app:1', ports }] } },
    };
    out.push(kube('Deployment', `w${i}`, namespace, { spec }));
  }
  return out;
}

/** A mix of the policies real clusters have: default deny, DNS, tier to tier, cross-namespace, CIDR egress, per app. */
function policy(rand, i, namespaces, workloadCount) {
  // A third of namespaces have no default deny, a third deny ingress, a third deny both ways.
  const roll = rand();
  const mix = roll < 0.05 ? 0 : roll < 0.45 ? 1 : roll < 0.65 ? 2 : roll < 0.75 ? 3 : roll < 0.9 ? 4 : 5;
  const kind = i < namespaces.length && i % 3 !== 0 ? 'deny' : mix;
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const port = (p, protocol = 'TCP') => ({ port: p, protocol });
  switch (kind) {
    case 'deny':
      return { podSelector: {}, policyTypes: i % 3 === 1 ? ['Ingress'] : ['Ingress', 'Egress'] };
    case 0:
      return {
        podSelector: { matchLabels: { app: `app-${Math.floor(rand() * workloadCount)}` } },
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
            ports: [port(53, 'UDP'), port(53)],
          },
        ],
      };
    case 1: {
      const [from, to] = [pick(TIERS), pick(TIERS)];
      return {
        podSelector: { matchLabels: { tier: to } },
        ingress: [{ from: [{ podSelector: { matchLabels: { tier: from } } }], ports: [{ port: 'http' }] }],
      };
    }
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
        podSelector: { matchLabels: { app: `app-${Math.floor(rand() * workloadCount)}` } },
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              { ipBlock: { cidr: pick(CIDRS.slice(0, 5)) } },
              { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12'] } },
            ],
            ports: [port(443)],
          },
        ],
      };
    case 4:
      return {
        podSelector: { matchLabels: { app: `app-${Math.floor(rand() * workloadCount)}` } },
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { app: `app-${Math.floor(rand() * workloadCount)}` } } }],
            ports: [{ port: 'metrics' }],
          },
        ],
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

function cluster(workloadCount, policyCount, seed) {
  const rand = random(seed);
  const namespaceCount = Math.max(1, Math.round(workloadCount / 50));
  const namespaces = Array.from({ length: namespaceCount }, (_, i) => `ns-${i}`);
  const objects = namespaces.map((name, i) =>
    kube('Namespace', name, undefined, {
      metadata: { labels: { team: `t${i % 10}`, env: i % 3 === 0 ? 'prod' : 'dev' } },
    }),
  );
  objects.push(...workloads(rand, workloadCount, namespaces));
  const dnsLabels = { 'k8s-app': 'kube-dns' };
  const dns = {
    template: {
      metadata: { labels: dnsLabels },
      spec: {
        containers: [
          {
            name: 'coredns',
            image: 'coredns:1',
            ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }],
          },
        ],
      },
    },
  };
  objects.push(
    kube('Namespace', 'kube-system', undefined, {}),
    kube('Deployment', 'coredns', 'kube-system', { spec: dns }),
  );
  for (let i = 0; i < policyCount; i++)
    objects.push(
      kube('NetworkPolicy', `p${i}`, namespaces[i % namespaces.length], {
        spec: policy(rand, i, namespaces, workloadCount),
      }),
    );
  return objects;
}

function time(f) {
  const start = process.hrtime.bigint();
  const value = f();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

function run(workloadCount) {
  const objects = cluster(workloadCount, 3000, 42);
  const analysis = time(() => analyzeReachability(objects, []));
  const result = analysis.value;
  const listing = time(() => {
    let pairs = 0;
    let external = 0;
    result.forEachConnection((src, dst) => {
      if (src.kind === 'workload' && dst.kind === 'workload') pairs++;
      else external++;
    });
    return { pairs, external };
  });
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${workloadCount} workloads, 3000 policies: ${result.topology.classes.length} classes, ${result.atoms.length} IP atoms; ` +
      `analysis ${analysis.ms.toFixed(0)} ms; all connections ${listing.ms.toFixed(0)} ms ` +
      `(${listing.value.pairs} workload pairs, ${listing.value.external} external ranges); peak RSS ${rssMb.toFixed(0)} MB`,
  );
}

const sizes = process.argv.slice(2).map(Number);
for (const size of sizes.length > 0 ? sizes : [1000, 10000]) run(size);
