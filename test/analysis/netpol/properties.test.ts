/** Property tests of the reachability engine's invariants over random clusters (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeReachability } from '../../../src/analysis/netpol/index.js';
import type { Reachability } from '../../../src/analysis/netpol/index.js';
import { toConnectionList } from '../../../src/analysis/netpol/connection-list.js';
import { parseIp } from '../../../src/model/index.js';
import type { IpRange } from '../../../src/model/index.js';
import { describePorts, isEmptyPorts, isSubsetPorts } from '../../../src/analysis/netpol/port-set.js';
import { buildTopology } from '../../../src/analysis/netpol/classes.js';
import { resolveOptions } from '../../../src/analysis/netpol/options.js';
import { matchesSelector, parseLabelSelector } from '../../../src/model/index.js';
import { Selection } from '../../../src/analysis/netpol/selection.js';
import type { JsonObject, KubeObject } from '../../../src/model/index.js';

const NAMESPACES = ['alpha', 'beta', 'gamma'] as const;
const SAMPLE_IPS = ['10.1.2.3', '10.9.9.9', '192.168.1.1', '203.0.113.7', '8.8.8.8', '172.16.0.1'];

function kube(body: JsonObject): KubeObject {
  const metadata = body['metadata'] as { name: string; namespace?: string; labels?: Record<string, string> };
  return {
    apiVersion: String(body['apiVersion']),
    kind: String(body['kind']),
    name: metadata.name,
    namespace: metadata.namespace,
    labels: metadata.labels ?? {},
    annotations: {},
    body,
    origin: { file: 'random.yaml', documentIndex: 0, basePath: [], at: { file: 'random.yaml', line: 1 } },
  };
}

const labelValue = fc.constantFrom('a', 'b', 'c');
const labels = fc.record({ app: labelValue, tier: fc.constantFrom('fe', 'be') }, { requiredKeys: [] });
const namespaceName = fc.constantFrom(...NAMESPACES);

const expression = fc.oneof(
  fc.record({
    key: fc.constantFrom('app', 'tier'),
    operator: fc.constantFrom('In', 'NotIn'),
    values: fc.array(labelValue, { minLength: 1, maxLength: 2 }),
  }),
  fc.record({ key: fc.constantFrom('app', 'tier'), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
);
const selector = fc.record(
  { matchLabels: labels, matchExpressions: fc.array(expression, { maxLength: 2 }) },
  { requiredKeys: [] },
);
const nsSelector = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.record({ team: fc.constantFrom('red', 'blue') }) }),
  fc.record({ matchLabels: fc.record({ 'kubernetes.io/metadata.name': namespaceName }) }),
);
/** Valid blocks only (each except strictly inside its cidr), overlapping so the cut into atoms matters. */
const ipBlock = fc.constantFrom(
  { cidr: '0.0.0.0/0' },
  { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] },
  { cidr: '0.0.0.0/0', except: ['10.1.0.0/16', '192.168.0.0/16'] },
  { cidr: '10.0.0.0/8', except: ['10.1.2.0/24'] },
  { cidr: '10.1.0.0/16' },
  { cidr: '192.168.0.0/16' },
  { cidr: '203.0.113.7/32' },
);
const peer = fc.oneof(
  fc.record({ podSelector: selector }),
  fc.record({ namespaceSelector: nsSelector }),
  fc.record({ podSelector: selector, namespaceSelector: nsSelector }),
  fc.record({ ipBlock }),
);
const port = fc.oneof(
  fc.record(
    { port: fc.integer({ min: 79, max: 82 }), protocol: fc.constantFrom('TCP', 'UDP', 'SCTP') },
    { requiredKeys: ['port'] },
  ),
  fc.record(
    { port: fc.constantFrom('http', 'dns'), protocol: fc.constantFrom('TCP', 'UDP') },
    { requiredKeys: ['port'] },
  ),
  fc.record({ port: fc.constant(80), endPort: fc.integer({ min: 80, max: 90 }) }),
  fc.record({ protocol: fc.constantFrom('TCP', 'UDP', 'SCTP') }),
);
const rule = (peerKey: 'from' | 'to') =>
  fc.record(
    { [peerKey]: fc.array(peer, { maxLength: 2 }), ports: fc.array(port, { maxLength: 2 }) },
    { requiredKeys: [] },
  );
const policyTypes = fc.option(fc.subarray(['Ingress', 'Egress'], { minLength: 1 }), { nil: undefined });
const policySpec = fc.record(
  {
    podSelector: selector,
    policyTypes,
    ingress: fc.array(rule('from'), { maxLength: 2 }),
    egress: fc.array(rule('to'), { maxLength: 2 }),
  },
  { requiredKeys: ['podSelector'] },
);

