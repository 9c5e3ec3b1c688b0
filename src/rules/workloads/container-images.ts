/** @module Every container image of every workload, parsed once per visit; a reference that cannot be read is not assessed. */
import type { Subject } from '../../model/index.js';
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

/**
 * Calls `visit` for each container whose image reference parses. A container that names no image, or
 * an image that is not a valid reference, is reported `not-assessed`: no image rule can decide it.
 */
export function forEachContainerImage(
  context: RuleContext<unknown>,
  visit: (image: ContainerImage) => void,
): void {
  for (const workload of workloadsOf(context.model)) {
    const subject = workloadSubject(workload);
    for (const { container, label, locate } of workloadContainers(context.model, workload)) {
      const where = { subject, ...locate('image') };
      const reference = container.image === undefined ? undefined : parseImageReference(container.image);
      if (reference === undefined) {
        const what =
          container.image === undefined
            ? 'names no image'
            : `names "${container.image}", which is not a valid image reference`;
        context.report({
          ...where,
          status: 'not-assessed',
          message: `${subject.display}: ${label} ${what}.`,
        });
        continue;
      }
      visit({ container, label, subject, where, reference });
    }
  }
}
