/** @module One role assignment or role definition from its decoded JSON value (az CLI or ARM REST shape). */
import type {
  AzurePermission,
  AzurePrincipalType,
  AzureRoleAssignment,
  AzureRoleDefinition,
  UnresolvedField,
} from '../../model/azure-rbac.js';
import type { SourceLocation } from '../../model/index.js';
import { isObject } from '../../model/index.js';
import { field, propertyOf } from './detect-role-assignments.js';

const PRINCIPAL_TYPES: readonly AzurePrincipalType[] = [
  'User',
  'Group',
  'ServicePrincipal',
  'ForeignGroup',
  'Device',
];

export function principalTypeOf(value: unknown): AzurePrincipalType {
  if (typeof value !== 'string') return 'Unknown';
  return PRINCIPAL_TYPES.find((t) => t.toLowerCase() === value.toLowerCase()) ?? 'Unknown';
}

/** The role definition GUID: the segment after `roleDefinitions/`, lower-case; a bare GUID stays as it is. */
export function roleDefinitionGuid(id: string): string {
  const at = id.toLowerCase().lastIndexOf('roledefinitions/');
  const tail = at < 0 ? id : id.slice(at + 'roledefinitions/'.length);
  return tail.replace(/\/+$/, '').toLowerCase();
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

export interface AssignmentFields {
  readonly name: string | undefined;
  readonly id: string | undefined;
  readonly principalId: string | undefined;
  readonly principalType: unknown;
  readonly principalName: string | undefined;
  readonly roleDefinitionId: string | undefined;
  readonly roleDefinitionName: string | undefined;
  readonly scope: string | undefined;
  readonly condition: string | undefined;
}

export function assignmentFields(item: unknown): AssignmentFields {
  return {
    name: text(field(item, 'name')),
    id: text(field(item, 'id')),
    principalId: text(propertyOf(item, 'principalId')),
    principalType: propertyOf(item, 'principalType'),
    principalName: text(propertyOf(item, 'principalName')),
    roleDefinitionId: text(propertyOf(item, 'roleDefinitionId')),
    roleDefinitionName: text(propertyOf(item, 'roleDefinitionName')),
    scope: text(propertyOf(item, 'scope')),
    condition: text(propertyOf(item, 'condition')),
  };
}

/** Undefined (with the missing field named) when a field the analysis needs is absent. */
export function buildAssignment(
  fields: AssignmentFields,
  at: SourceLocation,
  unresolved: readonly UnresolvedField[] = [],
): AzureRoleAssignment | string {
  const missing = (['principalId', 'roleDefinitionId', 'scope'] as const).filter(
    (key) => fields[key] === undefined,
  );
  if (missing.length > 0) return `role assignment without ${missing.join(', ')}; it is not read`;
  const name = fields.name ?? fields.id?.split('/').pop() ?? `line ${at.line}`;
  return {
    name,
    id: fields.id ?? name,
    principalId: (fields.principalId ?? '').toLowerCase(),
    principalType: principalTypeOf(fields.principalType),
    ...(fields.principalName === undefined ? {} : { principalName: fields.principalName }),
    roleDefinitionId: roleDefinitionGuid(fields.roleDefinitionId ?? ''),
    ...(fields.roleDefinitionName === undefined ? {} : { roleDefinitionName: fields.roleDefinitionName }),
    scope: fields.scope ?? '',
    ...(fields.condition === undefined ? {} : { condition: fields.condition }),
    unresolved,
    at,
  };
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

function readPermission(block: unknown): AzurePermission {
  return {
    actions: strings(field(block, 'actions')),
    notActions: strings(field(block, 'notActions')),
    dataActions: strings(field(block, 'dataActions')),
    notDataActions: strings(field(block, 'notDataActions')),
  };
}

/** A custom role definition (`az role definition list`, ARM REST, or a template resource after evaluation). */
export function buildDefinition(item: unknown, at: SourceLocation): AzureRoleDefinition | string {
  const roleName = text(propertyOf(item, 'roleName'));
  const permissions = propertyOf(item, 'permissions');
  const id = text(field(item, 'name')) ?? text(field(item, 'id'));
  if (roleName === undefined || !Array.isArray(permissions) || id === undefined) {
    return 'role definition without roleName, name or permissions; it is not read';
  }
  const roleType = text(propertyOf(item, 'roleType')) ?? text(propertyOf(item, 'type'));
  return {
    id: roleDefinitionGuid(id),
    name: roleName,
    permissions: permissions.filter(isObject).map(readPermission),
    builtIn: roleType?.toLowerCase() === 'builtinrole',
    at,
  };
}
