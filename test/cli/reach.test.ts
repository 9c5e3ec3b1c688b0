/** `aksward reach` usage errors: the format, the choices, the port and the pair, with exit code 2. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './run.js';

const SCENARIO = fileURLToPath(new URL('../fixtures/netpol/egress-and-ingress-both/', import.meta.url));

describe('reach usage', () => {
  it('rejects bad usage with exit code 2 and nothing on stdout', async () => {
    for (const args of [
      ['-f', 'yaml'],
      ['--compat', 'cyclonus'],
      ['--host-network', 'host'],
      ['--port', '70000'],
      ['--explain', '--from', 'shop/web'],
      ['--explain', '--from', 'shop/web', '--to', 'shop/db', '-f', 'dot'],
    ]) {
      const run = await cli(['reach', SCENARIO, ...args]);
      expect(run, args.join(' ')).toMatchObject({ code: 2, stdout: '' });
    }
    const dot = await cli([
      'reach',
      SCENARIO,
      '--explain',
      '--from',
      'shop/web',
      '--to',
      'shop/db',
      '-f',
      'dot',
    ]);
    expect(dot.stderr).toBe('aksward: --explain prints table or json, not dot\n');
    const unknown = await cli(['reach', SCENARIO, '--from', 'web']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('did you mean shop/web?');
  });

  it('explains a pair with exit code 0', async () => {
    const run = await cli(['reach', SCENARIO, '--explain', '--from', 'shop/client', '--to', 'shop/db']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('shop/client -> shop/db: no connection');
  });
});
