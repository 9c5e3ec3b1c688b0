/** @module Application namespaces as rule subjects, including those that appear only in `metadata.namespace`. */
import type { ClusterModel, KubeObject, Subject } from '../../model/index.js';
import { extractNamespaces, isApplicationNamespace, isPodBearing, objectSubject } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import type { NamespaceIndex } from '../kit/analyses.js';

export interface NamespaceSubject {
  readonly name: string;
  readonly subject: Subject;
  /** The Namespace object, when the input has one. */
  readonly object?: KubeObject;
}

/**
 * Every application namespace the inputs mention: Namespace objects, the `metadata.namespace` of any
 * object, and `default` when a workload omits its namespace. A namespace without its own object is
 * reported at the first object that names it.
 */
function applicationNamespaces(
  model: ClusterModel,
  index: NamespaceIndex,
  extraSystem: readonly string[],
): NamespaceSubject[] {
  const namespaces = extractNamespaces(model.objects);
  const firstWorkloadWithout = model.objects.find((o) => o.namespace === undefined && isPodBearing(o.kind));
  const out: NamespaceSubject[] = [];
  for (const ns of namespaces) {
    if (!isApplicationNamespace(ns.name, extraSystem)) continue;
    if (ns.object !== undefined) {
      out.push({ name: ns.name, subject: objectSubject(ns.object), object: ns.object });
      continue;
    }
    const first = index.firstIn(ns.name);
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

export interface NamespaceGuard {
  /** `ResourceQuota`, `LimitRange`. */
  readonly kind: string;
  /** Whether one object of that kind constrains anything (a quota with `spec.hard`, a range with `spec.limits`). */
  readonly isEffective: (object: KubeObject) => boolean;
  /** What a namespace without one lets a tenant do, for the failure message. */
  readonly without: string;
}

/**
 * One result per application namespace: pass when it has an effective object of the kind, else fail; an `info`
 * failure (latent) when no workload of the inputs runs in the namespace.
 */
export function checkEveryNamespaceHas(
  context: RuleContext<unknown, 'namespaceIndex'>,
  guard: NamespaceGuard,
): void {
  const index = context.analyses.namespaceIndex;
  for (const ns of applicationNamespaces(context.model, index, context.settings.systemNamespaces)) {
    const { subject } = ns;
    const path = ns.object === undefined ? undefined : [];
    const found = index.objectsIn(guard.kind, ns.name);
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
    if (!index.hasWorkloads(ns.name)) {
      // Only an Argo Application, an Istio Gateway or the Namespace itself: nothing runs there to bound yet.
      const message = `${subject.display}${implicit} has no effective ${guard.kind}${empty}, but no workload in the inputs runs in it.`;
      const severityReason = `latent: no workload in the inputs runs in ${ns.name}, so nothing is unbounded yet`;
      context.report({ subject, ...(path ? { path } : {}), severity: 'info', severityReason, message });
      continue;
    }
    const message = `${subject.display}${implicit} has no effective ${guard.kind}${empty}: ${guard.without}.`;
    context.report({ subject, ...(path ? { path } : {}), message });
  }
}
