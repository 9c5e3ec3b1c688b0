/** Secret values never appear in any output, log, error or report file, whatever the command or format. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliRun } from './run.js';
import { cli } from './run.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CANARY_DIR = path.join(ROOT, 'test/fixtures/canary');
const UNHARDENED = path.join(ROOT, 'examples/unhardened');
const INPUTS = [CANARY_DIR, UNHARDENED];
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const DOCKER_AUTH = b64('deployer:CANARY-dockerconfig-5b7e');
const CANARIES = [
  'CANARY-b64-decoded-7f3a',
  b64('CANARY-b64-decoded-7f3a'),
  'CANARY-stringdata-91c2',
  'CANARY-configmap-55d1',
  'CANARY-env-literal-3b8e',
  'CANARY-in-broken-yaml-c0de',
  'CANARY-arm-param-a11f',
  'CANARY-arm-literal-7b1e',
  'CANARY-tf-variable-e4d2',
  'CANARY-tfvars-9d3c',
  'CANARY-annotation-token-6d0b',
  'CANARY-sa-token-2e9f',
  b64('CANARY-sa-token-2e9f'),
  'CANARY-dockerconfig-5b7e',
  DOCKER_AUTH,
  b64(JSON.stringify({ auths: { 'registry.example.com': { auth: DOCKER_AUTH } } })),
  'CANARY-last-applied-8a4c',
  'CANARY-kubeconfig-cm-0e1a',
  'CANARY-container-arg-4c7d',
];
/** Secret values in the evidence `fix` reads: a Secret created through the API, a flow's URL and header. */
const EVIDENCE_DIR = path.join(ROOT, 'test/fixtures/canary-evidence');
const EVIDENCE_CANARIES = [
  'CANARY-audit-annotation-1e5a',
  'CANARY-audit-data-4b2f',
  b64('CANARY-audit-data-4b2f'),
  'CANARY-audit-stringdata-8c3d',
  b64('CANARY-audit-stringdata-8c3d'),
  'CANARY-audit-uri-6f7e',
  'CANARY-flow-url-2a9b',
  'CANARY-flow-header-7d1c',
];
/** The example's own credentials count as secrets too. */
const EXAMPLE_SECRETS = [
  'Unhardened-DB-Password-123',
  'VW5oYXJkZW5lZC1EQi1QYXNzd29yZC0xMjM=',
  'sk_live_51HkQ8vUNHARDENEDEXAMPLEKEY0000',
  'pk_live_UNHARDENED_EXAMPLE_API_KEY_42',
];

/** The text of every file under a folder, with its base64 tokens decoded (twice, for registry credentials). */
function inputTexts(dir: string): string {
  const decode = (text: string): string =>
    [...text.matchAll(/[A-Za-z0-9+/]{16,}={0,2}/g)]
      .map(([token]) => Buffer.from(token, 'base64').toString('utf8'))
      .join('\n');
  const raw = readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
  const once = decode(raw);
  return [raw, once, decode(once)].join('\n');
}

function expectClean(text: string, where: string): void {
  for (const canary of [...CANARIES, ...EXAMPLE_SECRETS, ...EVIDENCE_CANARIES]) {
    expect(text.includes(canary), `${canary} leaked into ${where}`).toBe(false);
  }
}

/** Runs a command over the inputs with --debug; checks the exit code, that it said something, and no leak. */
async function runClean(args: readonly string[], expected: { code: number }): Promise<CliRun> {
  const run = await cli([...args, '--debug'], { cwd: ROOT });
  const label = args.map((a) => path.relative(ROOT, a) || a).join(' ');
  expect(run.code, `exit code of ${label}; stderr: ${run.stderr}`).toBe(expected.code);
  expect(run.stdout.trim().length, `stdout of ${label}`).toBeGreaterThan(0);
  expect(run.stderr, `stderr of ${label}`).not.toMatch(/internal error|at .*\.ts:\d+/);
  expectClean(run.stdout, `stdout of ${label}`);
  expectClean(run.stderr, `stderr of ${label}`);
  return run;
}

const inputFlags = INPUTS.flatMap((input) => ['-i', input]);

