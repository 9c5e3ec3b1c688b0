/** @module Workloads as the API server sees them: every pod-bearing kind, its pod template, one per owner. */
import type { JsonObject, KubeObject } from './kube-object.js';
import { displayObject } from './kube-object.js';
import { arrayAt, booleanAt, isObject, numberAt, objectAt, stringAt, stringMapAt } from './json.js';
import type { PathSegment } from './source-location.js';

export type ContainerKind = 'container' | 'init' | 'ephemeral';

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  /** `TCP` when the manifest omits it, as the API server defaults it. */
  readonly protocol: string;
}

export interface Container {
  readonly name: string;
  readonly kind: ContainerKind;
  readonly image: string | undefined;
  readonly body: JsonObject;
  /** Path from the object root, e.g. `['spec','template','spec','containers',0]`. */
  readonly path: readonly PathSegment[];
  readonly ports: readonly ContainerPort[];
}

export interface Workload {
  readonly object: KubeObject;
  readonly kind: string;
  readonly name: string;
  /** The object's namespace, or `default` when the manifest does not say (as `kubectl apply` would). */
  readonly namespace: string;
  readonly display: string;
  /** Labels the pods get (the pod template's labels; the object's own labels for a bare Pod). */
  readonly podLabels: Readonly<Record<string, string>>;
  readonly podAnnotations: Readonly<Record<string, string>>;
  /** The pod spec, and its path from the object root. */
  readonly podSpec: JsonObject;
  readonly podSpecPath: readonly PathSegment[];
  readonly containers: readonly Container[];
  /** `spec.serviceAccountName` (or the deprecated `serviceAccount`), else `default`. */
  readonly serviceAccountName: string;
  /** The pod's own `automountServiceAccountToken`, undefined when unset (then the SA decides). */
  readonly automountServiceAccountToken: boolean | undefined;
  readonly hostNetwork: boolean;
}

/** Where each pod-bearing kind keeps its pod template (batch/v1beta1 CronJob has the same shape). */
const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export function isPodBearing(kind: string): boolean {
  return kind in TEMPLATE_PATHS;
}

function readPorts(container: JsonObject): ContainerPort[] {
  const ports: ContainerPort[] = [];
  for (const port of arrayAt(container, 'ports')) {
    const containerPort = numberAt(port, 'containerPort');
    if (containerPort === undefined) continue;
    const name = stringAt(port, 'name');
    ports.push({
      containerPort,
      protocol: stringAt(port, 'protocol') ?? 'TCP',
      ...(name === undefined ? {} : { name }),
    });
  }
  return ports;
}

function readContainers(podSpec: JsonObject, specPath: readonly PathSegment[]): Container[] {
  const lists: [string, ContainerKind][] = [
    ['initContainers', 'init'],
    ['containers', 'container'],
    ['ephemeralContainers', 'ephemeral'],
  ];
  const out: Container[] = [];
  for (const [key, kind] of lists) {
    arrayAt(podSpec, key).forEach((body, index) => {
      if (!isObject(body)) return;
      out.push({
        name: stringAt(body, 'name') ?? `${key}[${index}]`,
        kind,
        image: stringAt(body, 'image'),
        body,
        path: [...specPath, key, index],
        ports: readPorts(body),
      });
    });
  }
  return out;
}

function toWorkload(object: KubeObject): Workload | undefined {
  const templatePath = TEMPLATE_PATHS[object.kind];
  if (templatePath === undefined) return undefined;
  let template: unknown = object.body;
  for (const key of templatePath) template = objectAt(template, key);
  if (!isObject(template)) return undefined;
  const isPod = object.kind === 'Pod';
  const podSpec = objectAt(template, 'spec') ?? {};
  const podSpecPath = [...templatePath, 'spec'];
  const metadata = isPod ? undefined : objectAt(template, 'metadata');
  return {
    object,
    kind: object.kind,
    name: object.name,
    namespace: object.namespace ?? 'default',
    display: displayObject({ ...object, namespace: object.namespace ?? 'default' }),
    podLabels: isPod ? object.labels : stringMapAt(metadata, 'labels'),
    podAnnotations: isPod ? object.annotations : stringMapAt(metadata, 'annotations'),
    podSpec,
    podSpecPath,
    containers: readContainers(podSpec, podSpecPath),
    serviceAccountName:
      stringAt(podSpec, 'serviceAccountName') ?? stringAt(podSpec, 'serviceAccount') ?? 'default',
    automountServiceAccountToken: booleanAt(podSpec, 'automountServiceAccountToken'),
    hostNetwork: booleanAt(podSpec, 'hostNetwork') === true,
  };
}

function ownerKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** True when the object's controller owner (a ReplicaSet, Deployment, Job, CronJob…) is itself in the input. */
function isOwnedByInput(object: KubeObject, present: ReadonlySet<string>): boolean {
  const namespace = object.namespace ?? 'default';
  return arrayAt(object.body.metadata, 'ownerReferences').some((ref) => {
    const kind = stringAt(ref, 'kind');
    const name = stringAt(ref, 'name');
    return kind !== undefined && name !== undefined && present.has(ownerKey(kind, namespace, name));
  });
}

/**
 * Every workload, one per top-level owner: a Pod owned by a ReplicaSet (owned by a Deployment) that
 * is also in the input is attributed to that owner, so findings are per workload, not per replica.
 */
export function extractWorkloads(objects: readonly KubeObject[]): Workload[] {
  const present = new Set(
    objects
      .filter((o) => isPodBearing(o.kind))
      .map((o) => ownerKey(o.kind, o.namespace ?? 'default', o.name)),
  );
  const workloads: Workload[] = [];
  for (const object of objects) {
    if (!isPodBearing(object.kind) || isOwnedByInput(object, present)) continue;
    const workload = toWorkload(object);
    if (workload) workloads.push(workload);
  }
  return workloads;
}

export interface Namespace {
  readonly name: string;
  /** Labels, including `kubernetes.io/metadata.name` which the API server sets on every namespace. */
  readonly labels: Readonly<Record<string, string>>;
  /** The Namespace object, when the input has one (a namespace may appear only in `metadata.namespace`). */
  readonly object?: KubeObject;
}

export function extractNamespaces(objects: readonly KubeObject[]): Namespace[] {
  const byName = new Map<string, Namespace>();
  for (const object of objects) {
    if (object.kind !== 'Namespace' || object.namespace !== undefined) continue;
    byName.set(object.name, {
      name: object.name,
      labels: { ...object.labels, 'kubernetes.io/metadata.name': object.name },
      object,
    });
  }
  for (const object of objects) {
    const name = object.namespace;
    if (name === undefined || byName.has(name)) continue;
    byName.set(name, { name, labels: { 'kubernetes.io/metadata.name': name } });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
