/** @module Hostile and broken input through the CLI: each problem a diagnostic, the rest still scanned, exit 3 if incomplete. */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './run.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../examples');
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n';

interface Report {
  diagnostics: { code: string; level: string; message: string; file: string; line?: number }[];
  inputs: { file: string; objects: number; reason?: string }[];
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'aksward-hostile-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A fresh case folder with these files (relative name → content). */
function folder(name: string, files: Record<string, string | Buffer>): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

async function scanJson(dir: string) {
  const run = await cli(['scan', '.', '-f', 'json', '--fail-on', 'none'], { cwd: dir });
  const report = JSON.parse(run.stdout) as Report;
  const diagnostics = report.diagnostics.map((d) => [d.code, d.level, d.file, d.line ?? null]);
  const objects = Object.fromEntries(report.inputs.map((i) => [i.file, i.objects]));
  return { run, report, diagnostics, objects };
}

describe('aksward scan on broken input', () => {
  it('reports invalid YAML with file and line, scans the other documents and exits 3', async () => {
    const other = NAMESPACE.replace('name: ok', 'name: other');
    const dir = folder('invalid-yaml', { 'bad.yaml': `${NAMESPACE}---\nkind: [unclosed\n---\n${other}` });
    const { run, diagnostics, objects } = await scanJson(dir);
    expect(run.code).toBe(3);
    // the unclosed flow sequence is found where the document ends, on line 7
    expect(diagnostics).toEqual([['parse-error', 'error', 'bad.yaml', 7]]);
    expect(objects).toEqual({ 'bad.yaml': 2 });
    expect(run.stderr).toContain('aksward: error: bad.yaml:7: YAML syntax error in document 2');
  });

  it('stops a YAML alias bomb at the alias limit, quickly, and exits 3', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `l${i}: &l${i} [${Array(9)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(',')}]`,
      );
    const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n${levels.map((l) => `  ${l}`).join('\n')}\n`;
    const dir = folder('alias-bomb', { 'bomb.yaml': `${bomb}---\n${NAMESPACE}` });
    const started = Date.now();
    const { run, diagnostics, objects } = await scanJson(dir);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(run.code).toBe(3);
    expect(diagnostics).toEqual([['limit-exceeded', 'error', 'bomb.yaml', 1]]);
    expect(objects).toEqual({ 'bomb.yaml': 1 });
  });

  it('refuses binary files and non-UTF-8 text with their line, and scans the rest', async () => {
    const dir = folder('binary', {
      'a.yaml': NAMESPACE,
      'b.yaml': Buffer.from([0x61, 0x3a, 0x0a, 0x62, 0x3a, 0x0a, 0x00, 0xff, 0x13]),
      'c.yaml': Buffer.from(`${NAMESPACE}  labels: {x: caf\xe9}\n`, 'latin1'),
    });
    const { run, diagnostics, objects } = await scanJson(dir);
    expect(run.code).toBe(3);
    expect(diagnostics).toEqual([
      ['parse-error', 'error', 'b.yaml', 3],
      ['read-error', 'error', 'c.yaml', 5],
    ]);
    expect(objects).toEqual({ 'a.yaml': 1, 'b.yaml': 0, 'c.yaml': 0 });
  });

  it('warns about files that are not Kubernetes objects, with their lines, without failing the scan', async () => {
    const dir = folder('not-k8s', { 'ok.yaml': NAMESPACE, 'values.yaml': 'replicas: 3\n---\n- a\n- b\n' });
    const { run, diagnostics, objects } = await scanJson(dir);
    expect(run.code).toBe(0);
    expect(diagnostics).toEqual([
      ['not-kubernetes', 'warning', 'values.yaml', 1],
      ['not-kubernetes', 'warning', 'values.yaml', 3],
    ]);
    expect(objects).toEqual({ 'ok.yaml': 1, 'values.yaml': 0 });
  });

  it('tells a duplicate object once per pair of files, and keeps the same content once', async () => {
    const dir = folder('duplicates', { 'a.yaml': NAMESPACE, 'b.yaml': `# again\n${NAMESPACE}` });
    const { run, report, objects } = await scanJson(dir);
    expect(run.code).toBe(0);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        code: 'duplicate-object',
        level: 'info',
        file: 'b.yaml',
        line: 2,
        message: '1 object of a.yaml also in b.yaml: the same ones kept once with both locations',
      }),
    ]);
    expect(objects).toEqual({ 'a.yaml': 1, 'b.yaml': 1 });
  });

  it('survives a symlink loop in an input folder: a warning, and the folder is scanned once', async () => {
    const dir = folder('symlink-loop', { 'sub/ok.yaml': NAMESPACE });
    symlinkSync('..', path.join(dir, 'sub/loop'));
    const { run, diagnostics, objects } = await scanJson(dir);
    expect(run.code).toBe(0);
    expect(diagnostics).toEqual([['read-error', 'warning', 'sub/loop', null]]);
    expect(objects).toEqual({ 'sub/ok.yaml': 1 });
  });

  it('refuses to pass an empty file, an empty folder or a folder of non-inputs: an error, exit 3', async () => {
    const noObjects = {
      code: 'no-input-objects',
      level: 'error',
      message: 'no Kubernetes objects or cluster definitions found in the inputs; nothing was checked',
    };
    const { run, report } = await scanJson(folder('empty', { 'empty.yaml': '' }));
    expect(run.code).toBe(3);
    expect(report.diagnostics).toEqual([{ ...noObjects, file: '.' }]);
    expect(report.inputs).toEqual([
      { file: 'empty.yaml', objects: 0, reason: 'no Kubernetes objects found' },
    ]);
    expect(run.stderr).toContain(`aksward: error: .: ${noObjects.message}\n`);

    const emptyFolder = folder('empty-folder', {});
    const table = await cli(['scan', '.', '--fail-on', 'none'], { cwd: emptyFolder });
    expect(table.code).toBe(3);
    expect(table.stdout).toMatch(/error\s+\.\s+no-input-objects\s+no Kubernetes objects/);

    const named = await cli(['scan', 'empty.yaml', 'README.md', '-f', 'json'], {
      cwd: folder('named-empty', { 'empty.yaml': '\n# only a comment\n', 'README.md': 'Read me: first\n' }),
    });
    expect(named.code).toBe(3);
    const diagnostics = (JSON.parse(named.stdout) as Report).diagnostics;
    // each named file is refused on its own, saying what to do
    expect(diagnostics.map((d) => [d.code, d.level, d.file])).toEqual([
      ['unsupported-input', 'error', 'empty.yaml'],
      ['not-kubernetes', 'warning', 'README.md'],
      ['unsupported-input', 'error', 'README.md'],
    ]);
    expect(diagnostics[0]?.message).toBe(
      'named on the command line but not read: no Kubernetes objects found; name Kubernetes manifests, cluster JSON (az aks show, ARM templates), Terraform folders or role assignments, or leave it out',
    );

    const baseline = await cli(['baseline', '.', '-o', 'b.json'], { cwd: emptyFolder });
    expect(baseline.code).toBe(3);
    expect(baseline.stderr).toContain(`aksward: error: .: ${noObjects.message}\n`);
  });

  it('says nothing more when an error already explains why nothing was read', async () => {
    const { run, diagnostics } = await scanJson(folder('only-broken', { 'bad.yaml': 'kind: [unclosed\n' }));
    expect(run.code).toBe(3);
    expect(diagnostics).toEqual([['parse-error', 'error', 'bad.yaml', 2]]);
  });

  it('keeps custom resources and unknown apiVersions without flagging them', async () => {
    const crd =
      'apiVersion: example.com/v1alpha1\nkind: Widget\nmetadata: {name: w, namespace: default}\nspec: {size: 3}\n';
    const future = 'apiVersion: apps/v9\nkind: Deployment\nmetadata: {name: d}\nspec: 5\n';
    const dir = folder('custom', { 'crd.yaml': `${crd}---\n${future}` });
    const { run, report, objects } = await scanJson(dir);
    expect(run.code).toBe(0);
    expect(report.diagnostics).toEqual([]);
    expect(objects).toEqual({ 'crd.yaml': 2 });
  });
});

