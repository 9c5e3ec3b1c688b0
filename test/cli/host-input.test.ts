/** @module The CLI on input that reaches the host: a FIFO, /dev/zero, links out of the input; it finishes, and says why it read nothing. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from './run.js';
import { cli } from './run.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'aksward-host-'));
  mkdirSync(path.join(root, 'repo'));
  writeFileSync(path.join(root, 'repo/ok.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n');
  execFileSync('mkfifo', [path.join(root, 'repo/pipe.yaml')]);
  symlinkSync('/dev/zero', path.join(root, 'repo/zero.yaml'));
  symlinkSync('/proc/self/status', path.join(root, 'repo/status.yaml'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Runs the CLI; the guard fails the test instead of letting a hang hang the suite. */
async function run(args: readonly string[]): Promise<CliRun> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<undefined>((done) => {
    timer = setTimeout(() => {
      done(undefined);
    }, 60_000);
  });
  const result = await Promise.race([cli(args, { cwd: root }), guard]);
  clearTimeout(timer);
  if (result === undefined) throw new Error(`aksward ${args.join(' ')} did not finish`);
  return result;
}

interface Report {
  inputs: { file: string; objects: number; reason?: string }[];
  diagnostics: { code: string; level: string; file: string }[];
}

describe('aksward scan on host files', () => {
  it('reads neither the FIFO nor what the links point at, lists each, and passes', async () => {
    const result = await run(['scan', 'repo', '-f', 'json', '--fail-on', 'none']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.inputs.map((i) => [i.file, i.objects])).toEqual([
      ['repo/ok.yaml', 1],
      ['repo/pipe.yaml', 0],
      ['repo/status.yaml', 0],
      ['repo/zero.yaml', 0],
    ]);
    expect(report.diagnostics.map((d) => [d.code, d.level, d.file])).toEqual([
      ['read-error', 'warning', 'repo/pipe.yaml'],
      ['outside-input', 'warning', 'repo/status.yaml'],
      ['outside-input', 'warning', 'repo/zero.yaml'],
    ]);
  });

  it('exits 3 when a device or FIFO is named, with --follow-symlinks too', async () => {
    for (const args of [
      ['scan', 'repo/pipe.yaml'],
      ['scan', 'repo/zero.yaml'],
      ['scan', 'repo/zero.yaml', '--follow-symlinks'],
    ]) {
      const result = await run([...args, '-f', 'json']);
      expect([args.join(' '), result.code]).toEqual([args.join(' '), 3]);
    }
    const followed = await run(['scan', 'repo/zero.yaml', '--follow-symlinks', '-f', 'json']);
    expect(followed.stderr).toContain('repo/zero.yaml: a character device, not a regular file; not read');
  });
});
