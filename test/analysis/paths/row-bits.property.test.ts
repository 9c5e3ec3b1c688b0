/**
 * @module A source class's row as bits (row-bits.ts, decided per ingress profile) against the simple
 * reference it replaced: the engine's class-by-class row (`Reachability.classRow`) spread over each class's
 * peers, and a peer of several classes flat when the union of their ports is. Random pods and policies
 * with named ports on different numbers, egress rules to pods, to every pod and to IP blocks; random real
 * models.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeReachability } from '../../../src/analysis/netpol/index.js';
import type { Reachability } from '../../../src/analysis/netpol/index.js';
import { NO_PORTS, isAllPorts, isEmptyPorts, unionPorts } from '../../../src/analysis/netpol/port-set.js';
import { rowBits } from '../../../src/analysis/paths/row-bits.js';
import { DEFAULT_LIMITS } from '../../../src/load/limits.js';
import { createModelSink } from '../../../src/load/inputs/model-sink.js';
import { loadManifestText } from '../../../src/load/manifests/load-manifest-text.js';
import { randomCluster } from '../../helpers/random-cluster.js';
import { modelOfCluster } from '../../helpers/random-cluster-model.js';

/** The reference: per peer, whether the source's class row opens it, and on every port. */
function referenceRow(reach: Reachability, source: number): { open: boolean[]; flat: boolean[] } {
  const row = reach.classRow(source);
  return {
    open: reach.topology.peers.map((p) => p.classes.some((d) => !isEmptyPorts(row[d] ?? NO_PORTS))),
    flat: reach.topology.peers.map((p) =>
      isAllPorts(p.classes.reduce((ports, d) => unionPorts(ports, row[d] ?? NO_PORTS), NO_PORTS)),
    ),
  };
}

const bitsAsBooleans = (bits: Uint32Array, n: number): boolean[] =>
  Array.from({ length: n }, (_, i) => (((bits[i >>> 5] ?? 0) >>> (i & 31)) & 1) === 1);

/** Every source class: its bits equal the reference; returns how many peers were open. */
function expectRowsMatch(reach: Reachability): number {
  const n = reach.topology.peers.length;
  const words = Math.max(1, Math.ceil(n / 32));
  const bitsOf = rowBits(reach, words);
  let open = 0;
  for (let source = 0; source < reach.topology.classes.length; source++) {
    const expected = referenceRow(reach, source);
    const bits = bitsOf(source);
    const actualOpen = bitsAsBooleans(bits.open, n);
    expect(actualOpen, `class ${source} open`).toEqual(expected.open);
    // Flat bits are read only where the row is open.
    const actualFlat = bitsAsBooleans(bits.flat, n).map((f, i) => f && actualOpen[i] === true);
    expect(actualFlat, `class ${source} flat`).toEqual(
      expected.flat.map((f, i) => f && expected.open[i] === true),
    );
    open += expected.open.filter(Boolean).length;
  }
  return open;
}

const APPS = ['web', 'db', 'api'] as const;

const podArb = fc.record({
  namespace: fc.constantFrom('a', 'b'),
  app: fc.constantFrom(...APPS),
  // The named port `http` is on a different number per pod, or absent.
  http: fc.constantFrom(undefined, 8080, 9090),
  // Owners missing from the input: owners of different kinds but one name are one peer, whose workloads
  // can be in several classes.
  owner: fc.constantFrom(undefined, 'ReplicaSet', 'Job'),
});

const policyArb = fc.record({
  namespace: fc.constantFrom('a', 'b'),
  app: fc.constantFrom(...APPS, undefined),
  direction: fc.constantFrom('ingress', 'egress'),
  peer: fc.constantFrom(...APPS, 'any-pod', 'any-namespace', 'ip', 'everything'),
  // UDP alone and TCP with SCTP: a peer of two classes opened one way each is flat only as a union.
  port: fc.constantFrom(undefined, 'http', 8080, 'udp', 'tcp-sctp'),
});

type PodSpec = typeof podArb extends fc.Arbitrary<infer T> ? T : never;
type PolicySpec = typeof policyArb extends fc.Arbitrary<infer T> ? T : never;

