/** @module The vocabulary of the Pod Security Standards evaluation: levels, check ids, violations. */
import type { Container, JsonObject, PathSegment } from '../../model/index.js';

/** The two enforcing levels; `privileged` restricts nothing and needs no evaluation. */
export type PodSecurityLevel = 'baseline' | 'restricted';

/** The check ids of the Kubernetes Pod Security Admission implementation (`k8s.io/pod-security-admission/policy`). */
export type CheckId =
  | 'hostNamespaces'
  | 'privileged'
  | 'capabilities_baseline'
  | 'hostPathVolumes'
  | 'hostPorts'
  | 'appArmorProfile'
  | 'seLinuxOptions'
  | 'procMount'
  | 'seccompProfile_baseline'
  | 'sysctls'
  | 'windowsHostProcess'
  | 'hostProbesAndHostLifecycle'
  | 'restrictedVolumes'
  | 'allowPrivilegeEscalation'
  | 'runAsNonRoot'
  | 'runAsUser'
  | 'seccompProfile_restricted'
  | 'capabilities_restricted'
  | 'procMount_restricted';

/** The containers a check visits: init, regular and ephemeral, as PSA's `visitContainers` does. */
export type PodContainer = Pick<Container, 'name' | 'kind' | 'body' | 'path'>;

/** A pod as admission sees it: its metadata annotations and its spec, with where each lives in the object. */
export interface PodSecurityInput {
  readonly annotations: Readonly<Record<string, string>>;
  /** Path of the pod metadata (`['metadata']` for a Pod, `['spec','template','metadata']` for a template). */
  readonly metadataPath: readonly PathSegment[];
  readonly spec: JsonObject;
  readonly specPath: readonly PathSegment[];
  readonly containers: readonly PodContainer[];
}

/** One offending field (or the element that lacks a required one). */
export interface Violation {
  readonly check: CheckId;
  readonly level: PodSecurityLevel;
  /** The control's name on the Pod Security Standards page ("Host Namespaces"). */
  readonly control: string;
  /** Where the problem is, from the object root. */
  readonly path: readonly PathSegment[];
  /** The container concerned; absent for pod-level fields. */
  readonly container?: string;
  readonly detail: string;
}

/** What a check function returns: the evaluator adds the check's id, level and control. */
export type Problem = Omit<Violation, 'check' | 'level' | 'control'>;
