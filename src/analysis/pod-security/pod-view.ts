/** @module A pod spec read for the Pod Security checks: security contexts and their paths, container by container. */
import type { JsonObject, PathSegment, Workload } from '../../model/index.js';
import { booleanAt, objectAt, stringAt } from '../../model/index.js';
import type { PodContainer, PodSecurityInput, Problem } from './types.js';

export interface PodView extends PodSecurityInput {
  /** `spec.securityContext`, when it is an object. */
  readonly podContext: JsonObject | undefined;
  readonly podContextPath: readonly PathSegment[];
  /** `spec.os.name: windows`: the only Windows signal Pod Security Admission reads. */
  readonly isWindows: boolean;
  /** `spec.hostUsers: false`: the pod runs in a user namespace. */
  readonly inUserNamespace: boolean;
}

export function podView(input: PodSecurityInput): PodView {
  return {
    ...input,
    podContext: objectAt(input.spec, 'securityContext'),
    podContextPath: [...input.specPath, 'securityContext'],
    isWindows: stringAt(objectAt(input.spec, 'os'), 'name') === 'windows',
    inUserNamespace: booleanAt(input.spec, 'hostUsers') === false,
  };
}

/** The pod as Pod Security Admission would see it for a workload: its template (or the Pod) and every container. */
export function podSecurityInputOf(workload: Workload): PodSecurityInput {
  const isPod = workload.kind === 'Pod';
  return {
    annotations: workload.podAnnotations,
    metadataPath: isPod ? ['metadata'] : [...workload.podSpecPath.slice(0, -1), 'metadata'],
    spec: workload.podSpec,
    specPath: workload.podSpecPath,
    containers: [...workload.containers, ...workload.attachedContainers],
  };
}

export function containerContext(container: PodContainer): JsonObject | undefined {
  return objectAt(container.body, 'securityContext');
}

export function contextPath(container: PodContainer, ...rest: PathSegment[]): PathSegment[] {
  return [...container.path, 'securityContext', ...rest];
}

/** A problem on one container's field. */
export function atContainer(container: PodContainer, path: readonly PathSegment[], detail: string): Problem {
  return { path, container: container.name, detail };
}

/** Capability names as written (the admission checks compare them exactly, case included). */
export function capabilityList(container: PodContainer, key: 'add' | 'drop'): string[] {
  const list = objectAt(containerContext(container), 'capabilities')?.[key];
  return Array.isArray(list) ? list.filter((c): c is string => typeof c === 'string') : [];
}
