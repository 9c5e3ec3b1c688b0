/** @module A cluster the inputs know only by reference (a node pool's parent, a remote module): every cluster-level value unknown, for one reason. */
import type { ClusterFormat, SourceLocation } from '../../model/index.js';
import type { ClusterSource } from './cluster-source.js';

/**
 * A module reference (a Terraform registry or git source, a Bicep `br:`/`ts:` reference) that names AKS, so
 * the module may define a cluster: never a silent pass.
 */
export const AKS_MODULE = /\baks\b|kubernetes|managed-?cluster|containerservice/i;

export interface UnknownClusterSpec {
  readonly format: ClusterFormat;
  readonly name: string;
  readonly id: string;
  readonly at: SourceLocation;
  /** Why the cluster-level values are unknown: the rules say it as their "not assessed" reason. */
  readonly reason: string;
  /** The pools the inputs define for it (complete definitions), or why there are none to read. */
  readonly pools: ClusterSource['pools'];
}

/**
 * `complete: true` applies to the pools only (a node pool resource is a whole definition, so what it
 * omits takes the AKS default); every cluster-level lookup is unknown whatever `complete` says.
 */
export function unknownClusterSource(spec: UnknownClusterSpec): ClusterSource {
  const { reason, at, id } = spec;
  return {
    format: spec.format,
    name: spec.name,
    id,
    display: id,
    at,
    complete: true,
    get: (path) => ({ kind: 'unknown', reason, at, path }),
    pools: spec.pools,
    poolsPartial: reason,
    maintenanceConfigurations: { state: 'unknown', reason, at, path: id },
    diagnosticSettings: { state: 'unknown', reason, at, path: id },
  };
}
