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

/**
 * An ephemeral container declared on a replica Pod rather than on the workload's own object (what
 * `kubectl debug` adds to one running Pod). Its `path` is inside `declaredIn`, not the workload object.
 */
export interface AttachedContainer extends Container {
  readonly declaredIn: KubeObject;
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
  /**
   * Ephemeral containers of replica Pods attributed to this workload: the Pods themselves are not
   * workloads (their owner is), but a container added to one of them still runs in the workload's pods.
   */
  readonly attachedContainers: readonly AttachedContainer[];
  /** `spec.serviceAccountName` (or the deprecated `serviceAccount`), else `default`. */
  readonly serviceAccountName: string;
  /** The pod's own `automountServiceAccountToken`, undefined when unset (then the SA decides). */
  readonly automountServiceAccountToken: boolean | undefined;
  readonly hostNetwork: boolean;
}

/** Where each pod-bearing kind keeps its pod template (batch/v1beta1 CronJob has the same shape). */
const TEMPLATE_PATHS: ReadonlyMap<string, readonly string[]> = new Map([
  ['Pod', []],
  ['Deployment', ['spec', 'template']],
  ['StatefulSet', ['spec', 'template']],
  ['DaemonSet', ['spec', 'template']],
  ['ReplicaSet', ['spec', 'template']],
  ['ReplicationController', ['spec', 'template']],
  ['Job', ['spec', 'template']],
  ['CronJob', ['spec', 'jobTemplate', 'spec', 'template']],
]);

export function isPodBearing(kind: string): boolean {
  return TEMPLATE_PATHS.has(kind);
}

/** Where a pod-bearing kind keeps its pod template (`[]` for a Pod), undefined for other kinds. */
export function podTemplatePath(kind: string): readonly string[] | undefined {
  return TEMPLATE_PATHS.get(kind);
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

function toWorkload(object: KubeObject, attached: readonly AttachedContainer[]): Workload | undefined {
  const templatePath = TEMPLATE_PATHS.get(object.kind);
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
    attachedContainers: attached,
    serviceAccountName:
      stringAt(podSpec, 'serviceAccountName') ?? stringAt(podSpec, 'serviceAccount') ?? 'default',
    automountServiceAccountToken: booleanAt(podSpec, 'automountServiceAccountToken'),
    hostNetwork: booleanAt(podSpec, 'hostNetwork') === true,
  };
}

function ownerKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

function keyOf(object: KubeObject): string {
  return ownerKey(object.kind, object.namespace ?? 'default', object.name);
}

/** The owner references naming a kind and a name (owner references are namespace-local). */
function ownerKeys(object: KubeObject): string[] {
  const namespace = object.namespace ?? 'default';
  const keys: string[] = [];
  for (const ref of arrayAt(object.body.metadata, 'ownerReferences')) {
    const kind = stringAt(ref, 'kind');
    const name = stringAt(ref, 'name');
    if (kind !== undefined && name !== undefined) keys.push(ownerKey(kind, namespace, name));
  }
  return keys;
}

/**
 * A Deployment names its ReplicaSets `<deployment>-<pod-template-hash>` and labels their Pods with that
 * hash, so a Pod whose ReplicaSet is missing from the input still names its Deployment.
 */
function deploymentOfReplica(
  object: KubeObject,
  present: ReadonlyMap<string, KubeObject>,
): string | undefined {
  const hash = object.labels['pod-template-hash'];
  if (object.kind !== 'Pod' || hash === undefined) return undefined;
  const namespace = object.namespace ?? 'default';
  for (const ref of arrayAt(object.body.metadata, 'ownerReferences')) {
    const name = stringAt(ref, 'name');
    if (stringAt(ref, 'kind') !== 'ReplicaSet' || name === undefined || !name.endsWith(`-${hash}`)) continue;
    const key = ownerKey('Deployment', namespace, name.slice(0, -hash.length - 1));
    if (present.has(key)) return key;
  }
  return undefined;
}

