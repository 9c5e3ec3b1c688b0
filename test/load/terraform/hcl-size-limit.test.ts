/** A Terraform file over limits.maxHclBytes is refused before the HCL parser sees it (its memory is ~200x the size). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../../src/load/load-inputs.js';

const CLUSTER = `resource "azurerm_kubernetes_cluster" "main" {
  name                   = "aks"
  local_account_disabled = true
}
`;

describe('limits.maxHclBytes', () => {
  it('refuses the big file with a limit error and still reads the other files of the module', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-hcl-size-'));
    const block = 'resource "azurerm_resource_group" "rg" {\n  name = "rg"\n}\n';
    writeFileSync(path.join(dir, 'big.tf'), block.repeat(Math.ceil((2 * 1024 * 1024 + 1) / block.length)));
    writeFileSync(path.join(dir, 'main.tf'), CLUSTER);
    const loaded = await loadInputs([dir], { cwd: dir, kubectl: false });
    const errors = loaded.diagnostics.filter((d) => d.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      code: 'limit-exceeded',
      file: expect.stringContaining('big.tf') as unknown,
    });
    expect(errors[0]?.message).toMatch(/over limits\.maxHclBytes \(2097152\)/);
    expect(loaded.model.clusters.map((c) => c.display)).toEqual(['azurerm_kubernetes_cluster.main']);
  });

  it('is configurable', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-hcl-size-'));
    writeFileSync(path.join(dir, 'main.tf'), CLUSTER);
    const loaded = await loadInputs([dir], { cwd: dir, kubectl: false, limits: { maxHclBytes: 10 } });
    expect(loaded.diagnostics.some((d) => d.code === 'limit-exceeded')).toBe(true);
    expect(loaded.model.clusters).toEqual([]);
  });
});
