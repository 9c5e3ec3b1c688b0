import { describe, expect, it } from 'vitest';
import { editResource, hclLiteral } from '../../../src/fix/cluster/hcl-edit.js';

const R = { type: 'azurerm_kubernetes_cluster', name: 'main' };

describe('editResource', () => {
  it('replaces a stated value in place and keeps comments and layout', () => {
    const text = [
      'resource "azurerm_kubernetes_cluster" "main" {',
      '  name                   = "aks" # the name',
      '  local_account_disabled = false # TODO',
      '}',
      '',
    ].join('\n');
    const { text: out, skipped } = editResource(text, R, [
      { path: ['local_account_disabled'], value: 'true' },
    ]);
    expect(skipped).toEqual([]);
    expect(out).toBe(text.replace('= false # TODO', '= true # TODO'));
  });

  it('adds a missing attribute to the group above, realigned as terraform fmt does', () => {
    const text =
      'resource "azurerm_kubernetes_cluster" "main" {\n  name = "aks"\n  sku  = "Free"\n\n  identity {\n    type = "SystemAssigned"\n  }\n}\n';
    const { text: out } = editResource(text, R, [{ path: ['local_account_disabled'], value: 'true' }]);
    expect(out).toBe(
      'resource "azurerm_kubernetes_cluster" "main" {\n  name                   = "aks"\n  sku                    = "Free"\n  local_account_disabled = true\n\n  identity {\n    type = "SystemAssigned"\n  }\n}\n',
    );
  });

  it('creates missing nested blocks, and fills an empty block', () => {
    const text = 'resource "azurerm_kubernetes_cluster" "main" {\n  name = "aks"\n  network_profile {}\n}\n';
    const { text: out } = editResource(text, R, [
      { path: ['network_profile', 'network_policy'], value: '"cilium"' },
      { path: ['key_vault_secrets_provider', 'secret_rotation_enabled'], value: 'true' },
    ]);
    expect(out).toContain('  network_profile {\n    network_policy = "cilium"\n  }');
    expect(out).toContain('  key_vault_secrets_provider {\n    secret_rotation_enabled = true\n  }');
  });

  it('leaves values set through variables and dynamic blocks to the user, and says so', () => {
    const text =
      'resource "azurerm_kubernetes_cluster" "main" {\n  local_account_disabled = var.disable_local\n  dynamic "network_profile" {\n    for_each = [1]\n    content {}\n  }\n}\n';
    const { text: out, skipped } = editResource(text, R, [
      { path: ['local_account_disabled'], value: 'true' },
      { path: ['network_profile', 'network_policy'], value: '"cilium"' },
    ]);
    expect(out).toBe(text);
    expect(skipped.map((s) => s.reason)).toEqual([
      'local_account_disabled is set by var.disable_local: set that value to true',
      'network_profile is a dynamic block: set network_policy in its content',
    ]);
  });

  it('reports a resource that is not in the file', () => {
    const { skipped } = editResource('resource "x" "y" {}\n', R, [{ path: ['a'], value: 'true' }]);
    expect(skipped[0]?.reason).toMatch(/not found/);
  });

  it('writes HCL literals', () => {
    expect(hclLiteral(['10.0.0.0/8', 'a"b'])).toBe('["10.0.0.0/8", "a\\"b"]');
    expect(hclLiteral('${x} %{y}')).toBe('"$${x} %%{y}"');
    expect(hclLiteral(false)).toBe('false');
  });
});
