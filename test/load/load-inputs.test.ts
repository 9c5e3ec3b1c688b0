import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUBECTL } from '../helpers/kubectl.js';
import type { LoadOptions } from '../../src/load/load-inputs.js';
import { loadInputs } from '../../src/load/load-inputs.js';
import { displayObject } from '../../src/model/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/load/inputs/', import.meta.url));

async function load(paths: readonly string[], options: Partial<LoadOptions> = {}) {
  const result = await loadInputs(paths, { cwd: FIXTURES, kubectl: false, ...options });
  return {
    ...result,
    objects: result.model.objects.map((o) => displayObject(o)),
    records: result.inputs.map((r) => [r.file, r.format ?? null, r.objects, r.reason ?? null]),
    problems: result.diagnostics.map((d) => [d.code, d.level, d.file]),
  };
}

describe('loadInputs: walking a folder', () => {
  it('says for every file what it found or why it skipped it, in sorted order', async () => {
    const { records, objects } = await load(['tree']);
    expect(records).toEqual([
      ['tree/.aksward.yaml', 'config', 0, 'aksward configuration; not scanned'],
      ['tree/.hidden.yaml', null, 0, 'not an input format'],
      ['tree/README.md', null, 0, 'not an input format'],
      ['tree/app.yaml', 'kubernetes', 1, null],
      ['tree/chart', null, 0, 'Helm chart source; render it: `helm template <chart> | aksward scan -`'],
      [
        'tree/infra',
        'terraform',
        0,
        'Terraform module: main.tf, variables.tf, terraform.tfvars, prod.auto.tfvars',
      ],
      [
        'tree/infra/other.tfvars',
        null,
        0,
        'Terraform variables that Terraform does not load by itself: pass it with --var-file',
      ],
      ['tree/lists/all.json', 'kubernetes', 2, null],
      ['tree/main.bicep', 'bicep', 0, 'Bicep: no AKS cluster-side resource'],
      ['tree/nested/role.yml', 'kubernetes', 1, null],
    ]);
    expect(objects).toEqual([
      'Deployment/web/app',
      'Namespace/web',
      'ServiceAccount/web/app',
      'Role/web/reader',
    ]);
  });

  it('reports a Helm chart folder as a warning, and reads a Bicep file', async () => {
    const { problems } = await load(['tree']);
    expect(problems).toEqual([['unsupported-input', 'warning', 'tree/chart']]);
  });

  it('collects inline ignores from YAML and Terraform files', async () => {
    const { model } = await load(['tree']);
    expect(model.inlineIgnores.map((i) => [i.ruleId, i.at.file, i.at.line, i.appliesToLine])).toEqual([
      ['no-host-pid', 'tree/app.yaml', 9, 10],
      ['require-something', 'tree/infra/variables.tf', 3, 3],
    ]);
  });

  it('reads a file reached twice only once', async () => {
    const { records, objects } = await load(['tree/app.yaml', 'tree/nested', 'tree/app.yaml']);
    expect(records).toEqual([
      ['tree/app.yaml', 'kubernetes', 1, null],
      ['tree/nested/role.yml', 'kubernetes', 1, null],
      ['tree/app.yaml', null, 0, 'same file as tree/app.yaml'],
    ]);
    expect(objects).toEqual(['Deployment/web/app', 'Role/web/reader']);
  });

  it('locates a property of a loaded object', async () => {
    const { model } = await load(['tree/app.yaml']);
    const [app] = model.objects;
    if (!app) throw new Error('tree/app.yaml did not load');
    expect(model.locate(app.origin, ['spec', 'template', 'spec', 'hostPID'])).toEqual({
      file: 'tree/app.yaml',
      line: 10,
      column: 7,
    });
  });
});