/** The top-most owner of `object` that is itself in the input (Pod → ReplicaSet → Deployment), if any. */
function topOwnerInInput(object: KubeObject, present: ReadonlyMap<string, KubeObject>): string | undefined {
  let top: string | undefined;
  let current: KubeObject | undefined = object;
  const seen = new Set([keyOf(object)]);
  while (current) {
    const next: string | undefined =
      ownerKeys(current).find((key) => present.has(key) && !seen.has(key)) ??
      deploymentOfReplica(current, present);
    if (next === undefined || seen.has(next)) break;
    seen.add(next);
    top = next;
    current = present.get(next);
  }
  return top;
}

function ephemeralOf(pod: KubeObject): AttachedContainer[] {
  if (pod.kind !== 'Pod') return [];
  const spec = objectAt(pod.body, 'spec') ?? {};
  return readContainers(spec, ['spec'])
    .filter((c) => c.kind === 'ephemeral')
    .map((c) => ({ ...c, declaredIn: pod }));
}

interface Memo<T> {
  readonly length: number;
  readonly value: readonly T[];
}

const workloadCache = new WeakMap<readonly KubeObject[], Memo<Workload>>();
const namespaceCache = new WeakMap<readonly KubeObject[], Memo<Namespace>>();

/**
 * Many rules and analyses extract from the same `model.objects`: the answer is computed once per array
 * (recomputed if the array has grown since) and each caller gets its own copy of the list.
 */
function memoised<T>(
  cache: WeakMap<readonly KubeObject[], Memo<T>>,
  objects: readonly KubeObject[],
  compute: (objects: readonly KubeObject[]) => T[],
): T[] {
  let memo = cache.get(objects);
  if (memo === undefined || memo.length !== objects.length) {
    memo = { length: objects.length, value: compute(objects) };
    cache.set(objects, memo);
  }
  return memo.value.slice();
}

/**
 * Every workload, one per top-level owner: a Pod owned by a ReplicaSet (owned by a Deployment) that
 * is also in the input is attributed to that owner, so findings are per workload, not per replica.
 * Replica Pods whose owner is missing from the input (a `kubectl get pods` dump) are one workload per
 * owner reference: the first replica stands for the others. Ephemeral containers of the Pods folded
 * into a workload stay visible as its `attachedContainers`.
 */
export function extractWorkloads(objects: readonly KubeObject[]): Workload[] {
  return memoised(workloadCache, objects, computeWorkloads);
}

function computeWorkloads(objects: readonly KubeObject[]): Workload[] {
  const present = new Map<string, KubeObject>();
  for (const o of objects) if (isPodBearing(o.kind) && !present.has(keyOf(o))) present.set(keyOf(o), o);
  const attached = new Map<string, AttachedContainer[]>();
  const attach = (key: string, object: KubeObject) => {
    const list = attached.get(key);
    if (list === undefined) attached.set(key, ephemeralOf(object));
    else list.push(...ephemeralOf(object));
  };
  const standalone: KubeObject[] = [];
  const replicaOf = new Map<string, string>();
  for (const object of objects) {
    if (!isPodBearing(object.kind)) continue;
    const owner = topOwnerInInput(object, present);
    // A static (mirror) Pod is owned by its Node: Pods sharing a Node owner are not replicas of one workload.
    const absentOwner =
      object.kind === 'Pod' ? ownerKeys(object).find((k) => !k.startsWith('Node/')) : undefined;
    const representative = absentOwner === undefined ? undefined : replicaOf.get(absentOwner);
    if (owner !== undefined) attach(owner, object);
    else if (representative !== undefined) attach(representative, object);
    else {
      if (absentOwner !== undefined) replicaOf.set(absentOwner, keyOf(object));
      standalone.push(object);
    }
  }
  const workloads: Workload[] = [];
  for (const object of standalone) {
    const workload = toWorkload(object, attached.get(keyOf(object)) ?? []);
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
  return memoised(namespaceCache, objects, computeNamespaces);
}

function computeNamespaces(objects: readonly KubeObject[]): Namespace[] {
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
