/**
 * @module Role assignments and role definitions declared in an ARM template (incl. Bicep-compiled JSON),
 * with their expressions evaluated offline by the cluster-JSON loader's ARM evaluator.
 */
import type { AzureRoleAssignment, AzureRoleDefinition, UnresolvedField } from '../../model/azure-rbac.js';
import type { Diagnostic } from '../diagnostics.js';
import { resolveValue } from '../cluster-json/arm-evaluator.js';
import type { ArmScope } from '../cluster-json/arm-evaluator.js';
import {
  RESOURCE_GROUP_PLACEHOLDER,
  SUBSCRIPTION_PLACEHOLDER,
} from '../cluster-json/arm-resource-functions.js';
import type { JsonNode } from '../cluster-json/json-tree.js';
import { getNode, toPlain } from '../cluster-json/json-tree.js';
import { createTemplateScope } from '../cluster-json/template-scope.js';
import { ROLE_ASSIGNMENT_TYPE, ROLE_DEFINITION_TYPE, field } from './detect-role-assignments.js';
import type { AssignmentFields } from './read-items.js';
import { buildAssignment, buildDefinition } from './read-items.js';

export interface TemplateItems {
  readonly assignments: AzureRoleAssignment[];
  readonly definitions: AzureRoleDefinition[];
}

const RESOURCE_GROUP_SCOPE = `/subscriptions/${SUBSCRIPTION_PLACEHOLDER}/resourceGroups/${RESOURCE_GROUP_PLACEHOLDER}`;

/** The deployment's own scope: a subscription template deploys at `/subscriptions/…`, others into a group. */
function deploymentScope(template: JsonNode): string {
  const schema = toPlain(getNode(template, '$schema') ?? { kind: 'scalar', line: 1, value: '' });
  return typeof schema === 'string' && /subscriptionDeploymentTemplate/i.test(schema)
    ? `/subscriptions/${SUBSCRIPTION_PLACEHOLDER}`
    : RESOURCE_GROUP_SCOPE;
}

function resourceNodes(template: JsonNode): JsonNode[] {
  const resources = getNode(template, 'resources');
  if (resources?.kind === 'array') return [...resources.items];
  if (resources?.kind === 'object') return resources.entries.map((entry) => entry.value);
  return [];
}

/** An extension resource's `scope` relative to the deployment (`Microsoft.X/type/name`) made absolute. */
function absoluteScope(scope: string): string {
  return scope.startsWith('/') ? scope : `${RESOURCE_GROUP_SCOPE}/providers/${scope}`;
}

interface Resolved {
  readonly value: string | undefined;
  readonly unresolved?: string;
}

/** Exact when the template decides it; otherwise the symbolic text, and why it is open. */
function resolveText(value: unknown, scope: ArmScope): Resolved {
  if (value === undefined) return { value: undefined };
  const exact = resolveValue(value, scope);
  if (exact.ok) return { value: typeof exact.value === 'string' ? exact.value : undefined };
  const symbolic = resolveValue(value, scope, true);
  const shown = symbolic.ok && typeof symbolic.value === 'string' ? symbolic.value : JSON.stringify(value);
  return { value: shown, unresolved: exact.reason };
}

function readAssignment(resource: unknown, scope: ArmScope, base: string, line: number, file: string) {
  const properties = field(resource, 'properties');
  const unresolved: UnresolvedField[] = [];
  const pick = (key: UnresolvedField['field'], raw: unknown): string | undefined => {
    const resolved = resolveText(raw, scope);
    if (resolved.unresolved !== undefined) unresolved.push({ field: key, reason: resolved.unresolved });
    return resolved.value;
  };
  const rawScope = pick('scope', field(resource, 'scope'));
  const fields: AssignmentFields = {
    name: resolveText(field(resource, 'name'), scope).value,
    id: undefined,
    principalId: pick('principalId', field(properties, 'principalId')),
    principalType: resolveText(field(properties, 'principalType'), scope).value,
    principalName: undefined,
    roleDefinitionId: pick('roleDefinitionId', field(properties, 'roleDefinitionId')),
    roleDefinitionName: undefined,
    scope: rawScope === undefined ? base : absoluteScope(rawScope),
    condition: resolveText(field(properties, 'condition'), scope).value,
  };
  return buildAssignment(fields, { file, line }, unresolved);
}

function readDefinition(resource: unknown, scope: ArmScope, line: number, file: string) {
  const resolved = resolveValue(resource, scope, true);
  return buildDefinition(resolved.ok ? resolved.value : resource, { file, line });
}

export function readTemplate(template: JsonNode, file: string, diagnostics: Diagnostic[]): TemplateItems {
  const scope = createTemplateScope(template);
  const base = deploymentScope(template);
  const out: TemplateItems = { assignments: [], definitions: [] };
  for (const node of resourceNodes(template)) {
    const resource = toPlain(node);
    const type = field(resource, 'type');
    const kind = typeof type === 'string' ? type.toLowerCase() : '';
    if (kind !== ROLE_ASSIGNMENT_TYPE && kind !== ROLE_DEFINITION_TYPE) continue;
    if (field(resource, 'copy') !== undefined) {
      const message = `${String(type)} built by a copy loop is not read: its count is known only at deployment`;
      diagnostics.push({ code: 'unresolved-value', level: 'warning', message, file, line: node.line });
      continue;
    }
    const item =
      kind === ROLE_ASSIGNMENT_TYPE
        ? readAssignment(resource, scope, base, node.line, file)
        : readDefinition(resource, scope, node.line, file);
    if (typeof item === 'string') {
      diagnostics.push({ code: 'wrong-type', level: 'warning', message: item, file, line: node.line });
    } else if ('principalId' in item) out.assignments.push(item);
    else out.definitions.push(item);
  }
  return out;
}
