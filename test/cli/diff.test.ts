/** @module Tests for `aksward diff`: the two sides from inputs or saved results, and the usage errors. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitSides, SIDE_SEPARATOR, withDiffSeparator } from '../../src/cli/commands/diff.js';
import { cli } from './run.js';

const example = (name: string): string => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));

interface DiffJson {
  findings: { opened: string[]; closed: string[] };
  reachability?: { opened: string[]; closed: string[] };
  reachabilityNote?: string;
  blastRadius: Record<string, { opened: string[]; closed: string[] }>;
}

async function saved(name: string): Promise<string> {
  const run = await cli(['scan', example(name), '-f', 'json', '--fail-on', 'none']);
  expect(run.code).toBe(0);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'aksward-diff-')), `${name}.json`);
  writeFileSync(file, run.stdout);
  return file;
}

describe('diff command', () => {
  it('splits the two sides at --, or takes exactly two paths', () => {
    expect(splitSides(['a', 'b', SIDE_SEPARATOR, 'c'])).toEqual([['a', 'b'], ['c']]);
    expect(splitSides(['a', 'b'])).toEqual([['a'], ['b']]);
    expect(() => splitSides(['a', 'b', 'c'])).toThrow(/two sides/);
    expect(() => splitSides([SIDE_SEPARATOR, 'c'])).toThrow(/two sides/);
    expect(withDiffSeparator(['diff', 'a', '--', 'b', '-f', 'json'])).toEqual([
      'diff',
      'a',
      SIDE_SEPARATOR,
      'b',
      '-f',
      'json',
    ]);
    expect(withDiffSeparator(['scan', 'a', '--', 'b'])).toEqual(['scan', 'a', '--', 'b']);
  });

  it('reads several inputs per side after --', async () => {
    const shop = path.join(example('unhardened'), 'manifests');
    const run = await cli(
      [
        'diff',
        path.join(example('unhardened'), 'cluster.json'),
        shop,
        '--',
        example('hardened'),
        '-f',
        'json',
      ],
      { cwd: example('unhardened') },
    );
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const diff = JSON.parse(run.stdout) as DiffJson;
    expect(diff.findings.closed).toContain('no-exposed-path-to-secrets fail Deployment/shop/web');
    expect(diff.reachability?.closed.length).toBeGreaterThan(0);
  });

  it('compares two saved JSON results: findings and blast radius, reachability said not compared', async () => {
    const before = await saved('unhardened');
    const after = await saved('hardened');
    const run = await cli(['diff', before, after, '-f', 'json']);
    expect(run.code).toBe(0);
    const diff = JSON.parse(run.stdout) as DiffJson;
    expect(diff.findings.closed).toContain('no-exposed-path-to-secrets fail Deployment/shop/web');
    expect(diff.blastRadius['workload:shop/web']?.closed).toContain('secrets in namespace shop');
    expect(diff.reachability).toBeUndefined();
    expect(diff.reachabilityNote).toMatch(/saved results, which hold no connection list/);
    const table = await cli(['diff', before, after]);
    expect(table.stdout).toContain('Reachability: not compared');
  });

  it('compares a saved result with inputs, and agrees with the inputs-only diff on findings', async () => {
    const before = await saved('unhardened');
    const mixed = await cli(['diff', before, '--', example('hardened'), '-f', 'json']);
    const live = await cli(['diff', example('unhardened'), example('hardened'), '-f', 'json']);
    const a = JSON.parse(mixed.stdout) as DiffJson;
    const b = JSON.parse(live.stdout) as DiffJson;
    expect(a.findings).toEqual(b.findings);
    expect(a.blastRadius).toEqual(b.blastRadius);
  });

  it('refuses a saved result of another major schema, and a single side', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-diff-'));
    const future = path.join(dir, 'future.json');
    writeFileSync(future, JSON.stringify({ schemaVersion: '2.0', tool: { name: 'aksward' }, findings: [] }));
    const run = await cli(['diff', future, example('hardened')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('schema 2.0');
    const one = await cli(['diff', example('hardened')]);
    expect(one.code).toBe(2);
  });
});

describe('diff: an edited saved result', () => {
  it('is refused with the field that is wrong, not a crash', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-diff-'));
    const file = path.join(dir, 'edited.json');
    const report = {
      schemaVersion: '1.2',
      tool: { name: 'aksward' },
      findings: [],
      blastRadius: [{ workload: 'workload:shop/web', reaches: { workloads: 'many' } }],
    };
    writeFileSync(file, JSON.stringify(report));
    const run = await cli(['diff', file, example('hardened')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not a valid aksward result at blastRadius.0.reaches.workloads');
  });
});