const workload = fc.record({
  namespace: namespaceName,
  labels,
  http: fc.integer({ min: 79, max: 82 }),
  dns: fc.boolean(),
});

const cluster = fc.record({
  teams: fc.record({ alpha: fc.constantFrom('red', 'blue'), beta: fc.constantFrom('red', 'blue') }),
  workloads: fc.array(workload, { minLength: 1, maxLength: 5 }),
  policies: fc.array(fc.record({ namespace: namespaceName, spec: policySpec }), { maxLength: 4 }),
});
type Cluster = typeof cluster extends fc.Arbitrary<infer T> ? T : never;

function objectsOf(c: Cluster, extra: readonly { namespace: string; spec: unknown }[] = []): KubeObject[] {
  const namespaces = NAMESPACES.map((name) =>
    kube({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: name === 'gamma' ? {} : { team: c.teams[name] } },
    }),
  );
  const workloads = c.workloads.map((w, i) =>
    kube({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `w${i}`, namespace: w.namespace },
      spec: {
        template: {
          metadata: { labels: w.labels },
          spec: {
            containers: [
              {
                name: 'main',
                ports: [
                  { name: 'http', containerPort: w.http },
                  ...(w.dns ? [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] : []),
                ],
              },
            ],
          },
        },
      },
    }),
  );
  const policies = [...c.policies, ...extra].map((p, i) =>
    kube({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `p${i}`, namespace: p.namespace },
      spec: p.spec,
    }),
  );
  return [...namespaces, ...workloads, ...policies];
}

function single(ip: string): IpRange {
  const parsed = parseIp(ip);
  if (!parsed) throw new Error(ip);
  return { family: parsed.family, lo: parsed.value, hi: parsed.value };
}

/** Every connection of `smaller` is in `larger`: workload pairs and sample IPs both ways. */
function isIncluded(smaller: Reachability, larger: Reachability): boolean {
  const byId = new Map(larger.peers.map((p) => [p.id, p]));
  for (const s of smaller.peers) {
    const sl = byId.get(s.id);
    if (!sl) return false;
    for (const d of smaller.peers) {
      const dl = byId.get(d.id);
      if (!dl || !isSubsetPorts(smaller.peerConnection(s, d), larger.peerConnection(sl, dl))) return false;
    }
    for (const ip of SAMPLE_IPS.map(single)) {
      if (!isSubsetPorts(smaller.peerToIp(s, ip), larger.peerToIp(sl, ip))) return false;
      if (!isSubsetPorts(smaller.ipToPeer(ip, s), larger.ipToPeer(ip, sl))) return false;
    }
  }
  return true;
}

const runs = { numRuns: 300 };

