/** @module Every container image of every workload, parsed once per visit; a reference that cannot be read is not assessed. */
import type { ClusterModel, Subject } from '../../model/index.js';
import type { ReportInput, RuleContext } from '../define-rule.js';
import type { ImageReference } from './image-reference.js';
import { parseImageReference } from './image-reference.js';
import type { WorkloadContainer } from './workload-containers.js';
import { workloadContainers, workloadSubject, workloadsOf } from './workload-containers.js';

export interface ContainerImage extends Pick<WorkloadContainer, 'container' | 'label'> {
  readonly subject: Subject;
  /** Where a result about this image is reported: the workload and its `image` field. */
  readonly where: Pick<ReportInput, 'subject' | 'path' | 'at'>;
  readonly reference: ImageReference;
}

/** A container whose image reference parses, or the `not-assessed` result of one that names none or no valid one. */
type ImageEntry = { readonly image: ContainerImage } | { readonly unreadable: ReportInput };

/** The entries of a model, by model: two rules walk every container image, so they are read once. */
const entriesByModel = new WeakMap<ClusterModel, readonly ImageEntry[]>();

function imageEntries(model: ClusterModel): readonly ImageEntry[] {
  let entries = entriesByModel.get(model);
  if (entries !== undefined) return entries;
  const out: ImageEntry[] = [];
  for (const workload of workloadsOf(model)) {
    const subject = workloadSubject(workload);
    for (const { container, label, locate } of workloadContainers(model, workload)) {
      const where = { subject, ...locate('image') };
      const reference = container.image === undefined ? undefined : parseImageReference(container.image);
      if (reference === undefined) {
        const what =
          container.image === undefined
            ? 'names no image'
            : `names "${container.image}", which is not a valid image reference`;
        const message = `${subject.display}: ${label} ${what}.`;
        out.push({ unreadable: { ...where, status: 'not-assessed', message } });
        continue;
      }
      out.push({ image: { container, label, subject, where, reference } });
    }
  }
  entriesByModel.set(model, (entries = out));
  return entries;
}

/**
 * Calls `visit` for each container whose image reference parses. A container that names no image, or
 * an image that is not a valid reference, is reported `not-assessed`: no image rule can decide it.
 */
export function forEachContainerImage(
  context: RuleContext<unknown>,
  visit: (image: ContainerImage) => void,
): void {
  for (const entry of imageEntries(context.model)) {
    if ('image' in entry) visit(entry.image);
    else context.report(entry.unreadable);
  }
}
