/** @module Application namespaces as rule subjects, including those that appear only in `metadata.namespace`. */
import type { ClusterModel, KubeObject, Subject } from '../../model/index.js';
import { extractNamespaces, isApplicationNamespace, isPodBearing, objectSubject } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';

export interface NamespaceSubject {
  readonly name: string;
  readonly subject: Subject;
  /** The Namespace object, when the input has one. */
  readonly object?: KubeObject;
}

/** The namespace an object lands in: a workload without `metadata.namespace` is applied into `default`. */
export function namespaceOf(object: KubeObject): string {
  return object.namespace ?? 'default';
}

/**
 * Every application namespace the inputs mention: Namespace objects, the `metadata.namespace` of any
 * object, and `default` when a workload omits its namespace. A namespace without its own object is
 * reported at the first object that names it.
 */
export function applicationNamespaces(
  model: ClusterModel,
  extraSystem: readonly string[],
): NamespaceSubject[] {
  const namespaces = extractNamespaces(model.objects);
  const firstWorkloadWithout = model.objects.find((o) => o.namespace === undefined && isPodBearing(o.kind));
  const { firstIn } = indexOf(model);
  const out: NamespaceSubject[] = [];
  for (const ns of namespaces) {
    if (!isApplicationNamespace(ns.name, extraSystem)) continue;
    if (ns.object !== undefined) {
      out.push({ name: ns.name, subject: objectSubject(ns.object), object: ns.object });
      continue;
    }
    const first = firstIn.get(ns.name);
    if (first) out.push({ name: ns.name, subject: syntheticSubject(ns.name, first) });
  }
  if (
    firstWorkloadWithout &&
    !out.some((ns) => ns.name === 'default') &&
    isApplicationNamespace('default', extraSystem)
  )
    out.push({ name: 'default', subject: syntheticSubject('default', firstWorkloadWithout) });
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function syntheticSubject(name: string, mentionedBy: KubeObject): Subject {
  return { kind: 'Namespace', name, display: `Namespace/${name}`, at: mentionedBy.origin.at };
}

interface NamespaceIndex {
  /** How many objects the model had when indexed. */
  readonly size: number;
  /** Objects by kind and the namespace they land in (`<kind>\0<namespace>`), in input order. */
  readonly byKind: ReadonlyMap<string, readonly KubeObject[]>;
  /** The first object whose `metadata.namespace` names each namespace. */
  readonly firstIn: ReadonlyMap<string, KubeObject>;
}

const indexes = new WeakMap<ClusterModel, NamespaceIndex>();

/** Built once per model: every rule asks about every namespace, and the inputs hold tens of thousands of objects. */
function indexOf(model: ClusterModel): NamespaceIndex {
  let index = indexes.get(model);
  if (index !== undefined && index.size === model.objects.length) return index;
  const byKind = new Map<string, KubeObject[]>();
  const firstIn = new Map<string, KubeObject>();
  for (const object of model.objects) {
    const key = `${object.kind}\0${namespaceOf(object)}`;
    const list = byKind.get(key);
    if (list === undefined) byKind.set(key, [object]);
    else list.push(object);
    if (object.namespace !== undefined && !firstIn.has(object.namespace))
      firstIn.set(object.namespace, object);
  }
  index = { size: model.objects.length, byKind, firstIn };
  indexes.set(model, index);
  return index;
}

/** The objects of one kind that land in a namespace. */
export function objectsIn(model: ClusterModel, kind: string, namespace: string): KubeObject[] {
  return [...(indexOf(model).byKind.get(`${kind}\0${namespace}`) ?? [])];
}

export interface NamespaceGuard {
  /** `ResourceQuota`, `LimitRange`. */
  readonly kind: string;
  /** Whether one object of that kind constrains anything (a quota with `spec.hard`, a range with `spec.limits`). */
  readonly isEffective: (object: KubeObject) => boolean;
  /** What a namespace without one lets a tenant do, for the failure message. */
  readonly without: string;
}

/** One result per application namespace: pass when it has an effective object of the kind, else fail. */
export function checkEveryNamespaceHas(context: RuleContext<unknown>, guard: NamespaceGuard): void {
  for (const ns of applicationNamespaces(context.model, context.settings.systemNamespaces)) {
    const { subject } = ns;
    const path = ns.object === undefined ? undefined : [];
    const found = objectsIn(context.model, guard.kind, ns.name);
    const effective = found.filter(guard.isEffective);
    const named = effective.map((o) => o.name).join(', ');
    if (effective.length > 0) {
      const message = `${subject.display} has ${guard.kind} ${named}.`;
      context.report({ subject, ...(path ? { path } : {}), status: 'pass', message });
      continue;
    }
    const empty = found.length > 0 ? ` (${found.map((o) => o.name).join(', ')} constrains nothing)` : '';
    const implicit =
      ns.object === undefined ? ' (named by its objects; no Namespace object in the inputs)' : '';
    const message = `${subject.display}${implicit} has no effective ${guard.kind}${empty}: ${guard.without}.`;
    context.report({ subject, ...(path ? { path } : {}), message });
  }
}
