/**
 * @module Every command says when its answer rests on input it could not read: exit 3, `complete: false`
 * and the unread inputs in its JSON, `INCOMPLETE` on stderr. With every input read, nothing changes.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { completenessJson } from '../../src/cli/completeness.js';
import { cli } from './run.js';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  serviceAccountName: web
  containers:
  - name: c
    image: nginx:1.25
    securityContext: {privileged: PRIVILEGED}
`;
const BROKEN = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n  data: [\n';

/** A folder with one valid Pod, and (when `broken`) a malformed YAML file beside it. */
function inputFolder(broken: boolean, privileged = false): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'aksward-incomplete-'));
  writeFileSync(path.join(dir, 'pod.yaml'), POD.replace('PRIVILEGED', String(privileged)));
  if (broken) writeFileSync(path.join(dir, 'broken.yaml'), BROKEN);
  return dir;
}

/** Each command over `dir`, with its JSON format when it has one. */
const COMMANDS: readonly { name: string; args: (dir: string) => string[]; json: boolean }[] = [
  { name: 'reach', args: (d) => ['reach', d, '-f', 'json'], json: true },
  { name: 'reach table', args: (d) => ['reach', d], json: false },
  {
    name: 'reach --explain',
    args: (d) => ['reach', d, '--from', 'shop/web', '--to', 'shop/web', '--explain', '-f', 'json'],
    json: true,
  },
  { name: 'paths', args: (d) => ['paths', d, '-f', 'json'], json: true },
  { name: 'paths table', args: (d) => ['paths', d], json: false },
  {
    name: 'can-i',
    args: (d) => ['can-i', 'get', 'secrets', '-i', d, '--as', 'u', '--format', 'json'],
    json: true,
  },
  { name: 'can-i text', args: (d) => ['can-i', 'get', 'secrets', '-i', d, '--as', 'u'], json: false },
  { name: 'who-can', args: (d) => ['who-can', 'get', 'secrets', '-i', d, '--format', 'json'], json: true },
  { name: 'who-can text', args: (d) => ['who-can', 'get', 'secrets', '-i', d], json: false },
  { name: 'access', args: (d) => ['access', 'u', '-i', d, '--format', 'json'], json: true },
  { name: 'access text', args: (d) => ['access', 'u', '-i', d], json: false },
  { name: 'diff', args: (d) => ['diff', inputFolder(false), d, '-f', 'json'], json: true },
  { name: 'diff table', args: (d) => ['diff', inputFolder(false), d], json: false },
  { name: 'scan', args: (d) => ['scan', d, '-f', 'json', '--fail-on', 'none'], json: false },
];

describe('answers over unreadable input', () => {
  const incomplete = inputFolder(true);
  const complete = inputFolder(false);

  it.each(COMMANDS)('$name exits 3 and says the answer is incomplete', async ({ args, json }) => {
    const run = await cli(args(incomplete));
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/broken\.yaml:3: YAML syntax error/);
    if (args(incomplete)[0] !== 'scan')
      expect(run.stderr).toContain(
        'INCOMPLETE: 1 input(s) could not be read; this answer may be missing what they hold\n',
      );
    if (json) {
      const answer = JSON.parse(run.stdout) as { complete?: boolean; incomplete?: unknown[] };
      expect(answer.complete).toBe(false);
      expect(answer.incomplete).toEqual([
        expect.objectContaining({ file: path.join(incomplete, 'broken.yaml'), line: 3 }),
      ]);
    } else if (args(incomplete)[0] !== 'scan') {
      expect(run.stdout).not.toContain('INCOMPLETE');
    }
  });

  it.each(COMMANDS)(
    '$name keeps its exit code and output shape over readable input',
    async ({ args, json }) => {
      const run = await cli(args(complete));
      expect(run.stderr).not.toMatch(/INCOMPLETE|error/);
      // can-i answers no (exit 1); every other command here exits 0.
      expect(run.code).toBe(args(complete)[0] === 'can-i' ? 1 : 0);
      if (json) expect(JSON.parse(run.stdout)).not.toHaveProperty('complete');
    },
  );

  it('diff: a privileged container added beside a syntax error exits 3, not 0', async () => {
    const after = inputFolder(true, true);
    const run = await cli(['diff', complete, '--', after, '-f', 'json']);
    expect(run.code).toBe(3);
    const answer = JSON.parse(run.stdout) as { complete: boolean; findings: { opened: string[] } };
    expect(answer.complete).toBe(false);
    expect(answer.findings.opened.some((f) => f.startsWith('no-privileged fail Pod/shop/web'))).toBe(true);
  });

  it('diff: a saved result of an incomplete scan makes the diff incomplete', async () => {
    const scanned = await cli(['scan', incomplete, '-f', 'json', '--fail-on', 'none']);
    expect(scanned.code).toBe(3);
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-incomplete-saved-'));
    mkdirSync(dir, { recursive: true });
    const saved = path.join(dir, 'after.json');
    writeFileSync(saved, scanned.stdout);
    const run = await cli(['diff', complete, saved, '-f', 'json']);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ complete: false, incomplete: [{ line: 3 }] });
  });
});

describe('completenessJson', () => {
  const unread = [{ file: 'a.yaml', line: 3, message: 'YAML syntax error' }];

  /** Writes `pieces` through the wrapper and returns what came out. */
  function through(pieces: readonly string[], key = 'items'): string {
    let out = '';
    const writer = completenessJson(unread, (t) => (out += t), key);
    for (const p of pieces) writer.write(p);
    writer.end();
    return out;
  }

  it('puts complete and incomplete first in an object root, in JSON.stringify layout', () => {
    const value = { a: 1, b: [1, 2], c: { d: 'x' } };
    const text = `${JSON.stringify(value, null, 2)}\n`;
    const expected = `${JSON.stringify({ complete: false, incomplete: unread, ...value }, null, 2)}\n`;
    expect(through([text])).toBe(expected);
    // Split anywhere, including right after the opening brace: the same bytes.
    for (let at = 0; at <= text.length; at++)
      expect(through([text.slice(0, at), text.slice(at)])).toBe(expected);
    expect(through(['{}\n'])).toBe(`${JSON.stringify({ complete: false, incomplete: unread }, null, 2)}\n`);
  });

  it('nests an array root under the key, streamed in any pieces', () => {
    const list = [
      { src: 'a', conn: ['x', 'y'] },
      { src: 'b', conn: [] },
    ];
    const text = `${JSON.stringify(list, null, 2)}\n`;
    const expected = `${JSON.stringify({ complete: false, incomplete: unread, items: list }, null, 2)}\n`;
    for (let at = 0; at <= text.length; at++)
      expect(through([text.slice(0, at), text.slice(at)])).toBe(expected);
    expect(through(['[]\n'])).toBe(
      `${JSON.stringify({ complete: false, incomplete: unread, items: [] }, null, 2)}\n`,
    );
  });

  it('is the plain writer when everything was read', () => {
    const write = (): void => undefined;
    expect(completenessJson([], write, 'items').write).toBe(write);
  });
});
