/**
 * @module The internet → workload edges (exposure.ts) against a reference that tries every Service of the
 * namespace on every workload: the Services indexed by a selector label give the same edges in the same
 * order, on random Services, selectors of several labels, Ingresses and workloads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exposureEdges } from '../../../src/analysis/paths/exposure.js';
import type { GraphEdge } from '../../../src/analysis/paths/index.js';
import { INTERNET, workloadId } from '../../../src/analysis/paths/index.js';
import { DEFAULT_LIMITS } from '../../../src/load/limits.js';
import { createModelSink } from '../../../src/load/inputs/model-sink.js';
import { loadManifestText } from '../../../src/load/manifests/load-manifest-text.js';
import type { KubeObject, Workload } from '../../../src/model/index.js';
import { arrayAt, extractWorkloads, objectAt, stringAt, stringMapAt } from '../../../src/model/index.js';

const KEYS = ['app', 'tier', 'team'] as const;
const VALUES = ['web', 'db'] as const;

const labelsArb = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 3 });
const inputArb = fc.record({
  workloads: fc.array(fc.record({ namespace: fc.constantFrom('a', 'b'), labels: labelsArb }), {
    maxLength: 6,
  }),
  services: fc.array(
    fc.record({
      namespace: fc.constantFrom('a', 'b'),
      selector: labelsArb,
      type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer'),
      name: fc.constantFrom('s1', 's2', 's3', 's4'),
    }),
    { maxLength: 6 },
  ),
  ingresses: fc.array(
    fc.record({ namespace: fc.constantFrom('a', 'b'), backends: fc.subarray(['s1', 's2', 's3', 's4']) }),
    { maxLength: 3 },
  ),
});
type Input = typeof inputArb extends fc.Arbitrary<infer T> ? T : never;

const map = (labels: Readonly<Record<string, string>>): string =>
  `{ ${Object.entries(labels)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')} }`;

function manifests(input: Input): string {
  const workloads = input.workloads.map(
    (w, i) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: w${i}, namespace: ${w.namespace} }\nspec:\n  template:\n    metadata: { labels: ${map(w.labels)} }\n    spec: { containers: [{ name: c, image: nginx }] }\n`,
  );
  const services = input.services.map(
    (s, i) =>
      `apiVersion: v1\nkind: Service\nmetadata: { name: ${s.name}, namespace: ${s.namespace}, labels: { n: "${i}" } }\nspec: { type: ${s.type}, selector: ${map(s.selector)} }\n`,
  );
  const ingresses = input.ingresses.map(
    (g, i) =>
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: i${i}, namespace: ${g.namespace} }\nspec:\n  rules:\n    - http:\n        paths: [${g.backends.map((b) => `{ path: /, pathType: Prefix, backend: { service: { name: ${b}, port: { number: 80 } } } }`).join(', ')}]\n`,
  );
  return [...workloads, ...services, ...ingresses].join('---\n');
}

/** The reference: every Service of the namespace tried on every workload, in input order. */
function referenceEdges(objects: readonly KubeObject[], workloads: readonly Workload[]): GraphEdge[] {
  const selects = (service: KubeObject, workload: Workload): boolean => {
    if ((service.namespace ?? 'default') !== workload.namespace) return false;
    const selector = stringMapAt(service.body['spec'], 'selector');
    const keys = Object.keys(selector);
    return keys.length > 0 && keys.every((key) => workload.podLabels[key] === selector[key]);
  };
  const services = objects.filter((o) => o.kind === 'Service');
  const edges: GraphEdge[] = [];
  for (const workload of workloads) {
    const to = workloadId(workload.namespace, workload.name);
    for (const service of services) {
      if (!selects(service, workload)) continue;
      if (stringAt(service.body['spec'], 'type') !== 'LoadBalancer') continue;
      const evidence = `Service/${service.namespace ?? 'default'}/${service.name} is type LoadBalancer without service.beta.kubernetes.io/azure-load-balancer-internal: "true" (public IP)`;
      edges.push({ from: INTERNET, to, kind: 'exposed', evidence, control: 'no-public-load-balancer' });
    }
    for (const ingress of objects.filter((o) => o.kind === 'Ingress' && o.namespace === workload.namespace)) {
      const names = new Set(
        arrayAt(objectAt(arrayAt(ingress.body['spec'], 'rules')[0], 'http'), 'paths').map((p) =>
          stringAt(objectAt(objectAt(p, 'backend'), 'service'), 'name'),
        ),
      );
      const backend = services.find((s) => names.has(s.name) && selects(s, workload));
      if (!backend) continue;
      const evidence = `Ingress/${workload.namespace}/${ingress.name} routes to Service/${workload.namespace}/${backend.name}`;
      edges.push({ from: INTERNET, to, kind: 'exposed', evidence, control: 'require-ingress-tls' });
    }
  }
  return edges;
}

describe('internet exposure', () => {
  it('equals trying every Service of the namespace on every workload', () => {
    let exposed = 0;
    fc.assert(
      fc.property(inputArb, (input) => {
        const sink = createModelSink(DEFAULT_LIMITS);
        loadManifestText(manifests(input), 'exposure.yaml', sink);
        const { objects } = sink.result().model;
        const workloads = extractWorkloads(objects);
        const edges = exposureEdges(objects, workloads, []);
        exposed += edges.length;
        expect(edges).toEqual(referenceEdges(objects, workloads));
      }),
      { numRuns: 200 },
    );
    expect(exposed).toBeGreaterThan(0);
  });
});
