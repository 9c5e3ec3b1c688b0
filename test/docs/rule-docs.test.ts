/** @module Tests for the rule docs generator: page sections, verbatim fixtures, the surface tables and drift. */
import { describe, expect, it } from 'vitest';
import {
  diffRuleDocs,
  generateRuleDocs,
  GENERATED_NOTICE,
  renderRuleDoc,
  renderRuleTable,
} from '../../src/docs/rule-docs.js';
import type { RuleFixture } from '../../src/docs/rule-fixtures.js';
import type { AnyRule } from '../../src/rules/define-rule.js';
import { defineRule, GUIDANCE } from '../../src/rules/define-rule.js';

const rule = (id: string, surface: AnyRule['surface'], title = 'Something is hardened'): AnyRule =>
  defineRule({
    id,
    title,
    surface,
    severity: 'high',
    rationale: 'Because an attacker gains a foothold.',
    remediation: {
      summary: 'Harden it.',
      az: 'az aks update --harden',
      terraform: 'hardened = true',
      arm: 'properties.hardened: true',
    },
    reads: ['cluster'],
    peers: { checkov: ['CKV_AZURE_1'], azurePolicy: ['0123abcd'] },
    references: [GUIDANCE.checklist, { title: 'Learn page', url: 'https://learn.microsoft.com/azure/aks/x' }],
    since: '0.1.0',
    check: () => undefined,
  });

const file = (name: string, text: string): RuleFixture => ({
  name,
  isFolder: false,
  files: [{ path: name, text }],
});
const folder = (name: string, text: string): RuleFixture => ({
  name,
  isFolder: true,
  files: [{ path: 'main.tf', text }],
});

describe('renderRuleDoc', () => {
  const fixtures = [
    file('valid.az-aks-show.json', '{ "valid": true }\n'),
    file('invalid.az-aks-show.json', '{ "valid": false }\n'),
    folder('invalid.terraform', 'resource "x" "y" {}\n'),
    file('invalid.arm-rest.json', '{}\n'),
    file('unknown.arm-template.json', '{}\n'),
  ];
  const page = renderRuleDoc(rule('require-hardening', 'nodes'), fixtures);

  it('has the fixed sections in order', () => {
    const headings = page.split('\n').filter((line) => line.startsWith('#'));
    expect(headings).toEqual([
      '# require-hardening',
      '## What it checks',
      '## Why it matters',
      '## How to fix',
      '## Examples',
      '### Invalid: `invalid.az-aks-show.json`',
      '### Invalid: `invalid.terraform/`',
      '### Valid: `valid.az-aks-show.json`',
      '## Peers',
      '## References',
    ]);
    expect(page.startsWith(`${GENERATED_NOTICE}\n`)).toBe(true);
    expect(page).toContain('Surface: **Nodes** (`nodes`) · Severity: **high**');
  });

  it('embeds the shown fixtures verbatim and lists the others', () => {
    expect(page).toContain('```json\n{ "valid": false }\n```');
    expect(page).toContain('`main.tf`:\n\n```hcl\nresource "x" "y" {}\n```');
    expect(page).toContain('- `invalid.arm-rest.json`\n- `unknown.arm-template.json`');
  });

  it('renders the fix snippets, peers and references', () => {
    expect(page).toContain('```bash\naz aks update --harden\n```');
    expect(page).toContain('- Checkov: `CKV_AZURE_1`\n- Azure Policy: `0123abcd`');
    expect(page).toContain('- [Learn page](https://learn.microsoft.com/azure/aks/x)');
  });

  it('lengthens the fence when a fixture holds backticks', () => {
    const text = 'a ```` b\n';
    const doc = renderRuleDoc(rule('require-x', 'nodes'), [file('valid.az-aks-show.json', text)]);
    expect(doc).toContain('`````json\na ```` b\n`````');
  });
});

describe('renderRuleTable', () => {
  const rules = [rule('require-b', 'nodes'), rule('require-a', 'nodes', 'A | B'), rule('no-c', 'api-server')];

  it('groups by surface in the seeds’ order, sorts by id and links each page', () => {
    expect(renderRuleTable(rules)).toBe(
      [
        '## API server',
        '',
        '| Rule | Surface | Severity | Checks |',
        '|---|---|---|---|',
        '| [no-c](no-c.md) | api-server | high | Something is hardened |',
        '',
        '## Nodes',
        '',
        '| Rule | Surface | Severity | Checks |',
        '|---|---|---|---|',
        '| [require-a](require-a.md) | nodes | high | A \\| B |',
        '| [require-b](require-b.md) | nodes | high | Something is hardened |',
      ].join('\n'),
    );
  });

  it('takes a link base and heading level for reuse in the README', () => {
    const table = renderRuleTable(rules, { link: (id) => `docs/rules/${id}.md`, headingLevel: 3 });
    expect(table).toContain('### Nodes');
    expect(table).toContain('[no-c](docs/rules/no-c.md)');
  });
});

describe('generateRuleDocs and diffRuleDocs', () => {
  it('produces the index and one page per rule, and reports drift by file', () => {
    const generated = generateRuleDocs([rule('require-a', 'nodes')], () => []);
    expect([...generated.keys()]).toEqual(['README.md', 'require-a.md']);
    const checkedIn = new Map([
      ['README.md', 'old'],
      ['gone.md', 'x'],
    ]);
    expect(diffRuleDocs(generated, checkedIn)).toEqual({
      stale: ['README.md'],
      missing: ['require-a.md'],
      extra: ['gone.md'],
    });
    expect(diffRuleDocs(generated, new Map(generated))).toEqual({ stale: [], missing: [], extra: [] });
  });
});
