/** @module Dispatch of one JSON text to every loader that reads part of it (a template with a cluster and roles). */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../../src/load/load-inputs.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/load/inputs/mixed/', import.meta.url));

describe('an ARM template with a cluster and role assignments', () => {
  it('is read by the cluster loader and by the role-assignment loader', async () => {
    const result = await loadInputs(['cluster-and-roles.json'], { cwd: FIXTURES, kubectl: false });
    expect(result.inputs).toEqual([{ file: 'cluster-and-roles.json', format: 'arm-template', objects: 2 }]);
    expect(result.model.clusters.map((c) => c.display)).toEqual(['managedClusters/aks-mixed']);
    expect(result.model.roleAssignments).toHaveLength(1);
  });

  it('goes to the role-assignment loader alone when it holds no cluster-side resource', async () => {
    const result = await loadInputs(['roles-only.json'], { cwd: FIXTURES, kubectl: false });
    expect(result.inputs).toEqual([{ file: 'roles-only.json', format: 'role-assignments', objects: 1 }]);
    expect(result.model.clusters).toEqual([]);
    expect(result.model.roleAssignments).toHaveLength(1);
  });
});
