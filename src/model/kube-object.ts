/** @module A Kubernetes object read from a manifest, kept as the API server would decode it, with its origin. */
import type { PathSegment, SourceLocation } from './source-location.js';

/** Where an object lives in its input, so a property path can be turned into a line later, on demand. */
export interface ObjectOrigin {
  readonly file: string;
  /** 0-based index of the YAML document in the file (or stream). */
  readonly documentIndex: number;
  /** Path to the object inside the document: `[]`, or `['items', 3]` inside a `List`. */
  readonly basePath: readonly PathSegment[];
  /** The object's first line. */
  readonly at: SourceLocation;
  /**
   * The input the object was read through, when that is not `file`: the kustomization that rendered it
   * (its lines point at the resource or generator file). Cluster scopes group objects by their input.
   */
  readonly input?: string;
}

export type JsonObject = Readonly<Record<string, unknown>>;

export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** `undefined` for cluster-scoped kinds or when the manifest does not say (then `default` applies at apply time). */
  readonly namespace: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The decoded object. Rules read fields defensively: a manifest may hold any type anywhere. */
  readonly body: JsonObject;
  readonly origin: ObjectOrigin;
  /**
   * Other inputs that define this same object (same group, kind, namespace and name) with the same content,
   * in input order: one object, reported once with all its locations.
   */
  readonly copies?: readonly ObjectOrigin[];
  /**
   * Fields the rules read that hold the wrong type (a pod `spec` that is a list): rules cannot decide the
   * object, so the engine reports them not assessed for it, never passed. Absent when none.
   */
  readonly malformed?: readonly MalformedField[];
}

export interface MalformedField {
  readonly path: readonly PathSegment[];
  /** `spec must be a mapping, not a sequence`. */
  readonly problem: string;
}

/** `Deployment/web/frontend`, or `ClusterRole/admin` for cluster-scoped objects. */
export function displayObject(object: Pick<KubeObject, 'kind' | 'name' | 'namespace'>): string {
  return object.namespace === undefined
    ? `${object.kind}/${object.name}`
    : `${object.kind}/${object.namespace}/${object.name}`;
}
