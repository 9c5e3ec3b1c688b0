/** @module The workloads of a model and their containers as rule subjects: where each container property is reported. */
import type { ClusterModel, Container, PathSegment, Subject, Workload } from '../../model/index.js';
import { extractWorkloads, formatPath, objectSubject } from '../../model/index.js';
import type { ReportInput } from '../define-rule.js';

/** The model's workloads, shared by the workload rules (the model extracts them once per object list). */
export function workloadsOf(model: ClusterModel): readonly Workload[] {
  return extractWorkloads(model.objects);
}

export interface WorkloadContainer {
  readonly container: Container;
  /** `container "web"`, `init container "setup"`, `ephemeral container "debug" (on Pod/shop/web-abc)`. */
  readonly label: string;
  /** Where a property of this container is reported. */
  readonly locate: (...rest: PathSegment[]) => Pick<ReportInput, 'path' | 'at'>;
}

const KIND_LABEL: Readonly<Record<Container['kind'], string>> = {
  container: 'container',
  init: 'init container',
  ephemeral: 'ephemeral container',
};

/** Each workload's containers, built for the first rule that asks (every workload rule walks them). */
const containersOf = new WeakMap<
  Workload,
  { readonly model: ClusterModel; readonly containers: readonly WorkloadContainer[] }
>();

/**
 * Every container of a workload: init, regular and ephemeral, then the ephemeral containers of its
 * replica Pods. Those live in another object, so their path names that object and their line is
 * located in it.
 */
export function workloadContainers(model: ClusterModel, workload: Workload): readonly WorkloadContainer[] {
  const cached = containersOf.get(workload);
  if (cached?.model === model) return cached.containers;
  const containers = listContainers(model, workload);
  containersOf.set(workload, { model, containers });
  return containers;
}

function listContainers(model: ClusterModel, workload: Workload): WorkloadContainer[] {
  const own = workload.containers.map((container) => ({
    container,
    label: `${KIND_LABEL[container.kind]} "${container.name}"`,
    locate: (...rest: PathSegment[]) => ({ path: [...container.path, ...rest] }),
  }));
  const attached = workload.attachedContainers.map((container) => {
    const pod = objectSubject(container.declaredIn).display;
    return {
      container,
      label: `${KIND_LABEL[container.kind]} "${container.name}" (on ${pod})`,
      locate: (...rest: PathSegment[]) => {
        const path = [...container.path, ...rest];
        return { path: `${pod}: ${formatPath(path)}`, at: model.locate(container.declaredIn.origin, path) };
      },
    };
  });
  return [...own, ...attached];
}

export function workloadSubject(workload: Workload): Subject {
  return objectSubject(workload.object);
}
