/**
 * @module Recognises Azure role-assignment input: `az role assignment list --all -o json` (and role
 * definition lists), the ARM REST `{ "value": [...] }` shape, and ARM templates that declare
 * `Microsoft.Authorization/roleAssignments` or `roleDefinitions` resources.
 */
import { isObject } from '../../model/index.js';

export const ROLE_ASSIGNMENT_TYPE = 'microsoft.authorization/roleassignments';
export const ROLE_DEFINITION_TYPE = 'microsoft.authorization/roledefinitions';

/** Case-insensitive property read, as ARM and the az CLI treat property names. */
export function field(value: unknown, key: string): unknown {
  if (!isObject(value)) return undefined;
  const wanted = key.toLowerCase();
  let found: unknown;
  for (const [own, child] of Object.entries(value)) if (own.toLowerCase() === wanted) found = child;
  return found;
}

/** The value of `key` on the item itself, or under `properties` (older az versions and ARM REST nest it). */
export function propertyOf(item: unknown, key: string): unknown {
  return field(item, key) ?? field(field(item, 'properties'), key);
}

const typeOf = (item: unknown): string | undefined => {
  const type = field(item, 'type');
  return typeof type === 'string' ? type.toLowerCase() : undefined;
};

export function isAssignmentItem(item: unknown): boolean {
  if (!isObject(item)) return false;
  if (typeOf(item) === ROLE_ASSIGNMENT_TYPE) return true;
  return ['principalId', 'roleDefinitionId', 'scope'].every(
    (key) => typeof propertyOf(item, key) === 'string',
  );
}

export function isDefinitionItem(item: unknown): boolean {
  if (!isObject(item)) return false;
  if (typeOf(item) === ROLE_DEFINITION_TYPE) return true;
  return typeof propertyOf(item, 'roleName') === 'string' && Array.isArray(propertyOf(item, 'permissions'));
}

const isRbacItem = (item: unknown): boolean => isAssignmentItem(item) || isDefinitionItem(item);

/** The template's resources, as an array or (languageVersion 2.0) an object of symbolic names. */
export function templateResources(value: unknown): unknown[] {
  const resources = field(value, 'resources');
  if (Array.isArray(resources)) return resources;
  return isObject(resources) ? Object.values(resources) : [];
}

export function isDeploymentTemplate(value: unknown): boolean {
  const schema = field(value, '$schema');
  return typeof schema === 'string' && /deploymentTemplate\.json/i.test(schema);
}

export function detectRoleAssignments(value: unknown): boolean {
  const list = Array.isArray(value) ? value : field(value, 'value');
  if (Array.isArray(list)) return list.length > 0 && list.every(isRbacItem);
  if (!isDeploymentTemplate(value)) return false;
  return templateResources(value).some((resource) => {
    const type = typeOf(resource);
    return type === ROLE_ASSIGNMENT_TYPE || type === ROLE_DEFINITION_TYPE;
  });
}
