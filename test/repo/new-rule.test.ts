/** @module The new-rule scaffold, run on a temporary copy of the repository: its files, its registry line, its refusals. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = path.join(ROOT, 'scripts', 'new-rule.mjs');

let copy = '';

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [SCRIPT, '--root', copy, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const read = (file: string) => readFileSync(path.join(copy, file), 'utf8');

/** The ids a surface index imports, and the names its array lists, in file order. */
function registry(surface: string) {
  const text = read(`src/rules/${surface}/index.ts`);
  const imports = [...text.matchAll(/^import (\w+) from '\.\/([a-z0-9-]+)\.js';$/gm)];
  const array = /export const rules: readonly AnyRule\[\] = \[([^\]]*)\]/.exec(text)?.[1] ?? '';
  return {
    ids: imports.map((m) => m[2] ?? ''),
    importNames: imports.map((m) => m[1] ?? ''),
    arrayNames: array
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  };
}

beforeAll(() => {
  copy = mkdtempSync(path.join(tmpdir(), 'aksward-new-rule-'));
  cpSync(path.join(ROOT, 'src'), path.join(copy, 'src'), { recursive: true });
  for (const file of ['package.json', '.prettierrc.json', 'tsconfig.json'])
    cpSync(path.join(ROOT, file), path.join(copy, file));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
});

afterAll(() => {
  if (copy !== '') rmSync(copy, { recursive: true, force: true });
});

describe('npm run new-rule', () => {
  it('creates the rule, its sorted registry line, two fixtures and a test', () => {
    const before = registry('k8s-rbac');
    const result = run('k8s-rbac', 'no-bind-anything');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const file of [
      'src/rules/k8s-rbac/no-bind-anything.ts',
      'test/fixtures/rules/no-bind-anything/valid.basic.yaml',
      'test/fixtures/rules/no-bind-anything/invalid.basic.yaml',
      'test/rules/k8s-rbac/no-bind-anything.test.ts',
    ])
      expect(existsSync(path.join(copy, file)), file).toBe(true);
    const after = registry('k8s-rbac');
    expect(after.ids).toEqual([...before.ids, 'no-bind-anything'].sort());
    expect(after.arrayNames).toEqual(after.importNames);
    expect(after.importNames).toContain('noBindAnything');
    const rule = read('src/rules/k8s-rbac/no-bind-anything.ts');
    expect(rule).toContain("id: 'no-bind-anything'");
    expect(rule).toContain("surface: 'k8s-rbac'");
    expect(read('test/rules/k8s-rbac/no-bind-anything.test.ts')).toContain("testRule('no-bind-anything'");
  });

  it('writes a rule and registry that type-check', () => {
    const config: unknown = ts.readConfigFile(path.join(copy, 'tsconfig.json'), (file) =>
      ts.sys.readFile(file),
    ).config;
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, copy);
    const files = ['src/rules/k8s-rbac/no-bind-anything.ts', 'src/rules/index.ts'].map((f) =>
      path.join(copy, f),
    );
    const program = ts.createProgram(files, options);
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });

  it('refuses an existing id, an unknown surface and a malformed id, and writes nothing', () => {
    const index = read('src/rules/k8s-rbac/index.ts');
    expect(run('k8s-rbac', 'no-bind-anything')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('exists already') as unknown,
    });
    expect(run('network', 'no-cluster-admin-binding')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('src/rules/k8s-rbac/no-cluster-admin-binding.ts') as unknown,
    });
    expect(run('kubernetes', 'no-thing')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('unknown surface "kubernetes"') as unknown,
    });
    expect(run('network', 'NoThing')).toMatchObject({ status: 2 });
    expect(read('src/rules/k8s-rbac/index.ts')).toBe(index);
    expect(existsSync(path.join(copy, 'src/rules/kubernetes'))).toBe(false);
    expect(existsSync(path.join(copy, 'src/rules/network/NoThing.ts'))).toBe(false);
  });
});
