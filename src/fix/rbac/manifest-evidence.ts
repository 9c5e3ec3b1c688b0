/**
 * @module What the manifests alone say an identity uses, when there is no audit log. aksward cannot see
 * inside an image, so the rule is deliberately plain: a workload whose image is a known Kubernetes
 * controller needs that controller's documented rights; any other workload is taken to make no API
 * call (its token can be left unmounted); and a subject no workload runs as (a pipeline's token, a
 * person, a group) cannot be narrowed from manifests at all: its broad grant is removed only once the
 * user confirms.
 */
import type { Workload } from '../../model/index.js';
import type { AccessRequest } from '../../analysis/rbac/types.js';

export interface KnownController {
  /** Matched against the image repository (registry and tag stripped). */
  readonly image: RegExp;
  readonly label: string;
  /** The requests the controller makes; an empty namespace means across all namespaces. */
  readonly requests: (workload: Workload) => readonly AccessRequest[];
}

const r = (
  verb: string,
  apiGroup: string,
  resource: string,
  namespace = '',
  subresource = '',
): AccessRequest => ({
  kind: 'resource',
  verb,
  apiGroup,
  resource,
  subresource,
  name: '',
  namespace,
});

const watchAll = (group: string, ...resources: string[]): AccessRequest[] =>
  resources.map((resource) => r('watch', group, resource));

// prettier-ignore
export const KNOWN_CONTROLLERS: readonly KnownController[] = [
  {
    image: /(^|\/)fluent-bit$/,
    label: 'Fluent Bit (kubernetes filter: pod and namespace metadata)',
    requests: () => [...watchAll('', 'pods', 'namespaces')],
  },
  {
    image: /(^|\/)prometheus$/,
    label: 'Prometheus (Kubernetes service discovery)',
    requests: () => [
      ...watchAll('', 'nodes', 'services', 'endpoints', 'pods'),
      r('get', '', 'nodes', '', 'metrics'),
      { kind: 'non-resource', verb: 'get', path: '/metrics' },
    ],
  },
  {
    image: /(^|\/)ingress-nginx\/controller$/,
    label: 'ingress-nginx controller',
    requests: (workload) => [
      ...watchAll('', 'configmaps', 'endpoints', 'nodes', 'pods', 'secrets', 'services', 'namespaces'),
      ...watchAll('discovery.k8s.io', 'endpointslices'),
      ...watchAll('networking.k8s.io', 'ingresses', 'ingressclasses'),
      r('update', 'networking.k8s.io', 'ingresses', '', 'status'),
      r('create', '', 'events'),
      r('patch', '', 'events'),
      ...['get', 'create', 'update'].map((verb) => r(verb, 'coordination.k8s.io', 'leases', workload.namespace)),
    ],
  },
];

/** `registry.example.com/shop/api:1.4.2@sha256:…` → `shop/api`; Docker Hub's `library/` is dropped. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0] ?? '';
  const parts = withoutDigest.split('/');
  const last = parts.pop() ?? '';
  const name = [...parts, last.split(':')[0] ?? ''];
  const first = name[0] ?? '';
  if (name.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) name.shift();
  if (name[0] === 'library' && name.length === 2) name.shift();
  return name.join('/');
}

export interface WorkloadInference {
  readonly workload: Workload;
  /** The known controller its image is, if any. */
  readonly controller?: KnownController;
  readonly requests: readonly AccessRequest[];
}

export function inferWorkload(workload: Workload): WorkloadInference {
  for (const container of workload.containers) {
    const repository = imageRepository(container.image ?? '');
    const controller = KNOWN_CONTROLLERS.find((known) => known.image.test(repository));
    if (controller) return { workload, controller, requests: controller.requests(workload) };
  }
  return { workload, requests: [] };
}
