/** A plan's files are written under its folder, never outside it. */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../../src/fix/write-tree.js';

describe('writeTree', () => {
  it('writes every file, folders made, a path given twice with its last text', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'aksward-write-tree-'));
    const files: [string, string][] = Array.from({ length: 120 }, (_, i) => [
      path.join(`ns-${String(i % 7)}`, 'deep', `f${String(i)}.yaml`),
      `kind: ConfigMap # ${String(i)}\n`,
    ]);
    await writeTree(root, [...files, ['plan.md', 'first'], ['plan.md', 'last']]);
    for (const [relative, text] of files) expect(readFileSync(path.join(root, relative), 'utf8')).toBe(text);
    expect(readFileSync(path.join(root, 'plan.md'), 'utf8')).toBe('last');
    expect(readdirSync(root).sort()).toEqual([
      ...Array.from({ length: 7 }, (_, i) => `ns-${String(i)}`),
      'plan.md',
    ]);
  });

  it('refuses a path that leaves the folder, before writing anything', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'aksward-write-tree-'));
    const outside = `escape-${path.basename(root)}.yaml`;
    await expect(
      writeTree(root, [
        ['a.yaml', 'a'],
        [path.join('..', outside), 'x'],
      ]),
    ).rejects.toThrow(/refusing to write outside/);
    expect(existsSync(path.join(root, 'a.yaml'))).toBe(false);
    expect(existsSync(path.join(path.dirname(root), outside))).toBe(false);
  });
});
