/** @module Whether a workload's pods run on Windows nodes, and why: Linux-only security fields do nothing there. */
import type { Workload } from '../../model/index.js';
import { arrayAt, objectAt, stringAt, stringMapAt } from '../../model/index.js';

const OS_LABELS = ['kubernetes.io/os', 'beta.kubernetes.io/os'];

/** Required node affinity whose every term pins kubernetes.io/os In [windows]. */
function affinityPinsWindows(podSpec: unknown): boolean {
  const required = objectAt(
    objectAt(objectAt(podSpec, 'affinity'), 'nodeAffinity'),
    'requiredDuringSchedulingIgnoredDuringExecution',
  );
  const terms = arrayAt(required, 'nodeSelectorTerms');
  return (
    terms.length > 0 &&
    terms.every((term) =>
      arrayAt(term, 'matchExpressions').some((e) => {
        const values = arrayAt(e, 'values');
        return (
          OS_LABELS.includes(stringAt(e, 'key') ?? '') &&
          stringAt(e, 'operator') === 'In' &&
          values.length > 0 &&
          values.every((v) => v === 'windows')
        );
      }),
    )
  );
}

/**
 * Why the pods are Windows pods, or undefined for Linux (the default). `spec.os.name` is what the API
 * server and Pod Security Admission read; a Windows node selector or required node affinity also
 * means the pods only ever run on Windows nodes, where the Linux security-context fields do nothing.
 */
export function windowsBasis(workload: Workload): string | undefined {
  const spec = workload.podSpec;
  if (stringAt(objectAt(spec, 'os'), 'name') === 'windows') return 'spec.os.name is windows';
  const selector = stringMapAt(spec, 'nodeSelector');
  const label = OS_LABELS.find((key) => selector[key] === 'windows');
  if (label !== undefined) return `its node selector requires ${label}=windows`;
  if (affinityPinsWindows(spec)) return 'its node affinity requires kubernetes.io/os=windows';
  return undefined;
}
