/**
 * Hostile names through every command and format (issue 16, items 11 and 12): a name, label value or file name
 * carrying a line break, ANSI escapes, a bidi override, HTML and a Markdown image must not forge a report line,
 * drive the terminal, reorder text or open HTML in Markdown; JSON keeps the value exactly. A 200,000-character
 * name costs a bounded number of characters in every human output.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './run.js';

const FORGED = 'PASS no findings';
const HOSTILE = `a\n${FORGED}\n\u001b[2J\u202e</details><script>alert(1)</script><!--![x](http://127.0.0.1/x.png)|b\r`;
const q = (s: string): string => JSON.stringify(s);

/** A namespace, an exposed privileged Deployment, its ServiceAccount with rights on secrets, and a NetworkPolicy. */
function manifest(name: string): string {
  return `apiVersion: v1
kind: Namespace
metadata: {name: ${q(name)}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${q(name)}, namespace: ${q(name)}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${q(name)}, namespace: ${q(name)}, labels: {app: ${q(name)}}}
spec:
  selector: {matchLabels: {app: ${q(name)}}}
  template:
    metadata: {labels: {app: ${q(name)}}}
    spec:
      serviceAccountName: ${q(name)}
      containers:
        - name: ${q(name)}
          image: ${q(`${name}:latest`)}
          securityContext: {privileged: true}
          ports: [{containerPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: ${q(name)}, namespace: ${q(name)}}
spec:
  type: LoadBalancer
  selector: {app: ${q(name)}}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ${q(name)}, namespace: ${q(name)}}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${q(name)}, namespace: ${q(name)}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ${q(name)}}
subjects: [{kind: ServiceAccount, name: ${q(name)}, namespace: ${q(name)}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${q(name)}, namespace: ${q(name)}}
spec:
  podSelector: {matchLabels: {app: ${q(name)}}}
  ingress: [{from: [{namespaceSelector: {matchLabels: {team: ${q(name)}}}}]}]
`;
}

// The paths are known when the cases are collected (`it.each` reads them then): made before `beforeAll` runs.
// An empty path would scan the current folder, the whole repository, instead of the hostile fixture.
const dir = mkdtempSync(join(tmpdir(), 'aksward-hostile-'));
const before = join(dir, 'before');
const after = join(dir, 'after');

