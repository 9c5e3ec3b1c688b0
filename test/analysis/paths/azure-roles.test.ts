/** @module A workload identity step names the Azure roles the inputs give that identity (or says there are none). */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { attackGraphOf } from '../../../src/analysis/paths/index.js';
import { loadInputs } from '../../../src/load/load-inputs.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/paths/${name}`, import.meta.url));

async function identityEdges(name: string) {
  const dir = fixture(name);
  const { model, diagnostics } = await loadInputs([dir], { cwd: dir, kubectl: false });
  expect(diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  return attackGraphOf(model).edges.filter((e) => e.kind === 'azure-identity');
}

describe('workload identity and its Azure roles', () => {
  it('joins the role assignment by client id (principalName of az role assignment list)', async () => {
    const [edge] = await identityEdges('azure-identity-roles');
    expect(edge?.to).toBe('azure:0000dddd-0000-0000-0000-000000000004');
    expect(edge?.evidence).toContain(
      'its Azure roles: Key Vault Secrets User at /subscriptions/00000000-0000-0000-0000-00000000aaaa/resourceGroups/rg-data/providers/Microsoft.KeyVault/vaults/kv-shop',
    );
  });

  it('says when the inputs hold no assignment of the identity', async () => {
    const [edge] = await identityEdges('azure-identity');
    expect(edge?.evidence).toContain('no Azure role assignment of it is in the inputs');
  });
});
