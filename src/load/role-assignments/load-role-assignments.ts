/**
 * @module Azure role-assignment input into model objects with file and line: `az role assignment list
 * --all -o json`, `az role definition list -o json` (custom roles), the ARM REST `{ "value": [...] }`
 * shape, and ARM templates. Never throws: a problem becomes a diagnostic and loading carries on.
 */
import type { AzureRoleAssignment, AzureRoleDefinition } from '../../model/azure-rbac.js';
import type { Diagnostic } from '../diagnostics.js';
import type { JsonNode } from '../cluster-json/json-tree.js';
import { parseJsonTree, toPlain } from '../cluster-json/json-tree.js';
import type { LoadSink } from '../load-sink.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { isAssignmentItem, isDefinitionItem, isDeploymentTemplate } from './detect-role-assignments.js';
import { assignmentFields, buildAssignment, buildDefinition } from './read-items.js';
import { readTemplate } from './read-template.js';

export interface RoleAssignmentLoad {
  readonly assignments: readonly AzureRoleAssignment[];
  /** Custom role definitions found in the input (built-in roles are aksward's own data). */
  readonly definitions: readonly AzureRoleDefinition[];
  readonly diagnostics: readonly Diagnostic[];
}

/** `parseJsonTree` reports through a sink; only its diagnostics matter here. */
function diagnosticSink(diagnostics: Diagnostic[]): LoadSink {
  const ignore = (): void => undefined;
  return {
    limits: DEFAULT_LIMITS,
    addObject: ignore,
    addCluster: ignore,
    addSatellite: ignore,
    addRoleAssignment: ignore,
    addRoleDefinition: ignore,
    addInlineIgnore: ignore,
    addInput: ignore,
    registerText: ignore,
    addDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
  };
}

function listItems(root: JsonNode): readonly JsonNode[] | undefined {
  if (root.kind === 'array') return root.items;
  if (root.kind !== 'object') return undefined;
  const value = root.entries.find((entry) => entry.key.toLowerCase() === 'value')?.value;
  return value?.kind === 'array' ? value.items : undefined;
}

function readList(items: readonly JsonNode[], file: string, diagnostics: Diagnostic[]) {
  const assignments: AzureRoleAssignment[] = [];
  const definitions: AzureRoleDefinition[] = [];
  for (const node of items) {
    const item = toPlain(node);
    const at = { file, line: node.line };
    const read = isAssignmentItem(item)
      ? buildAssignment(assignmentFields(item), at)
      : isDefinitionItem(item)
        ? buildDefinition(item, at)
        : 'an item that is neither a role assignment nor a role definition; it is not read';
    if (typeof read === 'string')
      diagnostics.push({ code: 'wrong-type', level: 'warning', message: read, file, line: node.line });
    else if ('principalId' in read) assignments.push(read);
    else definitions.push(read);
  }
  return { assignments, definitions };
}

/**
 * Reads a text that `detectRoleAssignments` recognised. Lines are those of each array element (or
 * template resource), counted by `yaml`'s LineCounter.
 */
export function loadRoleAssignments(text: string, file: string): RoleAssignmentLoad {
  const diagnostics: Diagnostic[] = [];
  const root = parseJsonTree(text, file, diagnosticSink(diagnostics));
  if (root === undefined) return { assignments: [], definitions: [], diagnostics };
  const items = listItems(root);
  if (items) return { ...readList(items, file, diagnostics), diagnostics };
  if (isDeploymentTemplate(toPlain(root))) return { ...readTemplate(root, file, diagnostics), diagnostics };
  const message = 'not a role-assignment list, role-definition list or ARM template';
  diagnostics.push({ code: 'wrong-type', level: 'error', message, file, line: root.line });
  return { assignments: [], definitions: [], diagnostics };
}
