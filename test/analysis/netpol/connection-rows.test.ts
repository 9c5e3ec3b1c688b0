/**
 * The streamed connection list (rows shared per row key, names sorted once, sets interned) against its
 * definition, `toConnectionList` (every connection enumerated, then sorted), on random clusters and focuses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeReachability } from '../../../src/analysis/netpol/index.js';
import type { ConnectionEntry, ConnectionFocus } from '../../../src/analysis/netpol/connection-list.js';
import { forEachConnectionEntry, toConnectionList } from '../../../src/analysis/netpol/connection-list.js';
import { forEachConnectionRow } from '../../../src/analysis/netpol/connection-rows.js';
import type { JsonObject, KubeObject } from '../../../src/model/index.js';
import { kubeObject } from '../rbac/helpers.js';

/** Namespaces whose names sort before, between and after external ranges (`0.0.0.0-…`, `203.0.113.7-…`). */
const NAMESPACES = ['1ns', 'alpha', '9z'] as const;

const kube = (body: JsonObject): KubeObject => kubeObject(body, 'random.yaml');

const labels = fc.record(
  { app: fc.constantFrom('a', 'b', 'c'), tier: fc.constantFrom('fe', 'be') },
  { requiredKeys: [] },
);
const ipBlock = fc.constantFrom(
  { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] },
  { cidr: '10.1.0.0/16' },
  { cidr: '203.0.113.7/32' },
  { cidr: '2001:db8::/32' },
);
const peer = fc.oneof(
  fc.record({ podSelector: fc.record({ matchLabels: labels }) }),
  fc.record({ namespaceSelector: fc.constant({}) }),
  fc.record({ ipBlock }),
);
const ports = fc.array(
  fc.oneof(
    fc.record({ port: fc.integer({ min: 79, max: 81 }), protocol: fc.constantFrom('TCP', 'UDP') }),
    fc.record({ port: fc.constant('http') }),
  ),
  { maxLength: 2 },
);
const rule = (key: 'from' | 'to') =>
  fc.record({ [key]: fc.array(peer, { maxLength: 2 }), ports }, { requiredKeys: [] });
const policy = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  spec: fc.record(
    {
      podSelector: fc.record({ matchLabels: labels }, { requiredKeys: [] }),
      policyTypes: fc.subarray(['Ingress', 'Egress'], { minLength: 1 }),
      ingress: fc.array(rule('from'), { maxLength: 2 }),
      egress: fc.array(rule('to'), { maxLength: 2 }),
    },
    { requiredKeys: ['podSelector', 'policyTypes'] },
  ),
});
/** Workloads of two kinds under a few names: the same name twice is one peer of several classes. */
const workload = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  name: fc.constantFrom('web', 'db'),
  kind: fc.constantFrom('Deployment', 'StatefulSet'),
  labels,
  http: fc.integer({ min: 79, max: 81 }),
});
const cluster = fc.record({
  workloads: fc.array(workload, { minLength: 1, maxLength: 7 }),
  policies: fc.array(policy, { maxLength: 4 }),
});
type Cluster = typeof cluster extends fc.Arbitrary<infer T> ? T : never;

function objectsOf(c: Cluster): KubeObject[] {
  const namespaces = NAMESPACES.map((name) =>
    kube({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }),
  );
  const workloads = c.workloads.map((w) =>
    kube({
      apiVersion: 'apps/v1',
      kind: w.kind,
      metadata: { name: w.name, namespace: w.namespace },
      spec: {
        template: {
          metadata: { labels: w.labels },
          spec: { containers: [{ name: 'main', ports: [{ name: 'http', containerPort: w.http }] }] },
        },
      },
    }),
  );
  const policies = c.policies.map((p, i) =>
    kube({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `p${i}`, namespace: p.namespace },
      spec: p.spec,
    }),
  );
  return [...namespaces, ...workloads, ...policies];
}

/** Focuses on every side: workloads, addresses, a range's own name, an unknown name, ports. */
function focusesOf(ids: readonly string[]): ConnectionFocus[] {
  const port = { protocol: 'TCP', port: 80 } as const;
  const sides = [...ids, '10.1.2.3', '203.0.113.7', '2001:db8::1', '203.0.113.7-203.0.113.7', 'nowhere/x'];
  return [
    {},
    { port },
    ...sides.flatMap((side) => [{ from: side }, { to: side }, { to: side, port }]),
    ...ids.map((id) => ({ from: ids[0] ?? '', to: id })),
  ];
}

describe('forEachConnectionRow', () => {
  it('lists exactly toConnectionList, in its order, for any cluster and focus', () => {
    fc.assert(
      fc.property(cluster, fc.boolean(), (c, enforced) => {
        const options = enforced ? {} : ({ enforcement: 'not-enforced' } as const);
        const result = analyzeReachability(objectsOf(c), [], options);
        for (const focus of focusesOf(result.peers.map((p) => p.id))) {
          const visited: ConnectionEntry[] = [];
          forEachConnectionEntry(result, focus, (e) => visited.push(e));
          expect(visited).toEqual(toConnectionList(result, focus));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('holds each name once, and never an empty part or an empty set', () => {
    fc.assert(
      fc.property(cluster, (c) => {
        const result = analyzeReachability(objectsOf(c), []);
        forEachConnectionRow(result, {}, (row, table) => {
          expect(new Set(table.names).size).toBe(table.names.length);
          for (const { run, from, to } of row.parts) {
            expect(from).toBeLessThan(to);
            for (let i = from; i < to; i++) expect(run.conn[i]).toBeGreaterThan(0);
          }
        });
      }),
      { numRuns: 50 },
    );
  });
});