function podYaml(pod: PodSpec, i: number): string {
  const ports = pod.http === undefined ? '' : `, ports: [{ name: http, containerPort: ${pod.http} }]`;
  const owner =
    pod.owner === undefined
      ? ''
      : `\n  ownerReferences:\n    - { apiVersion: apps/v1, kind: ${pod.owner}, name: o1, uid: u-${pod.owner}, controller: true }`;
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  namespace: ${pod.namespace}\n  labels: { app: ${pod.app} }${owner}\nspec:\n  containers:\n    - { name: c, image: nginx${ports} }\n`;
}

const PEERS: Record<string, string> = {
  'any-pod': '[{ podSelector: {} }]',
  'any-namespace': '[{ namespaceSelector: {} }]',
  ip: '[{ ipBlock: { cidr: 10.0.0.0/8 } }]',
};

function policyYaml(policy: PolicySpec, i: number): string {
  const selector = policy.app === undefined ? '{}' : `{ matchLabels: { app: ${policy.app} } }`;
  const side = policy.direction === 'ingress' ? 'from' : 'to';
  const peer =
    policy.peer === 'everything'
      ? ''
      : `${side}: ${PEERS[policy.peer] ?? `[{ podSelector: { matchLabels: { app: ${policy.peer} } } }]`}`;
  const port =
    policy.port === undefined
      ? ''
      : policy.port === 'udp'
        ? 'ports: [{ protocol: UDP }]'
        : policy.port === 'tcp-sctp'
          ? 'ports: [{ protocol: TCP }, { protocol: SCTP }]'
          : `ports: [{ port: ${policy.port} }]`;
  const rule = [peer, port].filter((s) => s !== '').join(', ');
  const Type = policy.direction === 'ingress' ? 'Ingress' : 'Egress';
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: np${i}, namespace: ${policy.namespace} }\nspec:\n  podSelector: ${selector}\n  policyTypes: [${Type}]\n  ${policy.direction}:\n    - { ${rule} }\n`;
}

function reachOf(pods: readonly PodSpec[], policies: readonly PolicySpec[]): Reachability {
  const sink = createModelSink(DEFAULT_LIMITS);
  const text = [...pods.map(podYaml), ...policies.map(policyYaml)].join('---\n');
  loadManifestText(text, 'pods.yaml', sink);
  return computeReachability(sink.result().model);
}

describe('row bits', () => {
  it('equal the class row spread over peers on random pods and policies (named ports, egress to pods and IPs)', () => {
    let open = 0;
    let named = 0;
    let multiClass = 0;
    fc.assert(
      fc.property(
        fc.array(podArb, { minLength: 1, maxLength: 8 }),
        fc.array(policyArb, { maxLength: 6 }),
        (pods, policies) => {
          const reach = reachOf(pods, policies);
          named += reach.compiled.ingress.filter((p) => p?.rules.some((r) => r.named.length > 0)).length;
          multiClass += reach.topology.peers.filter((p) => p.classes.length > 1).length;
          open += expectRowsMatch(reach);
        },
      ),
      { numRuns: 200 },
    );
    // Not vacuous: rows open some peers, some ingress profiles name ports, some peers span classes.
    expect(open).toBeGreaterThan(0);
    expect(named).toBeGreaterThan(0);
    expect(multiClass).toBeGreaterThan(0);
  });

  it('equal the class row spread over peers on random real models', () => {
    fc.assert(
      fc.property(randomCluster, (cluster) => {
        expectRowsMatch(computeReachability(modelOfCluster(cluster)));
      }),
      { numRuns: 40 },
    );
  });
});

describe('row bits of a peer in several classes', () => {
  it('are flat when its classes open different protocols that together cover every port', () => {
    const open = { namespace: 'a', direction: 'ingress', peer: 'any-pod' } as const;
    const reach = reachOf(
      [
        { namespace: 'a', app: 'api', http: undefined, owner: undefined },
        { namespace: 'a', app: 'web', http: undefined, owner: 'ReplicaSet' },
        { namespace: 'a', app: 'db', http: undefined, owner: 'Job' },
      ],
      [
        { ...open, app: 'web', port: 'udp' },
        { ...open, app: 'db', port: 'tcp-sctp' },
      ],
    );
    const o1 = reach.topology.peers.find((p) => p.id === 'a/o1');
    expect(o1?.classes.length).toBe(2);
    const api = reach.topology.classes.findIndex((c) => c.labels.app === 'api');
    const bits = rowBits(reach, 1)(api);
    expect(((bits.flat[0] ?? 0) >>> (o1?.index ?? 0)) & 1).toBe(1);
    expectRowsMatch(reach);
  });
});
