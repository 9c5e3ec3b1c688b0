/** The role-assignment loader: az CLI, ARM REST and ARM template shapes, with lines and diagnostics. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectRoleAssignments, loadRoleAssignments } from '../../../src/load/role-assignments/index.js';

const DIR = fileURLToPath(new URL('../../fixtures/load/role-assignments/', import.meta.url));
const read = (file: string) => readFileSync(`${DIR}${file}`, 'utf8');
const load = (file: string) => loadRoleAssignments(read(file), file);
const PLACEHOLDER_RG = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}';

describe('detectRoleAssignments', () => {
  it.each([
    'az-list-nested.json',
    'arm-rest.json',
    'arm-template.json',
    'bicep-symbolic.json',
    'role-definitions.json',
  ])('recognises %s', (file) => {
    expect(detectRoleAssignments(JSON.parse(read(file)))).toBe(true);
  });

  it('rejects other JSON', () => {
    expect(detectRoleAssignments(JSON.parse(read('not-role-assignments.json')))).toBe(false);
    expect(detectRoleAssignments([])).toBe(false);
    expect(detectRoleAssignments([{ apiVersion: 'v1', kind: 'Pod' }])).toBe(false);
    expect(
      detectRoleAssignments({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        resources: [{ type: 'Microsoft.ContainerService/managedClusters' }],
      }),
    ).toBe(false);
  });
});

describe('loadRoleAssignments', () => {
  it('reads az CLI output (nested properties), lower-cases ids, and skips an item without scope', () => {
    const { assignments, diagnostics } = load('az-list-nested.json');
    expect(assignments).toHaveLength(1);
    expect(assignments[0]).toMatchObject({
      name: '0c7a5b21-9d3e-4f6a-8b1c-2e4d6f8a0b13',
      principalId: '4b9c2e7a-1d3f-4a6b-8c5e-0f2d7a9b1c36',
      principalType: 'Group',
      principalName: 'aks-admins',
      roleDefinitionId: 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b',
      roleDefinitionName: 'Azure Kubernetes Service RBAC Cluster Admin',
      at: { file: 'az-list-nested.json', line: 2 },
      unresolved: [],
    });
    expect(diagnostics).toEqual([
      {
        code: 'wrong-type',
        level: 'warning',
        message: 'role assignment without scope; it is not read',
        file: 'az-list-nested.json',
        line: 15,
      },
    ]);
  });

  it('reads the ARM REST value list; a null condition is no condition', () => {
    const { assignments, diagnostics } = load('arm-rest.json');
    expect(diagnostics).toEqual([]);
    expect(
      assignments.map((a) => [
        a.principalType,
        a.roleDefinitionId,
        a.scope.split('/').slice(-2).join('/'),
        a.condition,
        a.at.line,
      ]),
    ).toEqual([
      ['ServicePrincipal', 'a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb', 'namespaces/shop', undefined, 3],
    ]);
  });

  it('evaluates template expressions, keeps a parameter without default as unresolved, and skips copy loops', () => {
    const { assignments, diagnostics } = load('arm-template.json');
    expect(
      assignments.map((a) => ({
        scope: a.scope,
        role: a.roleDefinitionId,
        principal: a.principalId,
        line: a.at.line,
      })),
    ).toEqual([
      {
        scope: `${PLACEHOLDER_RG}/providers/Microsoft.ContainerService/managedClusters/aks-shop-prod/namespaces/shop`,
        role: '7f6c6a51-bcf8-42ba-9220-52d62157d7db',
        principal: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
        line: 14,
      },
      {
        scope: `${PLACEHOLDER_RG}/providers/Microsoft.ContainerService/managedClusters/aks-shop-prod`,
        role: '0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8',
        principal: "[parameters('deployerobjectid')]",
        line: 25,
      },
      {
        scope: PLACEHOLDER_RG,
        role: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
        principal: 'd4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70',
        line: 35,
      },
    ]);
    expect(assignments[1]?.unresolved).toEqual([
      { field: 'principalId', reason: 'parameter deployerObjectId has no default value' },
    ]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'unresolved-value', level: 'warning', line: 44 }),
    ]);
  });

  it('reads a Bicep-compiled (languageVersion 2.0) template with a custom role defined beside its assignment', () => {
    const { assignments, definitions, diagnostics } = load('bicep-symbolic.json');
    expect(diagnostics).toEqual([]);
    expect(definitions).toHaveLength(1);
    expect(definitions[0]).toMatchObject({ name: 'AKS Pod Exec', builtIn: false, at: { line: 15 } });
    expect(assignments).toHaveLength(1);
    expect(assignments[0]?.roleDefinitionId).toBe(definitions[0]?.id);
    expect(assignments[0]?.principalType).toBe('User');
  });

  it('reads custom role definitions from az role definition list', () => {
    const { definitions, assignments } = load('role-definitions.json');
    expect(assignments).toEqual([]);
    expect(definitions).toEqual([
      {
        id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
        name: 'AKS Pod Reader',
        builtIn: false,
        at: { file: 'role-definitions.json', line: 2 },
        permissions: [
          {
            actions: ['Microsoft.ContainerService/managedClusters/read'],
            notActions: [],
            dataActions: ['Microsoft.ContainerService/managedClusters/pods/read'],
            notDataActions: [],
          },
        ],
      },
    ]);
  });

  it('turns malformed JSON into a parse-error with its line, never an exception', () => {
    const { assignments, diagnostics } = load('malformed.json');
    expect(assignments).toEqual([]);
    expect(diagnostics[0]).toMatchObject({
      code: 'parse-error',
      level: 'error',
      file: 'malformed.json',
      line: 5,
    });
  });
});