describe('secret canaries: the fixtures', () => {
  // Every canary is really in the inputs: a test over a fixture that lost its canary would prove nothing.
  it('hold every canary and example secret, so the checks below can fail', () => {
    const texts = `${inputTexts(CANARY_DIR)}\n${inputTexts(UNHARDENED)}`;
    for (const canary of [...CANARIES, ...EXAMPLE_SECRETS]) expect(texts, canary).toContain(canary);
    const evidence = inputTexts(EVIDENCE_DIR);
    for (const canary of EVIDENCE_CANARIES) expect(evidence, canary).toContain(canary);
  });
});

describe('secret canaries: scan and baseline', () => {
  const FORMATS = ['table', 'json', 'sarif', 'markdown', 'junit'];
  for (const format of FORMATS) {
    it(`never prints a secret value in ${format}, on stdout or in any report file`, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'aksward-canary-'));
      const outputs = FORMATS.flatMap((name) => ['-o', `${name}=${dir}/report.${name}`]);
      // broken.yaml cannot be parsed: the scan is incomplete (exit 3), and says so.
      const run = await runClean(['scan', ...INPUTS, '-f', format, ...outputs], { code: 3 });
      if (format !== 'table') expect(run.stderr).toContain('broken.yaml:8: YAML syntax error');
      expect(readdirSync(dir).sort()).toEqual(FORMATS.map((name) => `report.${name}`).sort());
      for (const file of readdirSync(dir)) {
        const text = readFileSync(path.join(dir, file), 'utf8');
        expect(text.length, file).toBeGreaterThan(0);
        expectClean(text, file);
      }
    });
  }

  it('never writes a secret value into a baseline', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-canary-'));
    const run = await cli(['baseline', ...INPUTS, '-o', `${dir}/baseline.json`, '--debug'], { cwd: ROOT });
    expect(run.code).toBe(3);
    expectClean(run.stdout, 'stdout');
    expectClean(run.stderr, 'stderr');
    const baseline = readFileSync(path.join(dir, 'baseline.json'), 'utf8');
    expect((JSON.parse(baseline) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
    expectClean(baseline, 'baseline');
  });
});

/**
 * The canary inputs hold a malformed file (broken.yaml), so every answer over them is incomplete: each
 * command exits 3 and its JSON lists the unread inputs, which must not leak a value either.
 */
describe('secret canaries: can-i, who-can, access', () => {
  const SA = 'system:serviceaccount:shop:canary-sa';
  for (const format of ['text', 'json']) {
    it(`never prints a secret value in can-i --format ${format}`, async () => {
      const base = ['--format', format, ...inputFlags];
      await runClean(['can-i', 'get', 'secrets', '-n', 'shop', '--as', SA, ...base], { code: 3 });
      await runClean(['can-i', 'get', 'secrets', 'canary-sa-token', '-n', 'shop', '--as', SA, ...base], {
        code: 3,
      });
      // no grant in kube-system, where the Secret with the last-applied annotation lives
      await runClean(['can-i', 'get', 'secrets', '-n', 'kube-system', '--as', SA, ...base], { code: 3 });
      await runClean(
        ['can-i', 'list', 'secrets', '-A', '--as', 'alice', '--as-group', 'system:masters', ...base],
        { code: 3 },
      );
    });

    it(`never prints a secret value in who-can --format ${format}`, async () => {
      const base = ['--format', format, ...inputFlags];
      const run = await runClean(['who-can', 'get', 'secrets', '-n', 'shop', ...base], { code: 3 });
      expect(run.stdout).toContain(SA);
      await runClean(['who-can', 'list', 'secrets', '-A', ...base], { code: 3 });
      await runClean(['who-can', 'get', 'configmaps', '-n', 'shop', ...base], { code: 3 });
    });

    it(`never prints a secret value in access --format ${format}`, async () => {
      const base = ['--format', format, ...inputFlags];
      const run = await runClean(['access', SA, ...base], { code: 3 });
      expect(run.stdout).toContain('secrets');
      await runClean(['access', 'system:serviceaccount:shop:default', ...base], { code: 3 });
      await runClean(['access', 'bob', '--as-group', 'system:authenticated', ...base], { code: 3 });
    });
  }
});

