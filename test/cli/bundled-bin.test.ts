/**
 * @module The bin that ships is `dist/aksward.mjs`, the CLI and its dependencies bundled into one module
 * (scripts/bundle.mjs). Run as a process, it must answer as the modules do in-process: same output, same
 * exit code, for every verb and format on the examples, Terraform inputs included.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './run.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'dist/aksward.mjs');
const run = promisify(execFile);

/** The bundle as a process: stdout, stderr and the exit code, whatever the code. */
async function runBin(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
      env: { PATH: process.env.PATH ?? '' },
    });
    return { code: 0, stdout, stderr };
  } catch (cause) {
    const failed = cause as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw cause;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const COMMANDS: readonly (readonly string[])[] = [
  ['scan', 'examples/unhardened'],
  ['scan', 'examples/unhardened', '-f', 'json'],
  ['scan', 'examples/unhardened', '-f', 'sarif'],
  ['scan', 'examples/multi-tenant', '-f', 'markdown'],
  ['scan', 'examples/hardened', '-f', 'junit'],
  ['scan', 'examples/multi-app', '--cluster-scope', 'all', '-f', 'json'],
  ['reach', 'examples/unhardened', '-f', 'json'],
  ['reach', 'examples/multi-tenant', '-f', 'dot'],
  ['paths', 'examples/unhardened', '-f', 'json'],
  ['diff', 'examples/unhardened', 'examples/hardened'],
  ['can-i', 'get', 'secrets', '-i', 'examples/unhardened', '--as', 'system:serviceaccount:shop:web'],
  ['who-can', 'get', 'secrets', '-i', 'examples/unhardened', '--format', 'json'],
  ['rules', '-f', 'json'],
  ['explain', 'no-privileged'],
  ['scan', 'examples/no-such-folder'],
  ['--version'],
];

describe('the bundled bin', () => {
  it('is built (npm run build)', () => {
    expect(existsSync(bin)).toBe(true);
  });

  it.each(COMMANDS.map((args) => [args.join(' '), args] as const))(
    'answers `aksward %s` as the modules do',
    async (_name, args) => {
      const [bundled, modules] = await Promise.all([runBin(args), cli(args, { cwd: root })]);
      expect(bundled.stdout).toBe(modules.stdout);
      expect(bundled.stderr).toBe(modules.stderr);
      expect(bundled.code).toBe(modules.code);
      expect(bundled.stdout.length + bundled.stderr.length).toBeGreaterThan(0);
    },
  );

  const out = mkdtempSync(path.join(tmpdir(), 'aksward-bundle-'));
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
  });

  it('rejects a rule option of the wrong type as the modules do, with zod bundled without its unused locales', async () => {
    const config = path.join(out, 'bad-options.yaml');
    writeFileSync(config, 'rules:\n  no-mutable-image-tags:\n    options: { allowVersionTags: 3 }\n');
    const args = ['scan', 'examples/unhardened', '--config', config];
    const [bundled, modules] = await Promise.all([runBin(args), cli(args, { cwd: root })]);
    expect(bundled.code).toBe(modules.code);
    expect(bundled.code).not.toBe(0);
    expect(bundled.stderr).toBe(modules.stderr);
    expect(bundled.stderr).toContain('expected boolean');
    // `import { z } from 'zod'` in any module brings every locale (366 KB the CLI never reads); `import * as z`
    // does not. "erwartet" ("expected") is in the German messages.
    expect(readFileSync(bin, 'utf8')).not.toContain('erwartet');
  });

  it('writes the same hardening plan and artifacts with `fix` (Terraform edits included)', async () => {
    const bundled = await runBin(['fix', 'examples/unhardened', '-o', path.join(out, 'bundled')]);
    const modules = await cli(['fix', 'examples/unhardened', '-o', path.join(out, 'modules')], { cwd: root });
    expect(bundled.code).toBe(modules.code);
    const files = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
        .sort();
    const bundledFiles = files(path.join(out, 'bundled'));
    expect(bundledFiles).toEqual(files(path.join(out, 'modules')));
    expect(bundledFiles.some((file) => file.endsWith('.tf'))).toBe(true);
    for (const file of bundledFiles)
      expect(readFileSync(path.join(out, 'bundled', file), 'utf8'), file).toBe(
        readFileSync(path.join(out, 'modules', file), 'utf8'),
      );
  });
});
