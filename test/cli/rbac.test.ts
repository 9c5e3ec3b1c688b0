/** can-i, who-can and access as commands: exit codes (0 yes, 1 no, 2 usage), warnings on stderr. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './run.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const IN = ['-i', 'examples/unhardened'];
const run = (args: readonly string[]) => cli(args, { cwd: ROOT });

describe('can-i', () => {
  it('exits 0 for yes and 1 for no', async () => {
    const as = ['--as', 'system:serviceaccount:shop:default'];
    expect((await run(['can-i', 'get', 'secrets', ...IN, '-n', 'shop', ...as])).code).toBe(0);
    const no = await run(['can-i', 'get', 'secrets', ...IN, '-n', 'kube-system', ...as]);
    expect(no.code).toBe(1);
    expect(no.stdout.split('\n')[0]).toBe('no');
  });

  it('exits 2 without --as, on a bad resource or a bad format', async () => {
    expect((await run(['can-i', 'get', 'pods', ...IN])).code).toBe(2);
    const empty = await run(['can-i', 'get', 'pods', ...IN, '--as', '']);
    expect(empty).toMatchObject({ code: 2, stdout: '' });
    expect(empty.stderr).toContain('can-i needs --as <username>');
    const bad = await run(['can-i', 'get', 'a/b/c', ...IN, '--as', 'x']);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toContain('"a/b/c" is not RESOURCE[/SUBRESOURCE]');
    expect((await run(['can-i', 'get', 'pods', ...IN, '--as', 'x', '--format', 'yaml'])).code).toBe(2);
  });

  it('warns on stderr about an unknown resource', async () => {
    const answer = await run(['can-i', 'get', 'widgets', ...IN, '--as', 'x', '-n', 'shop']);
    expect(answer.stderr).toContain('aksward: resource "widgets" is not a built-in resource');
  });
});

describe('who-can and access', () => {
  it('exit 0 with their answer, 2 on usage errors', async () => {
    expect((await run(['who-can', 'get', 'secrets', ...IN])).code).toBe(0);
    expect((await run(['access', 'system:anonymous', ...IN, '--format', 'json'])).code).toBe(0);
    const blank = await run(['access', ' ', ...IN]);
    expect(blank.code).toBe(2);
    expect(blank.stderr).toContain('access needs a username');
  });
});
