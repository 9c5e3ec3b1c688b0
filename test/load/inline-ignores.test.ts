import { describe, expect, it } from 'vitest';
import { scanInlineIgnores } from '../../src/load/inline-ignores.js';

describe('scanInlineIgnores', () => {
  it('applies a trailing comment to its own line', () => {
    const text = ['spec:', '  hostPID: true # aksward:ignore no-host-pid node agent needs it', ''].join('\n');
    expect(scanInlineIgnores(text, 'a.yaml')).toEqual({
      ignores: [
        {
          ruleId: 'no-host-pid',
          reason: 'node agent needs it',
          at: { file: 'a.yaml', line: 2, column: 17 },
          appliesToLine: 2,
        },
      ],
      diagnostics: [],
    });
  });

  it('applies a comment on its own line to the next content line, past blanks, comments and ---', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      '---',
      '# aksward:ignore require-network-policy legacy namespace until=2027-01-31',
      '',
      '# another comment',
      '---',
      'apiVersion: apps/v1',
    ].join('\n');
    const { ignores, diagnostics } = scanInlineIgnores(text, 'b.yaml');
    expect(diagnostics).toEqual([]);
    expect(ignores).toEqual([
      {
        ruleId: 'require-network-policy',
        reason: 'legacy namespace',
        expires: '2027-01-31',
        at: { file: 'b.yaml', line: 4, column: 1 },
        appliesToLine: 8,
      },
    ]);
  });

  it('reads // and # comments in HCL', () => {
    const text = [
      'resource "azurerm_kubernetes_cluster" "main" {',
      '  // aksward:ignore require-private-cluster public by design, behind authorized ranges',
      '  private_cluster_enabled = false',
      '  local_account_disabled = false # aksward:ignore no-local-accounts break-glass',
      '}',
    ].join('\n');
    const { ignores } = scanInlineIgnores(text, 'main.tf');
    expect(ignores.map((i) => [i.ruleId, i.reason, i.at.line, i.appliesToLine])).toEqual([
      ['require-private-cluster', 'public by design, behind authorized ranges', 2, 3],
      ['no-local-accounts', 'break-glass', 4, 4],
    ]);
  });

  it('does not apply a comment without a reason, a rule id or a real date, and warns', () => {
    const text = [
      '# aksward:ignore no-host-pid',
      '# aksward:ignore',
      'a: 1 # aksward:ignore no-host-pid because until=2027-02-30',
      'b: 2 # aksward:ignore no-host-pid until=2027-01-01',
    ].join('\n');
    const { ignores, diagnostics } = scanInlineIgnores(text, 'c.yaml');
    expect(ignores).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.level, d.line])).toEqual([
      ['parse-error', 'warning', 1],
      ['parse-error', 'warning', 2],
      ['parse-error', 'warning', 3],
      ['parse-error', 'warning', 4],
    ]);
  });

  it('ignores look-alikes that are not comments', () => {
    const text = [
      'url: http://x/aksward:ignore no-host-pid reason',
      'note: a#aksward:ignore no-host-pid reason',
    ].join('\n');
    expect(scanInlineIgnores(text, 'd.yaml')).toEqual({ ignores: [], diagnostics: [] });
  });

  it('applies a comment at the end of the file to its own line', () => {
    const { ignores } = scanInlineIgnores('a: 1\n# aksward:ignore no-host-pid stale\n\n', 'e.yaml');
    expect(ignores.map((i) => i.appliesToLine)).toEqual([2]);
  });
});
