/** @module What the NetworkPolicy rules share: application namespaces and their subjects. */
import type { KubeObject, Subject, Workload } from '../../model/index.js';
import {
  extractNamespaces,
  extractWorkloads,
  groupBy,
  isApplicationNamespace,
  objectSubject,
} from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';

export interface ApplicationNamespace {
  readonly name: string;
  readonly subject: Subject;
  readonly workloads: readonly Workload[];
  readonly object: KubeObject | undefined;
}

/**
 * Application namespaces (not system, per `isApplicationNamespace` and `systemNamespaces`) that the input
 * declares or puts workloads in. One without a Namespace object is shown as `Namespace/<name>` at its first
 * workload's line.
 */
export function applicationNamespaces(context: RuleContext<unknown>): ApplicationNamespace[] {
  const { objects } = context.model;
  const workloads = extractWorkloads(objects);
  const out: ApplicationNamespace[] = [];
  const names = new Set([
    ...extractNamespaces(objects)
      .filter((n) => n.object)
      .map((n) => n.name),
    ...workloads.map((w) => w.namespace),
  ]);
  // Grouped once: a cluster has hundreds of namespaces and tens of thousands of objects.
  const byNamespace = groupBy(workloads, (w) => w.namespace);
  const namespaceObjects = new Map<string, KubeObject>();
  for (const o of objects) {
    if (o.kind === 'Namespace' && o.namespace === undefined && !namespaceObjects.has(o.name))
      namespaceObjects.set(o.name, o);
  }
  for (const name of [...names].sort()) {
    if (!isApplicationNamespace(name, context.settings.systemNamespaces)) continue;
    const own = byNamespace.get(name) ?? [];
    const object = namespaceObjects.get(name);
    const first = own[0];
    let subject: Subject;
    if (object) subject = objectSubject(object);
    else if (first)
      subject = { kind: 'Namespace', name, display: `Namespace/${name}`, at: first.object.origin.at };
    else continue;
    out.push({ name, subject, workloads: own, object });
  }
  return out;
}

/** `Deployment/shop/web`: the workload's own object. */
export function workloadSubject(workload: Workload): Subject {
  return objectSubject(workload.object);
}

/** Path of the pod labels: the template's `metadata.labels`, or the Pod's own. */
export function podLabelsPath(workload: Workload): (string | number)[] {
  return [...workload.podSpecPath.slice(0, -1), 'metadata', 'labels'];
}