describe('reachability invariants', () => {
  it('adding a deny-all policy never adds a connection', () => {
    const denyAll = fc.record({
      namespace: namespaceName,
      spec: fc.record({
        podSelector: fc.constant({}),
        policyTypes: fc.subarray(['Ingress', 'Egress'], { minLength: 1 }),
      }),
    });
    fc.assert(
      fc.property(cluster, denyAll, (c, deny) => {
        const before = analyzeReachability(objectsOf(c), []);
        const after = analyzeReachability(objectsOf(c, [deny]), []);
        expect(isIncluded(after, before)).toBe(true);
      }),
      runs,
    );
  });

  it('adding an allow policy (over pods already isolated for its directions) never removes a connection', () => {
    const allow = fc.record({
      pick: fc.nat(),
      ingress: fc.array(rule('from'), { minLength: 1, maxLength: 2 }),
      egress: fc.array(rule('to'), { minLength: 1, maxLength: 2 }),
    });
    fc.assert(
      fc.property(cluster, allow, (c, a) => {
        fc.pre(c.policies.length > 0);
        const base = c.policies[a.pick % c.policies.length];
        if (!base) return;
        const before = analyzeReachability(objectsOf(c), []);
        const policy = before.policies.find(
          (p) => p.id === `${base.namespace}/p${a.pick % c.policies.length}`,
        );
        if (!policy) return;
        // Same pods, same directions: the new policy isolates nothing that was not isolated already.
        const types = [
          ...(policy.affectsIngress ? ['Ingress'] : []),
          ...(policy.affectsEgress ? ['Egress'] : []),
        ];
        const spec = {
          podSelector: base.spec.podSelector,
          policyTypes: types,
          ingress: a.ingress,
          egress: a.egress,
        };
        const after = analyzeReachability(objectsOf(c, [{ namespace: base.namespace, spec }]), []);
        expect(isIncluded(before, after)).toBe(true);
      }),
      runs,
    );
  });

  it('does not depend on the order of objects', () => {
    fc.assert(
      fc.property(cluster, fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), (c, keys) => {
        const objects = objectsOf(c);
        const shuffled = objects
          .map((o, i) => ({ o, k: keys[i % keys.length] ?? 0 }))
          .sort((a, b) => a.k - b.k)
          .map(({ o }) => o);
        const a = analyzeReachability(objects, []);
        const b = analyzeReachability(shuffled, []);
        expect(toConnectionList(b)).toEqual(toConnectionList(a));
      }),
      runs,
    );
  });

  it('gives classes with the same row key the same row, pair by pair (the attack graph shares it)', () => {
    fc.assert(
      fc.property(cluster, (c) => {
        const result = analyzeReachability(objectsOf(c), []);
        const size = result.topology.classes.length;
        const rowOf = (src: number): string[] =>
          Array.from({ length: size }, (_, d) => describePorts(result.classConnection(src, d)));
        const byKey = new Map<string, string[]>();
        for (let src = 0; src < size; src++) {
          const row = rowOf(src);
          expect(result.classRow(src).map(describePorts)).toEqual(row);
          const key = result.rowKey(src);
          const seen = byKey.get(key);
          if (seen) expect(row).toEqual(seen);
          else byKey.set(key, row);
        }
      }),
      runs,
    );
  });

  it('groups classes into rows exactly as their egress profile and picking ingress rules do (the definition)', () => {
    /** The definition `rowKey` implements by refinement: the egress profile, and each non-open ingress rule picking the class. */
    const referenceKey = (result: Reachability, src: number): string => {
      const rules = [...new Set(result.compiled.ingress)].flatMap((p) => p?.rules ?? []);
      const picking = [...new Set(rules)]
        .map((rule, i) => (!rule.allPeers && rule.classes.members.includes(src) ? i : -1))
        .filter((i) => i >= 0);
      return `${result.compiled.egress[src]?.id ?? '-'}:${picking.join(',')}`;
    };
    fc.assert(
      fc.property(cluster, (c) => {
        const result = analyzeReachability(objectsOf(c), []);
        const size = result.topology.classes.length;
        for (let a = 0; a < size; a++) {
          for (let b = 0; b < size; b++) {
            const same = result.rowKey(a) === result.rowKey(b);
            expect(same).toBe(referenceKey(result, a) === referenceKey(result, b));
          }
        }
      }),
      runs,
    );
  });

  it('lists the same workload connections row by row as pair by pair', () => {
    fc.assert(
      fc.property(cluster, (c) => {
        const result = analyzeReachability(objectsOf(c), []);
        const listed = new Map<string, string>();
        for (const { src, dst, conn } of result.connections()) {
          if (src.kind === 'workload' && dst.kind === 'workload')
            listed.set(`${src.peer.id} ${dst.peer.id}`, describePorts(conn));
        }
        const pairwise = new Map<string, string>();
        for (const s of result.peers) {
          for (const d of result.peers) {
            const conn = result.peerConnection(s, d);
            if (s !== d && !isEmptyPorts(conn)) pairwise.set(`${s.id} ${d.id}`, describePorts(conn));
          }
        }
        expect(listed).toEqual(pairwise);
      }),
      runs,
    );
  });

  it('selects through the label index exactly what a scan of every class selects', () => {
    fc.assert(
      fc.property(cluster, selector, namespaceName, (c, raw, namespace) => {
        const objects = objectsOf(c);
        const topology = buildTopology(objects, resolveOptions({}));
        const parsed = parseLabelSelector(raw, () => null);
        if (!parsed) return;
        const indexed = new Selection(topology).podsIn(namespace, parsed);
        const scanned = topology.classes
          .filter((k) => k.namespace === namespace && matchesSelector(parsed, k.labels))
          .map((k) => k.index);
        expect([...indexed].sort((a, b) => a - b)).toEqual(scanned);
      }),
      runs,
    );
  });

  it('allows everything when no engine enforces policies', () => {
    fc.assert(
      fc.property(cluster, (c) => {
        const open = analyzeReachability(objectsOf({ ...c, policies: [] }), []);
        const unenforced = analyzeReachability(objectsOf(c), [], { enforcement: 'not-enforced' });
        expect(toConnectionList(unenforced)).toEqual(toConnectionList(open));
      }),
      { numRuns: 100 },
    );
  });

  it('matches compat mode when there is no hostNetwork pod and no pod IP', () => {
    fc.assert(
      fc.property(cluster, (c) => {
        const objects = objectsOf(c);
        expect(toConnectionList(analyzeReachability(objects, [], { compat: 'netpol-analyzer' }))).toEqual(
          toConnectionList(analyzeReachability(objects, [])),
        );
      }),
      { numRuns: 100 },
    );
  });
});
