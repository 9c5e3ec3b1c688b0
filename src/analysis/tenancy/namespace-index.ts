/** @module The objects of a model by kind and by the namespace they land in: tenancy rules ask about every namespace. */
import type { KubeObject } from '../../model/index.js';
import { isPodBearing } from '../../model/index.js';

export interface NamespaceIndex {
  /** The objects of one kind that land in a namespace, in input order. */
  readonly objectsIn: (kind: string, namespace: string) => KubeObject[];
  /** The first object whose `metadata.namespace` names the namespace. */
  readonly firstIn: (namespace: string) => KubeObject | undefined;
  /** Whether a pod-bearing object (a workload or a Pod) lands in the namespace. */
  readonly hasWorkloads: (namespace: string) => boolean;
}

/** The namespace an object lands in: a workload without `metadata.namespace` is applied into `default`. */
function namespaceOf(object: KubeObject): string {
  return object.namespace ?? 'default';
}

/** Indexes the objects once: the inputs hold tens of thousands of objects and hundreds of namespaces. */
export function indexNamespaces(objects: readonly KubeObject[]): NamespaceIndex {
  const byKind = new Map<string, KubeObject[]>();
  const first = new Map<string, KubeObject>();
  const withWorkloads = new Set<string>();
  for (const object of objects) {
    if (isPodBearing(object.kind)) withWorkloads.add(namespaceOf(object));
    const key = `${object.kind}\0${namespaceOf(object)}`;
    const list = byKind.get(key);
    if (list === undefined) byKind.set(key, [object]);
    else list.push(object);
    if (object.namespace !== undefined && !first.has(object.namespace)) first.set(object.namespace, object);
  }
  return {
    objectsIn: (kind, namespace) => [...(byKind.get(`${kind}\0${namespace}`) ?? [])],
    firstIn: (namespace) => first.get(namespace),
    hasWorkloads: (namespace) => withWorkloads.has(namespace),
  };
}
