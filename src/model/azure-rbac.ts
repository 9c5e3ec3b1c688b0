/** @module Azure role assignments and role definitions: who holds which Azure role, at which scope. */
import type { SourceLocation } from './source-location.js';

/** `User`, `Group`, `ServicePrincipal`, `ForeignGroup`, `Device`; `Unknown` when the input does not say. */
export type AzurePrincipalType =
  'User' | 'Group' | 'ServicePrincipal' | 'ForeignGroup' | 'Device' | 'Unknown';

/** One `permissions[]` block of a role definition; `notX` subtract from `X` within the block only. */
export interface AzurePermission {
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly dataActions: readonly string[];
  readonly notDataActions: readonly string[];
}

/** A role definition: a built-in role (from aksward's data) or a custom role given in the inputs. */
export interface AzureRoleDefinition {
  /** The definition GUID, lower-case (the last segment of `roleDefinitionId`). */
  readonly id: string;
  /** `roleName`, e.g. `Azure Kubernetes Service RBAC Reader`. */
  readonly name: string;
  readonly permissions: readonly AzurePermission[];
  readonly builtIn: boolean;
  /** Where a custom definition was read; absent for built-in roles. */
  readonly at?: SourceLocation;
}

/** A value the input could not decide (an ARM expression on a parameter without default). */
export interface UnresolvedField {
  readonly field: 'principalId' | 'roleDefinitionId' | 'scope';
  readonly reason: string;
}

export interface AzureRoleAssignment {
  /** The assignment's name (a GUID in Azure), or the ARM template resource name. */
  readonly name: string;
  /** `az role assignment list` id, or the template's `name` expression when no id exists. */
  readonly id: string;
  /** Entra object id of the principal, lower-case. */
  readonly principalId: string;
  readonly principalType: AzurePrincipalType;
  /** UPN of a user, display name of a group, app id of a service principal (`az role assignment list`). */
  readonly principalName?: string;
  /** Role definition GUID, lower-case (the last segment of the input's `roleDefinitionId`). */
  readonly roleDefinitionId: string;
  /** `roleDefinitionName` when the input names it. */
  readonly roleDefinitionName?: string;
  /**
   * The scope, as written (`/subscriptions/…/managedClusters/aks/namespaces/shop`). ARM templates may
   * hold `{subscriptionId}` / `{resourceGroupName}` placeholders for what only the deployment knows.
   */
  readonly scope: string;
  /** An ABAC condition: aksward does not evaluate it, so a grant under it is reported as conditional. */
  readonly condition?: string;
  readonly unresolved: readonly UnresolvedField[];
  readonly at: SourceLocation;
}

/** `roleAssignments/<name>`: how findings and answers name an assignment. */
export function displayRoleAssignment(assignment: Pick<AzureRoleAssignment, 'name'>): string {
  return `roleAssignments/${assignment.name}`;
}

/** The principal as answers show it: `alice@contoso.com (User 4b9c…)` or the bare object id. */
export function displayPrincipal(assignment: AzureRoleAssignment): string {
  const type = assignment.principalType === 'Unknown' ? 'principal' : assignment.principalType;
  return assignment.principalName === undefined
    ? `${type} ${assignment.principalId}`
    : `${type} ${assignment.principalName} (${assignment.principalId})`;
}
