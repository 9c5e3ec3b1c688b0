/** @module Tests of the HCL outline scanner that gives attributes and blocks their lines. */
import { describe, expect, it } from 'vitest';
import { childBlocks, outlineHcl, type OutlineBlock } from '../../../src/load/terraform/hcl-outline.js';

const text = [
  '# a comment with { braces',
  'resource "azurerm_kubernetes_cluster" "main" {',
  '  name = "aks-${var.env}-{x}"',
  '  /* block comment',
  '     with } inside */',
  '  tags = {',
  '    team = "platform"',
  '  }',
  '  identity { type = "SystemAssigned" }',
  '  script = <<-EOT',
  '    if x { y }',
  '    EOT',
  '  node_taints = ["a=b:NoSchedule",',
  '    "c=d:NoExecute"]',
  '  default_node_pool {',
  '    name = "system" // trailing { comment',
  '    upgrade_settings {',
  '      max_surge = "10%"',
  '    }',
  '  }',
  '  dynamic "oms_agent" {',
  '    for_each = var.on ? [1] : []',
  '    content {',
  '      log_analytics_workspace_id = "x"',
  '    }',
  '  }',
  '  after = true',
  '}',
  'variable "x" {}',
].join('\n');

function find(block: OutlineBlock, ...names: string[]): OutlineBlock | undefined {
  let current: OutlineBlock | undefined = block;
  for (const name of names) current = current ? childBlocks(current, name)[0] : undefined;
  return current;
}

describe('outlineHcl', () => {
  const root = outlineHcl(text);
  const resource = root.blocks[0];

  it('finds top-level blocks with their labels and lines', () => {
    expect(root.blocks.map((b) => [b.type, b.labels, b.line])).toEqual([
      ['resource', ['azurerm_kubernetes_cluster', 'main'], 2],
      ['variable', ['x'], 29],
    ]);
  });

  it('finds attributes past strings, comments, heredocs and multi-line values', () => {
    expect([...(resource?.attributes ?? [])]).toEqual([
      ['name', 3],
      ['tags', 6],
      ['script', 10],
      ['node_taints', 13],
      ['after', 27],
    ]);
  });

  it('finds nested, single-line and dynamic blocks', () => {
    expect(find(root, 'resource', 'identity')?.attributes.get('type')).toBe(9);
    expect(find(root, 'resource', 'default_node_pool')?.line).toBe(15);
    expect(find(root, 'resource', 'default_node_pool')?.attributes.get('name')).toBe(16);
    expect(find(root, 'resource', 'default_node_pool', 'upgrade_settings')?.attributes.get('max_surge')).toBe(
      18,
    );
    const dynamic = find(root, 'resource', 'oms_agent');
    expect(dynamic).toMatchObject({ type: 'dynamic', labels: ['oms_agent'], line: 21 });
    expect(dynamic?.blocks[0]?.attributes.get('log_analytics_workspace_id')).toBe(24);
  });

  it('never loops on text it does not understand', () => {
    expect(() => outlineHcl(') ] } {{ "unterminated\n<<EOT\n')).not.toThrow();
    expect(outlineHcl('').blocks).toEqual([]);
  });
});