beforeAll(() => {
  mkdirSync(before);
  mkdirSync(after);
  writeFileSync(join(before, 'empty.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: quiet}\n');
  writeFileSync(join(after, 'app.yaml'), manifest(HOSTILE));
  // A file name with a line break and escapes, holding a syntax error: the diagnostic names it.
  writeFileSync(join(after, `x\n${FORGED}\n\u001b[31m\u202e.yaml`), 'a: "unclosed\n');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function commands(): {
  name: string;
  args: string[];
  format: 'text' | 'markdown' | 'json' | 'xml' | 'dot';
}[] {
  const sa = `system:serviceaccount:${HOSTILE}:${HOSTILE}`;
  const list: ReturnType<typeof commands> = [];
  for (const f of ['table', 'markdown', 'json', 'sarif', 'junit'] as const)
    list.push({
      name: `scan -f ${f}`,
      args: ['scan', after, '-f', f, '--fail-on', 'none'],
      format: f === 'table' ? 'text' : f === 'markdown' ? 'markdown' : f === 'junit' ? 'xml' : 'json',
    });
  for (const f of ['table', 'markdown', 'json', 'dot'] as const)
    list.push({ name: `reach -f ${f}`, args: ['reach', after, '-f', f], format: f === 'table' ? 'text' : f });
  for (const f of ['table', 'markdown', 'json', 'dot'] as const)
    list.push({ name: `paths -f ${f}`, args: ['paths', after, '-f', f], format: f === 'table' ? 'text' : f });
  for (const f of ['text', 'json'] as const) {
    list.push({
      name: `can-i ${f}`,
      args: ['can-i', 'get', 'secrets', '-i', after, '-n', HOSTILE, '--as', sa, '--format', f],
      format: f,
    });
    list.push({
      name: `who-can ${f}`,
      args: ['who-can', 'get', 'secrets', '-i', after, '-n', HOSTILE, '--format', f],
      format: f,
    });
    list.push({ name: `access ${f}`, args: ['access', sa, '-i', after, '--format', f], format: f });
  }
  for (const f of ['table', 'json'] as const)
    list.push({
      name: `diff -f ${f}`,
      args: ['diff', before, after, '-f', f],
      format: f === 'table' ? 'text' : 'json',
    });
  return list;
}

/** Whether `value` holds `wanted` as a string anywhere, so the JSON is known to keep the original value. */
function holds(value: unknown, wanted: string): boolean {
  if (typeof value === 'string') return value.includes(wanted);
  if (Array.isArray(value)) return value.some((v) => holds(v, wanted));
  if (value !== null && typeof value === 'object') return Object.values(value).some((v) => holds(v, wanted));
  return false;
}

describe('hostile names in every command and format', () => {
  it.each(commands())('$name: no terminal control, no forged line, no HTML', async ({ args, format }) => {
    const { stdout, stderr } = await cli(args);
    for (const [stream, text] of [
      ['stdout', stdout],
      ['stderr', stderr],
    ] as const) {
      // eslint-disable-next-line no-control-regex -- the controls are what must not appear
      expect(text, stream).not.toMatch(/[\u001b\u009b\r\u202a-\u202e\u2066-\u2069]/);
      expect(
        text.split('\n').map((line) => line.trim()),
        stream,
      ).not.toContain(FORGED);
    }
    if (format === 'markdown') {
      expect(stdout).not.toContain('<script');
      expect(stdout).not.toContain('<!--');
      expect(stdout).not.toContain('![');
      expect(stdout).not.toContain('</details><');
    }
    if (format === 'json') expect(() => JSON.parse(stdout) as unknown).not.toThrow();
  });

  it('shows the names, escaped, so the checks above saw them', async () => {
    const table = await cli(['scan', after, '-f', 'table', '--fail-on', 'none']);
    expect(table.stdout).toContain(`a\\n${FORGED}\\n\\x1b[2J\\u202e`);
    expect(table.stdout + table.stderr).toContain(`x\\n${FORGED}\\n\\x1b[31m\\u202e.yaml`);
    const reach = await cli(['reach', after, '-f', 'markdown']);
    expect(reach.stdout).toContain('&lt;/details&gt;&lt;script&gt;');
    expect(reach.stdout).toContain('!\\[x\\](http://127.0.0.1/x.png)\\|b');
  });

  it('keeps the original value in JSON', async () => {
    for (const args of [
      ['scan', after, '-f', 'json', '--fail-on', 'none'],
      ['scan', after, '-f', 'sarif', '--fail-on', 'none'],
      ['reach', after, '-f', 'json'],
      ['paths', after, '-f', 'json'],
      ['who-can', 'get', 'secrets', '-i', after, '-n', HOSTILE, '--format', 'json'],
    ]) {
      const parsed = JSON.parse((await cli(args)).stdout) as unknown;
      expect(holds(parsed, HOSTILE), args.join(' ')).toBe(true);
    }
  });
});

describe('a 200,000-character name', () => {
  const LONG = 'n'.repeat(200_000);
  let big = '';

  beforeAll(() => {
    big = join(dir, 'big');
    mkdirSync(big);
    writeFileSync(join(big, 'app.yaml'), manifest(LONG));
  });

  it.each([
    ['scan', '-f', 'markdown', '--fail-on', 'none'],
    ['scan', '-f', 'table', '--fail-on', 'none'],
    ['reach', '-f', 'markdown'],
    ['reach', '-f', 'table'],
    ['reach', '-f', 'dot'],
    ['paths', '-f', 'markdown'],
    ['paths', '-f', 'table'],
  ])('%s %s %s stays under 100 KB, the name cut with its length', async (command, ...rest) => {
    const { stdout, stderr } = await cli([command, big, ...rest]);
    expect(stdout.length + stderr.length).toBeLessThan(100_000);
    expect(stdout).toMatch(/…\(\+\d+ chars\)/);
  });

  it('who-can and can-i text stay small too', async () => {
    const sa = `system:serviceaccount:${LONG}:${LONG}`;
    for (const args of [
      ['who-can', 'get', 'secrets', '-i', big, '-n', LONG],
      ['can-i', 'get', 'secrets', '-i', big, '-n', LONG, '--as', sa],
      ['access', sa, '-i', big],
    ]) {
      const { stdout, stderr } = await cli(args);
      expect(stdout.length + stderr.length, args[0]).toBeLessThan(100_000);
      expect(stdout, args[0]).toContain('…(+');
    }
  });
});