describe('aksward scan on deeply nested input', () => {
  it('reports YAML nested too deep to parse as an error, reads deep JSON, and scans the rest', async () => {
    const depth = 50_000;
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const dir = folder('deep', {
      'a.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: ${nested}\n`,
      'b.json': `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b"},"data":${nested}}`,
      'c.yaml': NAMESPACE,
    });
    const { run, report, objects } = await scanJson(dir);
    expect(run.code).toBe(3);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: 'parse-error', level: 'error', file: 'a.yaml', line: 4 }),
    ]);
    expect(objects).toEqual({ 'a.yaml': 0, 'b.json': 1, 'c.yaml': 1 });
  });
});

describe('aksward scan and the file size limit', () => {
  let dir: string;
  beforeAll(() => {
    // 100 MB: a Namespace followed by one long comment line, written in chunks to keep memory low.
    dir = folder('huge', {});
    const file = path.join(dir, 'huge.yaml');
    const chunk = `#${'x'.repeat(1024 * 1024 - 1)}`;
    writeFileSync(file, NAMESPACE);
    for (let i = 0; i < 100; i++) writeFileSync(file, chunk, { flag: 'a' });
  });

  it('refuses a 100 MB file quickly by the default limit, and exits 3', async () => {
    const started = Date.now();
    const { run, report } = await scanJson(dir);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(run.code).toBe(3);
    expect(report.diagnostics).toEqual([
      {
        code: 'limit-exceeded',
        level: 'error',
        file: 'huge.yaml',
        message: `${100 * 1024 * 1024 + NAMESPACE.length} bytes is over limits.maxFileBytes (67108864); not read`,
      },
    ]);
  });

  it('reads it when .aksward.yaml raises limits.maxFileBytes', { timeout: 20_000 }, async () => {
    writeFileSync(path.join(dir, '.aksward.yaml'), 'limits:\n  maxFileBytes: 209715200\n');
    const { run, report, objects } = await scanJson(dir);
    expect(report.diagnostics).toEqual([]);
    expect(objects['huge.yaml']).toBe(1);
    expect(run.code).toBe(0);
  });
});

