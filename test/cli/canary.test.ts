/** Secret values never appear in any output, log, error or report file, whatever the format. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './run.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CANARY_DIR = path.join(ROOT, 'test/fixtures/canary');
const CANARIES = [
  'CANARY-b64-decoded-7f3a',
  Buffer.from('CANARY-b64-decoded-7f3a').toString('base64'),
  'CANARY-stringdata-91c2',
  'CANARY-configmap-55d1',
  'CANARY-env-literal-3b8e',
  'CANARY-in-broken-yaml-c0de',
  'CANARY-arm-param-a11f',
  'CANARY-tf-variable-e4d2',
];
/** The example's own credentials count as secrets too. */
const EXAMPLE_SECRETS = [
  'Unhardened-DB-Password-123',
  'VW5oYXJkZW5lZC1EQi1QYXNzd29yZC0xMjM=',
  'sk_live_51HkQ8vUNHARDENEDEXAMPLEKEY0000',
  'pk_live_UNHARDENED_EXAMPLE_API_KEY_42',
];

function expectClean(text: string, where: string): void {
  for (const canary of [...CANARIES, ...EXAMPLE_SECRETS]) {
    expect(text.includes(canary), `${canary} leaked into ${where}`).toBe(false);
  }
}

describe('secret canaries', () => {
  for (const format of ['table', 'json', 'sarif', 'markdown', 'junit']) {
    it(`never prints a secret value in ${format}`, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'aksward-canary-'));
      const run = await cli(
        [
          'scan',
          CANARY_DIR,
          path.join(ROOT, 'examples/unhardened'),
          '-f',
          format,
          '-o',
          `${format}=${dir}/report`,
          '--debug',
        ],
        {
          cwd: ROOT,
        },
      );
      expect(run.stdout.length).toBeGreaterThan(0);
      expectClean(run.stdout, 'stdout');
      expectClean(run.stderr, 'stderr');
      for (const file of readdirSync(dir)) expectClean(readFileSync(path.join(dir, file), 'utf8'), file);
    });
  }

  it('never writes a secret value into a baseline', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-canary-'));
    const run = await cli(['baseline', CANARY_DIR, '-o', `${dir}/baseline.json`], { cwd: ROOT });
    expectClean(run.stderr, 'stderr');
    expectClean(readFileSync(path.join(dir, 'baseline.json'), 'utf8'), 'baseline');
  });
});
