/**
 * @module The network layer's bits against the NetworkPolicy engine's peer-to-peer answer: a connection
 * exists where `peerConnection` has a port, is flat where it has every port, and its edge says so. Random
 * real models, and random bare Pods under shared controllers (one workload in several pod classes, which
 * policies open on different protocols: flat only as a union).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeReachability } from '../../../src/analysis/netpol/index.js';
import type { Reachability } from '../../../src/analysis/netpol/index.js';
import { formatPortList, isAllPorts, isEmptyPorts } from '../../../src/analysis/netpol/port-set.js';
import { buildNetworkLayer } from '../../../src/analysis/paths/network-layer.js';
import { DEFAULT_LIMITS } from '../../../src/load/limits.js';
import { createModelSink } from '../../../src/load/inputs/model-sink.js';
import { loadManifestText } from '../../../src/load/manifests/load-manifest-text.js';
import type { ClusterModel } from '../../../src/model/index.js';
import { randomCluster } from '../../helpers/random-cluster.js';
import { modelOfCluster } from '../../helpers/random-cluster-model.js';

/** Every pair of workloads: the layer's answers equal the engine's, computed pair by pair. */
function expectLayerMatches(reach: Reachability): void {
  const layer = buildNetworkLayer(reach);
  const { peers } = reach.topology;
  for (const src of peers) {
    const expected: number[] = [];
    for (const dst of peers) {
      const ports = reach.peerConnection(src, dst);
      const open = src !== dst && !isEmptyPorts(ports);
      const flat = open && isAllPorts(ports);
      expect(layer.connects(src.index, dst.index), `${src.id} -> ${dst.id}`).toBe(open);
      expect(layer.isFlat(src.index, dst.index), `${src.id} -> ${dst.id} flat`).toBe(flat);
      if (!open) continue;
      expected.push(dst.index);
      const edge = layer.edge(src.index, dst.index);
      expect(edge.flat).toBe(flat);
      if (!flat) expect(edge.evidence).toContain(formatPortList(ports).join(', '));
    }
    expect(layer.targets(src.index)).toEqual(expected);
  }
}

const LABELS = ['web', 'db', 'api'] as const;
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

const podArb = fc.record({
  namespace: fc.constantFrom('a', 'b'),
  // Pods of owners missing from the input are one workload per owner; owners of different kinds but one
  // name are one peer (one line of output) whose workloads can be in different classes.
  owner: fc.option(
    fc.record({
      kind: fc.constantFrom('ReplicaSet', 'StatefulSet', 'Job'),
      name: fc.constantFrom('o1', 'o2'),
    }),
    { nil: undefined },
  ),
  app: fc.constantFrom(...LABELS),
});

const policyArb = fc.record({
  namespace: fc.constantFrom('a', 'b'),
  app: fc.constantFrom(...LABELS, undefined),
  direction: fc.constantFrom('ingress', 'egress'),
  peer: fc.constantFrom(...LABELS, undefined),
  protocols: fc.subarray([...PROTOCOLS]),
  port: fc.constantFrom(undefined, 80),
});

type PodSpec = typeof podArb extends fc.Arbitrary<infer T> ? T : never;
type PolicySpec = typeof policyArb extends fc.Arbitrary<infer T> ? T : never;

function podYaml(pod: PodSpec, i: number): string {
  const owner =
    pod.owner === undefined
      ? ''
      : `\n  ownerReferences:\n    - { apiVersion: apps/v1, kind: ${pod.owner.kind}, name: ${pod.owner.name}, uid: u-${pod.owner.name}, controller: true }`;
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  namespace: ${pod.namespace}\n  labels: { app: ${pod.app}, n: "${i % 2}" }${owner}\nspec:\n  containers:\n    - { name: c, image: nginx }\n`;
}

function policyYaml(policy: PolicySpec, i: number): string {
  const selector = policy.app === undefined ? '{}' : `{ matchLabels: { app: ${policy.app} } }`;
  const peer =
    policy.peer === undefined
      ? '{ podSelector: {} }'
      : `{ podSelector: { matchLabels: { app: ${policy.peer} } } }`;
  const side = policy.direction === 'ingress' ? 'from' : 'to';
  const ports = policy.protocols
    .map((p) =>
      policy.port === undefined ? `{ protocol: ${p} }` : `{ protocol: ${p}, port: ${policy.port} }`,
    )
    .join(', ');
  const Type = policy.direction === 'ingress' ? 'Ingress' : 'Egress';
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: np${i}, namespace: ${policy.namespace} }\nspec:\n  podSelector: ${selector}\n  policyTypes: [${Type}]\n  ${policy.direction}:\n    - ${side}: [${peer}]\n      ports: [${ports}]\n`;
}

function modelOfPods(pods: readonly PodSpec[], policies: readonly PolicySpec[]): ClusterModel {
  const sink = createModelSink(DEFAULT_LIMITS);
  const text = [...pods.map(podYaml), ...policies.map(policyYaml)].join('---\n');
  loadManifestText(text, 'pods.yaml', sink);
  return sink.result().model;
}

describe('network layer', () => {
  it('equals the engine pair by pair on random real models', () => {
    fc.assert(
      fc.property(randomCluster, (cluster) => {
        expectLayerMatches(computeReachability(modelOfCluster(cluster)));
      }),
      { numRuns: 40 },
    );
  });

  it('equals the engine pair by pair when workloads have pods in several classes', () => {
    let multiClass = 0;
    fc.assert(
      fc.property(
        fc.array(podArb, { minLength: 1, maxLength: 8 }),
        fc.array(policyArb, { maxLength: 5 }),
        (pods, policies) => {
          const reach = computeReachability(modelOfPods(pods, policies));
          multiClass += reach.topology.peers.filter(
            (p) => new Set(p.classes.map((c) => reach.rowKey(c))).size > 1,
          ).length;
          expectLayerMatches(reach);
        },
      ),
      { numRuns: 150 },
    );
    // Not vacuous: some generated workloads have pods in classes of different rows.
    expect(multiClass).toBeGreaterThan(0);
  });

  it('finds a workload flat to reach when its classes open different protocols that together cover every port', () => {
    const pods: PodSpec[] = [
      { namespace: 'a', owner: undefined, app: 'api' },
      { namespace: 'a', owner: { kind: 'ReplicaSet', name: 'o1' }, app: 'web' },
      { namespace: 'a', owner: { kind: 'Job', name: 'o1' }, app: 'db' },
    ];
    const open = { namespace: 'a', direction: 'ingress', peer: undefined, port: undefined } as const;
    const reach = computeReachability(
      modelOfPods(pods, [
        { ...open, app: 'web', protocols: ['TCP'] },
        { ...open, app: 'db', protocols: ['UDP', 'SCTP'] },
      ]),
    );
    const { peers } = reach.topology;
    const api = peers.find((p) => p.id === 'a/p0');
    const o1 = peers.find((p) => p.id === 'a/o1');
    expect(o1?.classes.length).toBe(2);
    expect(buildNetworkLayer(reach).isFlat(api?.index ?? -1, o1?.index ?? -1)).toBe(true);
    expectLayerMatches(reach);
  });
});