describe('loadInputs: paths, globs and stdin', () => {
  it('reports a path that matches nothing as an error', async () => {
    const { problems, records } = await load(['tree/missing.yaml', 'tree/**/*.nothing']);
    expect(problems).toEqual([
      ['read-error', 'error', 'tree/missing.yaml'],
      ['read-error', 'error', 'tree/**/*.nothing'],
    ]);
    expect(records).toEqual([]);
  });

  it('expands a glob in sorted order, leaving hidden files out', async () => {
    const { records } = await load(['tree/**/*.y*ml']);
    expect(records.map((r) => r[0])).toEqual([
      'tree/app.yaml',
      'tree/chart/Chart.yaml',
      'tree/chart/templates/deployment.yaml',
      'tree/nested/role.yml',
    ]);
  });

  it('sniffs an explicitly named file of unknown type as YAML', async () => {
    const { records, problems } = await load(['tree/README.md']);
    expect(records).toEqual([['tree/README.md', null, 0, 'no Kubernetes objects found']]);
    expect(problems).toEqual([
      ['not-kubernetes', 'warning', 'tree/README.md'],
      ['unsupported-input', 'error', 'tree/README.md'],
    ]);
  });

  it('reads Helm output from stdin, keeping each template', async () => {
    const helm =
      '---\n# Source: shop/templates/sa.yaml\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: shop\n';
    const { model, records } = await load(['-'], { readStdin: () => Promise.resolve(helm) });
    expect(records).toEqual([['<stdin>', 'helm-output', 1, null]]);
    expect(model.objects[0]?.origin.at).toEqual({
      file: '<stdin>',
      line: 3,
      column: 1,
      template: 'shop/templates/sa.yaml',
    });
  });

  it('reads JSON from stdin and reads stdin once', async () => {
    const json = '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"piped"}}';
    const { objects, records } = await load(['-', '-'], { readStdin: () => Promise.resolve(json) });
    expect(objects).toEqual(['Namespace/piped']);
    expect(records).toEqual([
      ['<stdin>', 'kubernetes', 1, null],
      ['<stdin>', null, 0, 'standard input already read'],
    ]);
  });

  it('reports stdin that cannot be read', async () => {
    expect((await load(['-'])).problems).toEqual([['read-error', 'error', '<stdin>']]);
  });
});

