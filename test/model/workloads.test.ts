/** @module extractWorkloads: one workload per top-level owner, replicas folded, ephemeral containers kept. */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/model/index.js';
import { extractWorkloads } from '../../src/model/index.js';

let line = 1;
function object(kind: string, name: string, body: Record<string, unknown> = {}): KubeObject {
  const metadata = (body['metadata'] ?? {}) as Record<string, unknown>;
  const at = { file: 'dump.yaml', line: (line += 10) };
  return {
    apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1',
    kind,
    name,
    namespace: 'shop',
    labels: (metadata['labels'] ?? {}) as Record<string, string>,
    annotations: {},
    body: { kind, ...body, metadata: { name, namespace: 'shop', ...metadata } },
    origin: { file: 'dump.yaml', documentIndex: 0, basePath: [], at },
  };
}

const template = { template: { spec: { containers: [{ name: 'web', image: 'nginx' }] } } };
const owned = (kind: string, name: string) => ({ ownerReferences: [{ kind, name, controller: true }] });
const podSpec = (extra: Record<string, unknown> = {}) => ({
  containers: [{ name: 'web', image: 'nginx' }],
  ...extra,
});

describe('extractWorkloads', () => {
  it('covers every pod-bearing kind, the CronJob template included', () => {
    const kinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'];
    const objects = [
      ...kinds.map((kind) => object(kind, kind.toLowerCase(), { spec: template })),
      object('CronJob', 'nightly', { spec: { jobTemplate: { spec: template } } }),
      object('Pod', 'bare', { spec: podSpec() }),
      object('Service', 'web'),
    ];
    expect(extractWorkloads(objects).map((w) => [w.kind, w.podSpecPath.join('.')])).toEqual([
      ...kinds.map((kind) => [kind, 'spec.template.spec']),
      ['CronJob', 'spec.jobTemplate.spec.template.spec'],
      ['Pod', 'spec'],
    ]);
  });

  it('attributes Pods and ReplicaSets to the Deployment when it is in the input', () => {
    const objects = [
      object('Deployment', 'web', { spec: template }),
      object('ReplicaSet', 'web-5d8f7c9b4', { spec: template, metadata: owned('Deployment', 'web') }),
      object('Pod', 'web-5d8f7c9b4-abcde', {
        spec: podSpec(),
        metadata: owned('ReplicaSet', 'web-5d8f7c9b4'),
      }),
      object('Pod', 'web-5d8f7c9b4-fghij', {
        spec: podSpec(),
        metadata: owned('ReplicaSet', 'web-5d8f7c9b4'),
      }),
    ];
    expect(extractWorkloads(objects).map((w) => w.display)).toEqual(['Deployment/shop/web']);
  });

  it('finds the Deployment of a replica whose ReplicaSet is missing, by its pod-template-hash', () => {
    const objects = [
      object('Deployment', 'web', { spec: template }),
      object('Pod', 'web-5d8f7c9b4-abcde', {
        spec: podSpec(),
        metadata: { ...owned('ReplicaSet', 'web-5d8f7c9b4'), labels: { 'pod-template-hash': '5d8f7c9b4' } },
      }),
    ];
    expect(extractWorkloads(objects).map((w) => w.display)).toEqual(['Deployment/shop/web']);
  });

  it('folds replicas of an owner missing from the input into the first one', () => {
    const objects = ['abcde', 'fghij', 'klmno'].map((suffix) =>
      object('Pod', `api-7c9-${suffix}`, { spec: podSpec(), metadata: owned('ReplicaSet', 'api-7c9') }),
    );
    expect(extractWorkloads(objects).map((w) => w.display)).toEqual(['Pod/shop/api-7c9-abcde']);
  });

  it('keeps the ephemeral containers of folded replica Pods, with their own object', () => {
    const debug = { name: 'debugger', image: 'busybox', securityContext: { privileged: true } };
    const objects = [
      object('Deployment', 'web', { spec: template }),
      object('Pod', 'web-5d8f7c9b4-abcde', {
        spec: podSpec({ ephemeralContainers: [debug] }),
        metadata: owned('Deployment', 'web'),
      }),
    ];
    const [web] = extractWorkloads(objects);
    expect(web?.containers.map((c) => c.name)).toEqual(['web']);
    expect(web?.attachedContainers.map((c) => [c.name, c.kind, c.path.join('.'), c.declaredIn.name])).toEqual(
      [['debugger', 'ephemeral', 'spec.ephemeralContainers.0', 'web-5d8f7c9b4-abcde']],
    );
  });

  it('lists init, regular and ephemeral containers of a Pod with their paths', () => {
    const pod = object('Pod', 'tools', {
      spec: {
        initContainers: [{ name: 'setup', image: 'busybox' }],
        containers: [{ name: 'app', image: 'nginx' }],
        ephemeralContainers: [{ name: 'debug', image: 'busybox' }],
      },
    });
    expect(extractWorkloads([pod])[0]?.containers.map((c) => `${c.kind} ${c.path.join('.')}`)).toEqual([
      'init spec.initContainers.0',
      'container spec.containers.0',
      'ephemeral spec.ephemeralContainers.0',
    ]);
  });

  it('keeps the ephemeral containers of every folded replica, in input order', () => {
    const debug = (name: string) => ({ ephemeralContainers: [{ name, image: 'busybox' }] });
    const objects = [
      object('Deployment', 'web', { spec: template }),
      ...['a', 'b', 'c'].map((suffix) =>
        object('Pod', `web-5d8f7c9b4-${suffix}`, {
          spec: podSpec(debug(`debug-${suffix}`)),
          metadata: owned('Deployment', 'web'),
        }),
      ),
    ];
    expect(extractWorkloads(objects)[0]?.attachedContainers.map((c) => c.name)).toEqual([
      'debug-a',
      'debug-b',
      'debug-c',
    ]);
  });

  it('extracts once per object list, hands each caller its own list, and sees objects added later', () => {
    const objects = [object('Deployment', 'web', { spec: template })];
    const first = extractWorkloads(objects);
    first.pop();
    const second = extractWorkloads(objects);
    expect(second.map((w) => w.name)).toEqual(['web']);
    expect(extractWorkloads(objects)[0]).toBe(second[0]);
    objects.push(object('Deployment', 'api', { spec: template }));
    expect(extractWorkloads(objects).map((w) => w.name)).toEqual(['web', 'api']);
  });
});
