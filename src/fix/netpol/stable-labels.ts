/** @module The labels a policy selects a workload's pods by: stable ones only, preferring the Service selector's. */
import type { Workload } from '../../model/index.js';
import { objectAt, stringMapAt } from '../../model/index.js';
import type { FrontedService } from './services.js';

/** Labels controllers add per revision or per pod: a selector on them breaks at the next rollout. */
const VOLATILE = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'controller-uid',
  'job-name',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-name',
  'batch.kubernetes.io/job-completion-index',
]);

export function stableLabelsOf(workload: Workload): Record<string, string> {
  return Object.fromEntries(Object.entries(workload.podLabels).filter(([k]) => !VOLATILE.has(k)));
}

function matches(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

export interface PodSelection {
  readonly matchLabels: Readonly<Record<string, string>>;
  /** Where the labels come from, for the evidence. */
  readonly basis: string;
  /** False when other workloads of the namespace carry the same labels (the policy selects them too). */
  readonly unique: boolean;
}

/**
 * The narrowest readable selector that picks this workload's pods and no other workload of its namespace:
 * a Service selector fronting it, its own `spec.selector.matchLabels`, else all its stable template labels.
 */
export function selectPods(
  workload: Workload,
  services: readonly FrontedService[],
  namespaceWorkloads: readonly Workload[],
): PodSelection {
  const others = namespaceWorkloads.filter((w) => w !== workload);
  const isUnique = (selector: Readonly<Record<string, string>>) =>
    Object.keys(selector).length > 0 &&
    !Object.keys(selector).some((k) => VOLATILE.has(k)) &&
    matches(selector, workload.podLabels) &&
    !others.some((w) => matches(selector, w.podLabels));
  const candidates: { labels: Readonly<Record<string, string>>; basis: string }[] = [
    ...services
      .filter((s) => s.workloads.includes(workload))
      .map((s) => ({ labels: s.selector, basis: `the selector of Service ${s.namespace}/${s.name}` })),
    {
      labels: stringMapAt(objectAt(workload.object.body['spec'], 'selector'), 'matchLabels'),
      basis: `the selector of ${workload.display}`,
    },
  ];
  for (const candidate of candidates) {
    if (isUnique(candidate.labels))
      return { matchLabels: candidate.labels, basis: candidate.basis, unique: true };
  }
  const stable = stableLabelsOf(workload);
  return { matchLabels: stable, basis: 'its pod template labels', unique: isUnique(stable) };
}