describe('secret canaries: reach', () => {
  for (const format of ['table', 'json', 'dot', 'markdown']) {
    it(`never prints a secret value in reach -f ${format}`, async () => {
      await runClean(['reach', ...INPUTS, '-f', format], { code: 3 });
      await runClean(['reach', ...INPUTS, '-f', format, '--from', 'shop/canary-exposed', '--port', '8080'], {
        code: 3,
      });
      await runClean(['reach', ...INPUTS, '-f', format, '--to', 'shop/db', '--compat', 'netpol-analyzer'], {
        code: 3,
      });
      await runClean(['reach', ...INPUTS, '-f', format, '--ipblock-matches-pods', '--host-network', 'pod'], {
        code: 3,
      });
    });
  }

  for (const format of ['table', 'json']) {
    it(`never prints a secret value in reach --explain -f ${format}`, async () => {
      // The pair joins the canary's cluster to the example's: one cluster only when every input is one.
      const pair = [
        '--cluster-scope',
        'all',
        '--explain',
        '--from',
        'shop/canary-exposed',
        '--to',
        'shop/db',
      ];
      await runClean(['reach', ...INPUTS, '-f', format, ...pair], { code: 3 });
      await runClean(
        ['reach', ...INPUTS, '-f', format, '--explain', '--from', '203.0.113.7', '--to', 'shop/web'],
        { code: 3 },
      );
    });
  }
});

describe('secret canaries: paths', () => {
  // `paths` is being reworked: only the exit code, non-empty output and the absence of secrets are pinned.
  for (const format of ['table', 'json', 'dot', 'markdown']) {
    it(`never prints a secret value in paths -f ${format}`, async () => {
      await runClean(['paths', ...INPUTS, '-f', format], { code: 3 });
      await runClean(['paths', ...INPUTS, '-f', format, '--from', 'shop/canary-exposed'], { code: 3 });
    });
  }
});

describe('secret canaries: diff', () => {
  for (const format of ['table', 'json']) {
    it(`never prints a secret value in diff -f ${format}, in either direction`, async () => {
      await runClean(['diff', CANARY_DIR, UNHARDENED, '-f', format], { code: 3 });
      await runClean(['diff', UNHARDENED, CANARY_DIR, '-f', format], { code: 3 });
      await runClean(['diff', CANARY_DIR, CANARY_DIR, '-f', format], { code: 3 });
    });
  }
});

describe('secret canaries: fix', () => {
  it('never writes a secret value into the plan, an artifact, after/, stdout or stderr', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-canary-fix-'));
    const evidence = [
      ...['--flows', path.join(EVIDENCE_DIR, 'hubble-flows.jsonl')],
      ...['--audit-log', path.join(EVIDENCE_DIR, 'kube-audit.jsonl')],
    ];
    // broken.yaml cannot be parsed: the plan is written from incomplete inputs (exit 3).
    await runClean(['fix', ...INPUTS, '-o', dir, ...evidence], { code: 3 });
    const written = readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile());
    const names = written.map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
    // The run really wrote what could leak: diffs of the files holding secrets, after/, the Key Vault step.
    expect(names).toEqual(expect.arrayContaining(['plan.md', 'plan.json']));
    expect(names.some((n) => n.startsWith('after/') && n.endsWith('secrets.yaml'))).toBe(true);
    expect(names.some((n) => n.startsWith('secrets/') && n.endsWith('.diff'))).toBe(true);
    expect(names.some((n) => n.endsWith('secretproviderclass.yaml'))).toBe(true);
    for (const entry of written) {
      const file = path.join(entry.parentPath, entry.name);
      expectClean(readFileSync(file, 'utf8'), path.relative(dir, file));
    }
  }, 120_000);
});

describe('secret canaries: commands that read no input', () => {
  it('rules and explain print the catalogue, which holds no input value', async () => {
    for (const format of ['table', 'md', 'json']) await runClean(['rules', '-f', format], { code: 0 });
    await runClean(['explain', 'no-plain-credentials'], { code: 0 });
  });
});

describe('secret canaries: error paths', () => {
  it('never echoes a secret value in a usage error about the inputs', async () => {
    const run = await cli(
      ['reach', ...INPUTS, '--explain', '--from', 'shop/canary-exposed', '--to', 'shop/nothing', '--debug'],
      { cwd: ROOT },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--to "shop/nothing"');
    expectClean(run.stdout, 'stdout');
    expectClean(run.stderr, 'stderr');
    const paths = await cli(['paths', ...INPUTS, '--from', 'shop/nothing', '--debug'], { cwd: ROOT });
    expect(paths.code).toBe(2);
    expectClean(paths.stderr, 'stderr of paths');
  });
});
