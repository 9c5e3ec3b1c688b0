/** @module Tests of the Markdown report: golden output, tables, escaping, folding, row caps. */
import { describe, expect, it } from 'vitest';
import { escapeCell } from '../../src/report/escape.js';
import { MAX_MARKDOWN_CHARS, formatMarkdown } from '../../src/report/markdown.js';
import { CONTEXT, EMPTY_CONTEXT, EMPTY_RESULT, FINDINGS, RESULT, must } from './fixtures.js';

describe('formatMarkdown', () => {
  const out = formatMarkdown(RESULT, CONTEXT);

  it('matches the golden report', async () => {
    await expect(out).toMatchFileSnapshot('__snapshots__/basic.md');
    await expect(formatMarkdown(EMPTY_RESULT, EMPTY_CONTEXT)).toMatchFileSnapshot('__snapshots__/empty.md');
  });

  it('opens with the verdict and a summary row per surface that ran checks', () => {
    expect(out.split('\n')[0]).toBe('## aksward: 5 findings at or above high');
    expect(out).toContain(
      '| Surface | Critical | High | Medium | Low | Info | Not assessed | Suppressed | Assessed |',
    );
    expect(out).toContain('| API server | 0 | 1 | 0 | 0 | 0 | 1 | 0 | 4 / 5 |');
    expect(out).toContain('| Tenancy | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 3 / 3 |');
  });

  it('says which failures admission already blocks', () => {
    expect(out).toContain(
      '_1 failure already blocked at admission (Pod Security Admission): marked in the Message column._',
    );
    expect(out).toContain('runs privileged.<br>blocked at admission: namespace shop enforces baseline');
  });

  it('keeps every table row on one line with as many cells as the header', () => {
    const rows = out.split('\n').filter((line) => line.startsWith('| '));
    for (const row of rows) {
      // Unescaped pipes delimit cells; an escaped \| inside a cell must not count.
      const cells = row.replace(/\\\|/g, '').split('|').length - 2;
      expect([5, 9, 4, 3]).toContain(cells);
    }
  });

  it('escapes pipes, backticks, HTML and line breaks in cells', () => {
    expect(out).toContain(
      'Grants "\\*" on &lt;all&gt; resources &amp; verbs to group \'ops\' \\| see \\`kubectl auth can-i\\`\\\\x07.',
    );
    expect(escapeCell('a|b`c\nd<e>')).toBe('a\\|b\\`c<br>d&lt;e&gt;');
  });

  it('folds not-assessed and suppressed findings into details blocks', () => {
    expect(out).toContain('<details>\n<summary>Not assessed or provider-managed (3)</summary>');
    expect(out).toContain('<details>\n<summary>Suppressed (3)</summary>');
    expect(out).toContain(
      '| [fake-wildcard-role](https://github.com/aksward/aksward/blob/main/docs/rules/fake-wildcard-role.md) | ClusterRole/ci-deployer | annotation | CI needs it \\| ticket SEC-12 |  |',
    );
  });

  it('stays under 60,000 characters, worst first, and says what it cut and where the rest is', () => {
    // Regression: 108 KB of Markdown for a demo app, over the 65,536-character cap of a PR comment.
    const high = must(
      FINDINGS.find((f) => f.ruleId === 'fake-private-api'),
      'high finding',
    );
    const text = 'a long message '.repeat(20);
    const many = Array.from({ length: 600 }, (_, i) => ({
      ...high,
      severity: i % 3 === 0 ? ('high' as const) : ('low' as const),
      message: `finding ${i} ${text}`,
    }));
    const capped = formatMarkdown({ ...RESULT, findings: many }, { ...CONTEXT, fullReport: 'out/a.sarif' });
    expect(capped.length).toBeLessThan(MAX_MARKDOWN_CHARS);
    const table = capped.slice(capped.indexOf('### Findings'));
    const rows = table.split('\n').filter((l) => l.startsWith('| high |') || l.startsWith('| low |'));
    const highs = rows.filter((l) => l.startsWith('| high |')).length;
    const lows = rows.length - highs;
    expect(rows.slice(0, highs).every((l) => l.startsWith('| high |'))).toBe(true);
    if (lows > 0) expect(highs).toBe(200);
    const cut = must(
      capped.split('\n').find((l) => l.startsWith('_Cut to stay under 60,000 characters:')),
      'cut line',
    );
    const counts = [
      ...(highs < 200 ? [`${200 - highs} high`] : []),
      ...(lows < 400 ? [`${400 - lows} low`] : []),
    ];
    expect(cut).toContain(`${600 - rows.length} more findings not listed (${counts.join(', ')})`);
    expect(cut).toContain('`out/a.sarif`');
    expect(formatMarkdown(RESULT, CONTEXT).length).toBeLessThan(MAX_MARKDOWN_CHARS);
  });

  it('states the cluster scoping and names the other definitions of a finding, compactly', () => {
    // Regression: the Markdown report named neither the scopes nor a merged finding's other locations.
    const high = must(
      FINDINGS.find((f) => f.ruleId === 'fake-private-api'),
      'high finding',
    );
    const at = (file: string, line: number) => ({ file, line });
    const merged = {
      ...high,
      location: at('base/a.yaml', 3),
      locations: [
        at('base/a.yaml', 3),
        at('all-in-one/b.yaml', 9),
        at('quick|start.yaml', 1),
        at('c.yaml', 4),
        at('d.yaml', 5),
      ],
    };
    const scopes = [
      { name: 'guestbook/base', reason: 'kustomization', files: ['base/a.yaml'] },
      { name: 'guestbook/all-in-one', reason: 'folder', files: ['all-in-one/b.yaml'] },
    ];
    const text = formatMarkdown({ ...RESULT, findings: [merged] }, { ...CONTEXT, scopes });
    expect(text).toContain(
      'Scope: 2 clusters, each analysed on its own: guestbook/base (kustomization), guestbook/all-in-one (folder).',
    );
    expect(text).toContain(
      '| base/a.yaml:3 properties.apiServerAccessProfile.enablePrivateCluster<br>also in all-in-one/b.yaml:9, quick\\|start.yaml:1 (+2 more) |',
    );
    const single = formatMarkdown(
      { ...RESULT, findings: [{ ...merged, locations: [merged.location] }] },
      CONTEXT,
    );
    expect(single).not.toContain('also in');
    expect(single).not.toContain('Scope:');
  });
});