/** Every value of a JSON tree replaced by one of another type, keeping what names an object. */
function wrongTypes(value: unknown, variant: number, key = ''): unknown {
  if (['apiVersion', 'kind', 'name', 'namespace'].includes(key)) return value;
  if (Array.isArray(value)) {
    return variant === 0 ? { item: 'x' } : value.map((v) => wrongTypes(v, variant));
  }
  if (typeof value === 'object' && value !== null) {
    if (variant === 1 && key !== '' && key !== 'metadata') return 'not-an-object';
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wrongTypes(v, variant, k)]));
  }
  if (variant === 2) return typeof value === 'string' ? 12345 : 'not-a-scalar';
  return variant === 0 ? [value] : { value };
}

describe('aksward scan on wrong types in every field', () => {
  it(
    'runs every rule on manifests and cluster definitions of the wrong shape without a crash',
    { timeout: 30_000 },
    async () => {
      // examples/evidence holds audit logs and flow logs for the examples, not an example of its own
      for (const example of readdirSync(EXAMPLES).filter((e) =>
        existsSync(path.join(EXAMPLES, e, 'cluster.json')),
      )) {
        const manifests = path.join(EXAMPLES, example, 'manifests');
        if (!existsSync(manifests)) continue; // examples/evidence: flow logs, not a cluster
        const documents = readdirSync(manifests).flatMap((name) =>
          parseAllDocuments(readFileSync(path.join(manifests, name), 'utf8')).map((d) => d.toJS() as unknown),
        );
        const cluster = JSON.parse(
          readFileSync(path.join(EXAMPLES, example, 'cluster.json'), 'utf8'),
        ) as unknown;
        for (const variant of [0, 1, 2, 3]) {
          const wrong = documents.map((d) => stringify(wrongTypes(d, variant))).join('---\n');
          const dir = folder(`wrong-${example}-${variant}`, {
            'manifests.yaml': wrong,
            'cluster.json': JSON.stringify(wrongTypes(cluster, variant)),
          });
          const run = await cli(['scan', '.', '-f', 'json', '--fail-on', 'none'], { cwd: dir });
          expect(run.stderr, `${example} variant ${variant}`).not.toMatch(/internal error|crashed/);
          expect([0, 3], `${example} variant ${variant}`).toContain(run.code);
          const report = JSON.parse(run.stdout) as Report;
          expect(report.inputs.find((i) => i.file === 'manifests.yaml')?.objects).toBe(documents.length);
        }
      }
    },
  );
});
