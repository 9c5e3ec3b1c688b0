/**
 * @module `aksward scan ... -f json | head -c1`: the reader closes stdout after one byte. The built CLI is
 * run as a process (the in-process runner has no pipe to close): the run ends quietly, with its exit code.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** The bin that ships (`package.json` `bin`): the bundled CLI. */
const main = fileURLToPath(new URL('../../dist/aksward.mjs', import.meta.url));

/**
 * Runs the built CLI and closes its stdout: at once (every write then meets a closed pipe, whatever the
 * timing), or after the first chunk, as `head -c1` does.
 */
function runClosingStdout(
  args: readonly string[],
  when: 'at-once' | 'after-first-chunk',
): Promise<{ code: number | null; stderr: string; read: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let read = 0;
    if (when === 'at-once') child.stdout.destroy();
    child.stdout.once('data', (chunk: Buffer) => {
      read = chunk.length;
      child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stderr, read });
    });
  });
}

describe('a closed stdout pipe', () => {
  it('needs the built CLI (npm run build)', () => {
    expect(existsSync(main)).toBe(true);
  });

  const SCAN = ['scan', 'examples/unhardened', '-f', 'json'];
  const NOISE = /EPIPE|internal error|ERR_STREAM|^\s+at /im;

  it('ends scan -f json quietly when the reader has gone before the first write', async () => {
    const quiet = await runClosingStdout([...SCAN, '--fail-on', 'none'], 'at-once');
    expect(quiet.stderr).not.toMatch(NOISE);
    expect(quiet.code).toBe(0);
    // Findings still fail the run: a pipe closed early never turns them into a pass.
    const failing = await runClosingStdout([...SCAN, '--fail-on', 'high'], 'at-once');
    expect(failing.stderr).not.toMatch(NOISE);
    expect(failing.code).toBe(1);
  });

  // 134 KB of JSON: more than a pipe buffer, so writes may go on after the reader has gone.
  it('ends scan -f json quietly when the reader closes after the first chunk', async () => {
    const run = await runClosingStdout([...SCAN, '--fail-on', 'none'], 'after-first-chunk');
    expect(run.read).toBeGreaterThan(0);
    expect(run.stderr).not.toMatch(NOISE);
    expect(run.code).toBe(0);
  });

  it('ends quietly on the other verbs too (reach streams its JSON)', async () => {
    const run = await runClosingStdout(['reach', 'examples/unhardened', '-f', 'json'], 'at-once');
    expect(run.stderr).not.toMatch(NOISE);
    expect(run.code).toBe(0);
  });
});
