/** @module What a finding is about: the cluster resource or one Kubernetes object. */
import type { AksCluster } from './cluster.js';
import type { KubeObject, ObjectOrigin } from './kube-object.js';
import { displayObject } from './kube-object.js';
import type { SourceLocation } from './source-location.js';

export interface Subject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** `managedClusters/aks-prod`, `Deployment/web/frontend`. */
  readonly display: string;
  /** The subject's own first line: where a finding points when no property line is known. */
  readonly at: SourceLocation;
  /** Set for Kubernetes objects, so the engine can turn a property path into a line. */
  readonly origin?: ObjectOrigin;
  /** The same object defined again, with the same content, elsewhere in the inputs (`KubeObject.copies`). */
  readonly copies?: readonly ObjectOrigin[];
}

export function clusterSubject(cluster: AksCluster): Subject {
  return { kind: 'ManagedCluster', name: cluster.name, display: cluster.display, at: cluster.at };
}

/** One subject per object: the rules report on one workload many times (every rule, every container group). */
const subjects = new WeakMap<KubeObject, Subject>();

export function objectSubject(object: KubeObject): Subject {
  let subject = subjects.get(object);
  if (subject === undefined) {
    subject = {
      kind: object.kind,
      name: object.name,
      ...(object.namespace === undefined ? {} : { namespace: object.namespace }),
      display: displayObject(object),
      at: object.origin.at,
      origin: object.origin,
      ...(object.copies === undefined ? {} : { copies: object.copies }),
    };
    subjects.set(object, subject);
  }
  return subject;
}
