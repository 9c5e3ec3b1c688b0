/** @module The heredoc bound: hcl2json is quadratic in the lines of one heredoc, so a long one is refused first. */
import { describe, expect, it } from 'vitest';
import { findLongHeredoc, MAX_HEREDOC_LINES } from '../../../src/load/terraform/heredoc-limit.js';
import { loadTerraformModule } from '../../../src/load/terraform/load-terraform.js';
import { collectSink } from './collect-sink.js';

const heredoc = (lines: number, marker = 'EOT', indent = '') =>
  `locals {\n  x = <<${marker}\nline\n${'line\n'.repeat(lines - 1)}${indent}${marker}\n}\n`;

describe('findLongHeredoc', () => {
  it('counts the lines of each heredoc up to its delimiter', () => {
    expect(findLongHeredoc(heredoc(MAX_HEREDOC_LINES))).toBeUndefined();
    expect(findLongHeredoc(heredoc(MAX_HEREDOC_LINES + 1))).toEqual({
      line: 2,
      lines: MAX_HEREDOC_LINES + 1,
    });
    expect(
      findLongHeredoc(heredoc(MAX_HEREDOC_LINES + 1, 'POLICY', '    ').replace('<<POLICY', '<<-POLICY')),
    ).toEqual({
      line: 2,
      lines: MAX_HEREDOC_LINES + 1,
    });
    // Many short heredocs are fine: the bound is per heredoc.
    expect(findLongHeredoc(heredoc(10).repeat(2000))).toBeUndefined();
  });

  it('counts an unterminated heredoc to the end of the file', () => {
    expect(findLongHeredoc(`x = <<EOT\n${'a\n'.repeat(MAX_HEREDOC_LINES + 5)}`)?.line).toBe(1);
  });
});

describe('a Terraform file with a 100,000-line heredoc (95 s in hcl2json before)', () => {
  it('is refused with a limit-exceeded error at the heredoc, without parsing it', async () => {
    const sink = collectSink();
    const text = `resource "azurerm_kubernetes_cluster" "c" {\n  name = "c"\n  dns_prefix = <<EOT\n${'line\n'.repeat(100_000)}EOT\n}\n`;
    const count = await loadTerraformModule(
      [
        { file: 'm/main.tf', text },
        { file: 'm/other.tf', text: 'resource "azurerm_kubernetes_cluster" "d" {\n  name = "d"\n}\n' },
      ],
      sink,
    );
    expect(sink.diagnostics).toEqual([
      {
        code: 'limit-exceeded',
        level: 'error',
        message: `a heredoc of 100000 lines is over the limit of ${MAX_HEREDOC_LINES} lines per heredoc; the file is not read`,
        file: 'm/main.tf',
        line: 3,
      },
    ]);
    // The other files of the module are still read.
    expect(count).toBe(1);
    expect(sink.clusters.map((c) => c.name)).toEqual(['d']);
  });
});
