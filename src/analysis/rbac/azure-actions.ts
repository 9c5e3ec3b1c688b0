/**
 * @module Kubernetes requests as Azure data actions, as AKS's authorization webhook (Azure/guard,
 * `authz/providers/azure/rbac/checkaccessreqhelper.go`) names them, and Azure's action wildcard matching.
 */
import type { AzurePermission, AzureRoleDefinition } from '../../model/azure-rbac.js';
import type { AccessRequest, ResourceRequest } from './types.js';

export const MANAGED_CLUSTERS = 'Microsoft.ContainerService/managedClusters';
export const LIST_ADMIN_CREDENTIAL = `${MANAGED_CLUSTERS}/listClusterAdminCredential/action`;
export const LIST_USER_CREDENTIAL = `${MANAGED_CLUSTERS}/listClusterUserCredential/action`;
export const ROLE_ASSIGNMENT_WRITE = 'Microsoft.Authorization/roleAssignments/write';

/** get/list/watch → read; create/update/patch → write; delete/deletecollection → delete; special verbs → `<verb>/action`. */
export function actionForVerb(verb: string): string {
  switch (verb) {
    case 'get':
    case 'list':
    case 'watch':
      return 'read';
    case 'create':
    case 'update':
    case 'patch':
      return 'write';
    case 'delete':
    case 'deletecollection':
      return 'delete';
    case 'bind':
    case 'escalate':
    case 'use':
    case 'impersonate':
    case 'inference':
      return `${verb}/action`;
    case '*':
      return '*';
    default:
      return '';
  }
}

/** Subresources guard folds into the parent's action (`pods/log` get → `pods/read`). */
const SAFE_SUBRESOURCES = new Set(['status', 'scale', 'log', 'logs']);

/**
 * The resource part of the data action: every subresource but status, scale and log keeps its own
 * `<resource>/<subresource>/action` (so `pods/exec` is `pods/exec/action` whatever the verb), which a
 * role's `pods/*` covers and its `pods/write` does not.
 */
function resourceAction(request: ResourceRequest): string {
  const action = actionForVerb(request.verb);
  const { resource, subresource } = request;
  const join = (...parts: string[]) => parts.filter((p) => p !== '').join('/');
  if (subresource === '' || subresource === '*' || resource === '*' || action === '*')
    return join(resource, action);
  if (action.endsWith('action') || SAFE_SUBRESOURCES.has(subresource)) return join(resource, action);
  return join(resource, subresource, 'action');
}

/** `Microsoft.ContainerService/managedClusters/[<group>/]<resource>/<action>`, or `/<path>/<action>` for URLs. */
export function dataActionFor(request: AccessRequest): string {
  if (request.kind === 'non-resource') {
    const path = request.path
      .split('/')
      .filter((s) => s !== '')
      .join('/');
    return [MANAGED_CLUSTERS, path, actionForVerb(request.verb)].filter((p) => p !== '').join('/');
  }
  const group = request.apiGroup === '' ? [] : [request.apiGroup];
  return [MANAGED_CLUSTERS, ...group, resourceAction(request)].join('/');
}

const patternCache = new Map<string, RegExp>();

/** Azure action matching: case-insensitive, `*` matches any run of characters (slashes included). */
export function actionMatches(pattern: string, action: string): boolean {
  let regex = patternCache.get(pattern);
  if (!regex) {
    const source = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    regex = new RegExp(`^${source}$`, 'i');
    patternCache.set(pattern, regex);
  }
  return regex.test(action);
}

export type ActionKind = 'actions' | 'dataActions';

/** The permission block and pattern that grant `action`: in the block's list and not in its `not` list. */
export function findGrantingPattern(
  role: AzureRoleDefinition,
  kind: ActionKind,
  action: string,
): { readonly pattern: string; readonly block: number } | undefined {
  for (const [index, block] of role.permissions.entries()) {
    const pattern = block[kind].find((p) => actionMatches(p, action));
    if (pattern === undefined) continue;
    const denied = notList(block, kind).some((p) => actionMatches(p, action));
    if (!denied) return { pattern, block: index };
  }
  return undefined;
}

function notList(block: AzurePermission, kind: ActionKind): readonly string[] {
  return kind === 'actions' ? block.notActions : block.notDataActions;
}
