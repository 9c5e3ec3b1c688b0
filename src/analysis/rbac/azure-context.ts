/** @module The Azure side of an analysis: the cluster's settings, its role assignments and role definitions. */
import type { AzureRoleAssignment, AzureRoleDefinition } from '../../model/azure-rbac.js';
import type { AksCluster, ClusterModel, Setting } from '../../model/index.js';
import { describeSetting } from '../../model/index.js';
import { BUILT_IN_ROLES } from './azure-builtin-roles.js';
import { clusterResourceId } from './azure-scope.js';
import type { UserInfo } from './types.js';

/**
 * The fields the lead adds to `ClusterModel` when wiring the role-assignment loader; read here
 * structurally so the analysis works before and after.
 */
export interface RoleAssignmentFields {
  readonly roleAssignments: readonly AzureRoleAssignment[];
  readonly roleDefinitions: readonly AzureRoleDefinition[];
}

/** `on`, `off`, or `unknown` with the reason; `basis` says where it comes from, for evidence. */
export interface Switch {
  readonly state: 'on' | 'off' | 'unknown';
  readonly basis: string;
}

export interface AzureContext {
  readonly cluster: AksCluster | undefined;
  /** The cluster's Azure resource id (with placeholders for a Terraform or template cluster). */
  readonly clusterId: string | undefined;
  readonly assignments: readonly AzureRoleAssignment[];
  readonly definitions: ReadonlyMap<string, AzureRoleDefinition>;
  readonly azureRbac: Switch;
  readonly localAccounts: Switch;
  readonly entra: Switch;
  readonly kubernetesRbac: Switch;
}

function describe(setting: Setting<boolean>, label: string): string {
  const where = `${setting.at.file}:${setting.at.line}`;
  return `${label} ${describeSetting(setting)} (${setting.path}, ${where})`;
}

function switchOf(setting: Setting<boolean> | undefined, label: string, invert = false): Switch {
  if (setting === undefined)
    return { state: 'unknown', basis: `${label}: no cluster definition in the inputs` };
  if (setting.state === 'unknown') return { state: 'unknown', basis: describe(setting, label) };
  const on = invert ? !setting.value : setting.value;
  return { state: on ? 'on' : 'off', basis: describe(setting, label) };
}

/** The assignments and custom definitions the model holds. */
export function roleAssignmentInputs(model: ClusterModel): RoleAssignmentFields {
  return { roleAssignments: model.roleAssignments, roleDefinitions: model.roleDefinitions };
}

/** Picks the cluster (`--cluster <name>`, else the first definition) and reads its authorization switches. */
export function buildAzureContext(model: ClusterModel, clusterName?: string): AzureContext {
  const cluster =
    clusterName === undefined
      ? model.clusters[0]
      : model.clusters.find((c) => c.name.toLowerCase() === clusterName.toLowerCase());
  return azureContextFor(model, cluster);
}

/** The Azure side for one given cluster definition (or none). */
export function azureContextFor(model: ClusterModel, cluster: AksCluster | undefined): AzureContext {
  const inputs = roleAssignmentInputs(model);
  const definitions = new Map<string, AzureRoleDefinition>();
  for (const role of BUILT_IN_ROLES) definitions.set(role.id, role);
  for (const role of inputs.roleDefinitions) definitions.set(role.id.toLowerCase(), role);
  const identity = cluster?.identity;
  return {
    cluster,
    clusterId: cluster ? clusterResourceId(cluster) : undefined,
    assignments: inputs.roleAssignments,
    definitions,
    azureRbac: switchOf(identity?.enableAzureRBAC, 'Azure RBAC for Kubernetes authorization'),
    localAccounts: switchOf(identity?.disableLocalAccounts, 'disableLocalAccounts', true),
    entra: switchOf(identity?.entraManaged, 'managed Entra ID integration'),
    kubernetesRbac: switchOf(identity?.enableRBAC, 'Kubernetes RBAC'),
  };
}

/**
 * Whether an assignment's principal is the user: a user or service principal by object id or by the
 * name `az role assignment list` prints (a UPN, an app id); a group by object id among the user's groups
 * (AKS puts Entra group object ids in the Kubernetes groups).
 */
export function assignmentAppliesTo(assignment: AzureRoleAssignment, user: UserInfo): boolean {
  const id = assignment.principalId.toLowerCase();
  const inGroups = () => user.groups.some((g) => g.toLowerCase() === id);
  const isUser = () =>
    user.name.toLowerCase() === id || user.name.toLowerCase() === assignment.principalName?.toLowerCase();
  switch (assignment.principalType) {
    case 'Group':
    case 'ForeignGroup':
      return inGroups();
    case 'User':
    case 'ServicePrincipal':
    case 'Device':
      return isUser();
    case 'Unknown':
      return isUser() || inGroups();
  }
}
