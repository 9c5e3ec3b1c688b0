/** @module The one model every input loads into, whatever its format. */
import type { AzureRoleAssignment, AzureRoleDefinition } from './azure-rbac.js';
import type { AksCluster } from './cluster.js';
import type { KubeObject, ObjectOrigin } from './kube-object.js';
import type { PathSegment, SourceLocation } from './source-location.js';

/** An `aksward:ignore` comment found in an input file. */
export interface InlineIgnore {
  readonly ruleId: string;
  readonly reason: string;
  /** ISO date (YYYY-MM-DD) after which the suppression no longer applies. */
  readonly expires?: string;
  readonly at: SourceLocation;
  /** The first line the comment covers: its own line for a trailing comment, else the next content line. */
  readonly appliesToLine: number;
}

/** Turns an object's property path into a line, on demand (the loader re-reads the document lazily). */
export type Locator = (origin: ObjectOrigin, path: readonly PathSegment[]) => SourceLocation;

export interface ClusterModel {
  /** Cluster definitions found in the inputs (one per definition: the same cluster as JSON and Terraform is two). */
  readonly clusters: readonly AksCluster[];
  /** Kubernetes objects, in input order. */
  readonly objects: readonly KubeObject[];
  readonly inlineIgnores: readonly InlineIgnore[];
  /** Azure role assignments (`az role assignment list`, ARM `roleAssignments`), for Azure RBAC answers. */
  readonly roleAssignments: readonly AzureRoleAssignment[];
  /** Custom role definitions given in the inputs (built-in roles are aksward's own data). */
  readonly roleDefinitions: readonly AzureRoleDefinition[];
  readonly locate: Locator;
}
