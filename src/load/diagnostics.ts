/** @module Diagnostics: what the loaders could not read, with file and line. Data, never exceptions. */

export type DiagnosticCode =
  /** The file could not be read (permissions, not a file, symlink loop). */
  | 'read-error'
  /** Malformed YAML, JSON or HCL. */
  | 'parse-error'
  /** A document that is not a Kubernetes object (no apiVersion/kind) where one was expected. */
  | 'not-kubernetes'
  /** A field holds the wrong type (`replicas: "three"`, `containers: {}`); the object is kept, the field ignored. */
  | 'wrong-type'
  /** The same object (kind, namespace, name) appears twice; both are kept. */
  | 'duplicate-object'
  /** An input the tool recognises but does not scan (a `.bicep` file, a Helm chart folder). */
  | 'unsupported-input'
  /** A kustomization could not be rendered (kubectl missing or failing). */
  | 'render-failed'
  /**
   * Input that leads outside what was given, not followed: a symbolic link out of the paths given, a remote
   * kustomize base, a kustomize reference out of the repository.
   */
  | 'outside-input'
  /** A size, document-count or alias limit was hit. */
  | 'limit-exceeded'
  /** An ARM expression or Terraform reference the loader could not resolve; the value is unknown. */
  | 'unresolved-value'
  /** The same cluster value was given twice (ARM `properties` and a flattened field). */
  | 'conflicting-value'
  /** The inputs held nothing to check: no Kubernetes object, cluster definition or role assignment. */
  | 'no-input-objects';

export type DiagnosticLevel = 'error' | 'warning' | 'info';

export interface Diagnostic {
  readonly code: DiagnosticCode;
  /** `error` means part of the input was not scanned: the scan is incomplete (exit code 3). */
  readonly level: DiagnosticLevel;
  readonly message: string;
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** What the run found in each input, for the "found / skipped and why" summary. */
export type InputFormat =
  | 'kubernetes'
  | 'helm-output'
  | 'kustomize'
  | 'az-aks-show'
  | 'arm-rest'
  | 'arm-template'
  | 'bicep'
  | 'parameters'
  | 'diagnostic-settings'
  | 'maintenance-configurations'
  | 'terraform'
  | 'terraform-plan'
  | 'role-assignments'
  | 'config';

export interface InputRecord {
  readonly file: string;
  /** `undefined` when skipped. */
  readonly format?: InputFormat;
  /** Objects (or cluster definitions) read from it. */
  readonly objects: number;
  /** Why it was skipped, or a note (e.g. "rendered with kubectl kustomize"). */
  readonly reason?: string;
  /** What was assumed while reading it: the namespace of objects that name none. */
  readonly assumed?: string;
}