describe('loadInputs: hostile folders', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'aksward-inputs-'));
    mkdirSync(join(root, 'a/b'), { recursive: true });
    mkdirSync(join(root, '.git'), { recursive: true });
    mkdirSync(join(root, 'node_modules/pkg'), { recursive: true });
    writeFileSync(join(root, 'a/b/ok.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n');
    symlinkSync('../..', join(root, 'a/b/loop'));
    symlinkSync('missing.yaml', join(root, 'a/dangling.yaml'));
    writeFileSync(join(root, '.git/config.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: git}\n');
    writeFileSync(
      join(root, 'node_modules/pkg/x.yaml'),
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: nm}\n',
    );
    writeFileSync(join(root, 'binary.yaml'), Buffer.from([0x61, 0x3a, 0x0a, 0x00, 0x01, 0x02]));
    writeFileSync(
      join(root, 'latin1.yaml'),
      Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: caf\xe9\n', 'latin1'),
    );
    const utf16 = '\ufeffapiVersion: v1\nkind: Namespace\nmetadata:\n  name: windows\n';
    writeFileSync(join(root, 'utf16.yaml'), Buffer.from(utf16, 'utf16le'));
    writeFileSync(
      join(root, 'big.yaml'),
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {a: "${'x'.repeat(2000)}"}\n`,
    );
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('never crashes: loops, broken links, binary and non-UTF-8 files become diagnostics', async () => {
    const { objects, diagnostics } = await load([root], { limits: { maxFileBytes: 1000 } });
    expect(objects).toEqual(['Namespace/ok', 'Namespace/windows']);
    const display = (file: string) => file.slice(file.indexOf('aksward-inputs-')).replace(/^[^/]*\//, '');
    expect(diagnostics.map((d) => [d.code, d.level, display(d.file), d.line ?? null])).toEqual([
      ['read-error', 'warning', 'a/b/loop', null],
      ['read-error', 'warning', 'a/dangling.yaml', null],
      ['limit-exceeded', 'error', 'big.yaml', null],
      ['parse-error', 'error', 'binary.yaml', 2],
      ['read-error', 'error', 'latin1.yaml', 4],
    ]);
  });
});

describe('loadInputs: kustomize', () => {
  it('renders root kustomizations with kubectl and skips their bases', async (context) => {
    if (!KUBECTL) {
      console.log('skipped: kubectl is not on PATH (scripts/ensure-test-tools.sh installs it)');
      context.skip();
    }
    const { model, records, problems } = await load(['kustomize'], { kubectl: 'kubectl' });
    expect(problems).toEqual([]);
    expect(records).toEqual([
      [
        'kustomize/base/kustomization.yaml',
        null,
        0,
        'kustomize base of kustomize/overlays/prod/kustomization.yaml',
      ],
      ['kustomize/overlays/prod/kustomization.yaml', 'kustomize', 1, 'rendered with kubectl kustomize'],
      ['kustomize/standalone/Kustomization', 'kustomize', 1, 'rendered with kubectl kustomize'],
    ]);
    expect(model.objects.map((o) => [displayObject(o), o.origin.at.file, o.origin.at.line])).toEqual([
      ['Deployment/prod/prod-api', 'kustomize/base/deployment.yaml', 1],
      ['ConfigMap/standalone', 'kustomize/standalone/configmap.yaml', 1],
    ]);
  });

  it('renders a base named on its own', async (context) => {
    if (!KUBECTL) {
      console.log('skipped: kubectl is not on PATH (scripts/ensure-test-tools.sh installs it)');
      context.skip();
    }
    const { objects } = await load(['kustomize/base'], { kubectl: 'kubectl' });
    expect(objects).toEqual(['Deployment/api']);
  });

  it('fails the render, as an error, when kubectl is unavailable', async () => {
    for (const kubectl of [false, '/nonexistent/kubectl'] as const) {
      const { diagnostics, records, objects } = await load(['kustomize'], { kubectl });
      expect(objects).toEqual([]);
      expect(diagnostics.map((d) => [d.code, d.level, d.file, d.message])).toEqual([
        [
          'render-failed',
          'error',
          'kustomize/overlays/prod/kustomization.yaml',
          'kubectl not found: install kubectl to render kustomizations',
        ],
        [
          'render-failed',
          'error',
          'kustomize/standalone/Kustomization',
          'kubectl not found: install kubectl to render kustomizations',
        ],
      ]);
      expect(records[0]).toEqual([
        'kustomize/base/kustomization.yaml',
        null,
        0,
        'kustomize base of kustomize/overlays/prod/kustomization.yaml',
      ]);
    }
  });

  it('reports kubectl errors with its own words', async (context) => {
    if (!KUBECTL) {
      console.log('skipped: kubectl is not on PATH (scripts/ensure-test-tools.sh installs it)');
      context.skip();
    }
    const root = mkdtempSync(join(tmpdir(), 'aksward-kustomize-'));
    try {
      writeFileSync(join(root, 'kustomization.yaml'), 'resources:\n  - missing.yaml\n');
      const { diagnostics } = await loadInputs(['.'], { cwd: root, kubectl: 'kubectl' });
      expect(diagnostics.map((d) => [d.code, d.level, d.file])).toEqual([
        ['render-failed', 'error', 'kustomization.yaml'],
      ]);
      expect(diagnostics[0]?.message).toMatch(/^kubectl kustomize failed: .*missing\.yaml/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('loadInputs: files named on the command line', () => {
  it('refuses, as an error saying what to do, a named file it does not read (a Bicep file is read)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aksward-named-'));
    try {
      writeFileSync(join(dir, 'prod.tfvars'), 'x = 1\n');
      writeFileSync(join(dir, 'main.bicep'), "param x string = 'a'\n");
      writeFileSync(join(dir, '.aksward.yaml'), 'failOn: high\n');
      writeFileSync(join(dir, 'notes.txt'), 'nothing here\n');
      const named = await loadInputs(['prod.tfvars', 'main.bicep', '.aksward.yaml', 'notes.txt'], {
        cwd: dir,
        kubectl: false,
      });
      expect(named.diagnostics.filter((d) => d.level === 'error').map((d) => [d.file, d.message])).toEqual([
        [
          'prod.tfvars',
          'Terraform variables for the module of this folder, whose .tf files are not inputs: pass the folder (aksward scan <folder> --var-file <file>)',
        ],
        [
          '.aksward.yaml',
          'named on the command line but not read: aksward configuration; give it with --config <file>',
        ],
        [
          'notes.txt',
          'named on the command line but not read: no Kubernetes objects found; name Kubernetes manifests, cluster JSON (az aks show, ARM templates), Terraform folders or role assignments, or leave it out',
        ],
      ]);
      // walked, the same files are listed as skipped without an error
      const walked = await loadInputs(['.'], { cwd: dir, kubectl: false });
      expect(walked.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
