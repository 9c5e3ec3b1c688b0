/** @module Kustomize renders offline and inside the repository unless --allow-remote-bases; generator literals never reach a diagnostic. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUBECTL } from '../../helpers/kubectl.js';
import { cli } from '../../cli/run.js';
import { isRemoteReference } from '../../../src/load/inputs/kustomize-graph.js';
import { kustomizeEnvironment, redactLiterals } from '../../../src/load/inputs/kustomize.js';
import type { LoadOptions } from '../../../src/load/load-inputs.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { displayObject } from '../../../src/model/index.js';

const CANARY = 'CANARY-literal-7f3a';
const CONFIG_MAP = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

let root: string;
let repo: string;
let server: Server;
let url: string;
/** Requests the loopback server answered: kustomize fetching proves a remote reference was followed. */
const hits: string[] = [];

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'aksward-kustomize-offline-'));
  repo = join(root, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.end(CONFIG_MAP('remote'));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
  rmSync(root, { recursive: true, force: true });
});

async function load(dir: string, options: Partial<LoadOptions> = {}) {
  const result = await loadInputs(['.'], { cwd: join(repo, dir), kubectl: 'kubectl', ...options });
  return {
    ...result,
    objects: result.model.objects.map((o) => displayObject(o)),
    problems: result.diagnostics.map((d) => [d.code, d.level, d.file, d.line ?? null]),
  };
}

describe('kustomize remote references', () => {
  it('does not fetch a remote resource by default: a diagnostic with file and line, nothing rendered', async () => {
    write('repo/remote/kustomization.yaml', `resources:\n  - cm.yaml\n  - ${url}/x.yaml\n`);
    write('repo/remote/cm.yaml', CONFIG_MAP('local'));
    hits.length = 0;
    const { problems, objects, inputs, diagnostics } = await load('remote');
    expect(hits).toEqual([]);
    expect(problems).toEqual([['outside-input', 'error', 'kustomization.yaml', 3]]);
    expect(diagnostics[0]?.message).toContain(`remote reference ${url}/x.yaml`);
    expect(objects).toEqual([]);
    expect(inputs.map((i) => [i.file, i.objects])).toEqual([['kustomization.yaml', 0]]);
  });

  it.skipIf(!KUBECTL)('fetches it with --allow-remote-bases (loopback only)', async () => {
    hits.length = 0;
    const { problems, objects } = await load('remote', { allowRemoteBases: true });
    expect(problems).toEqual([]);
    expect(hits).toEqual(['/x.yaml']);
    expect(objects).toEqual(['ConfigMap/local', 'ConfigMap/remote']);
  });

  it('exits 3 from the CLI, and renders with the flag', async () => {
    hits.length = 0;
    const cwd = join(repo, 'remote');
    const refused = await cli(['scan', '.', '-f', 'json', '--fail-on', 'none'], { cwd });
    expect(refused.code).toBe(3);
    expect(hits).toEqual([]);
    if (!KUBECTL) return;
    const allowed = await cli(['scan', '.', '-f', 'json', '--fail-on', 'none', '--allow-remote-bases'], {
      cwd,
    });
    expect(allowed.code).toBe(0);
    expect(hits).toEqual(['/x.yaml']);
  });

  it('finds remote references in every field that loads something, however the file is written', async () => {
    write(
      'repo/fields/kustomization.yaml',
      [
        'Resources: [github.com/org/repo?ref=v1]', // kustomize matches field names without regard to case
        'shared: &shared',
        '  components: [git@github.com:org/components.git]',
        '<<: *shared', // a merge key
        'resources: [ok.yaml]',
        'resources: [https://example.com/dup.yaml]', // a duplicate key must not hide the first
        'patches:',
        '  - path: https://example.com/patch.yaml',
        'configMapGenerator:',
        '  - name: c',
        '    files: [conf=https://example.com/conf]',
        'transformers:',
        '  - |',
        '    apiVersion: builtin',
        '    kind: PatchTransformer',
        '    metadata: {name: p}',
        '    path: https://example.com/inline.yaml',
        'openapi:',
        '  path: ssh://git@example.com/schema.json',
        '',
      ].join('\n'),
    );
    write('repo/fields/ok.yaml', CONFIG_MAP('ok'));
    const { problems } = await load('fields');
    expect(problems.map((p) => p[3]).sort((a, b) => Number(a) - Number(b))).toEqual([1, 3, 6, 8, 11, 13, 19]);
    expect(problems.every((p) => p[0] === 'outside-input')).toBe(true);
  });

  it('treats what kustomize would fetch as remote and local paths as local', () => {
    for (const remote of [
      'https://github.com/org/repo//deploy?ref=v1',
      'http://169.254.169.254/metadata',
      'github.com/org/repo/deploy?ref=main',
      'git@github.com:org/repo.git',
      'git::https://example.com/repo.git',
      'ssh://git@example.com/repo.git',
      'file:///etc/repo.git',
      'gh:org/repo',
      'https://dev.azure.com/org/project/_git/repo',
      'deploy?ref=v1',
    ])
      expect([remote, isRemoteReference(remote)]).toEqual([remote, true]);
    for (const local of ['../../base', 'deployment.yaml', './configs/app.yaml', 'my.app/base', 'a=b'])
      expect([local, isRemoteReference(local)]).toEqual([local, false]);
  });

  it('never runs Helm inflation', async () => {
    write('repo/helm/kustomization.yaml', `helmCharts:\n  - name: x\n    repo: ${url}/charts\n`);
    hits.length = 0;
    const { problems } = await load('helm');
    expect(problems).toEqual([['unsupported-input', 'error', 'kustomization.yaml', 2]]);
    expect(hits).toEqual([]);
  });
});

describe('kustomize references on disk', () => {
  it.skipIf(!KUBECTL)('renders an overlay whose base is elsewhere in the repository', async () => {
    write('repo/app/base/kustomization.yaml', 'resources: [cm.yaml]\n');
    write('repo/app/base/cm.yaml', CONFIG_MAP('base'));
    write('repo/app/overlays/prod/kustomization.yaml', 'resources: [../../base]\nnamePrefix: prod-\n');
    const { problems, objects } = await load('app/overlays/prod');
    expect(problems).toEqual([]);
    expect(objects).toEqual(['ConfigMap/prod-base']);
  });

  it('does not render a base outside the repository', async () => {
    write('outside/base/kustomization.yaml', 'resources: [cm.yaml]\n');
    write('outside/base/cm.yaml', CONFIG_MAP('outside'));
    write('repo/escape/kustomization.yaml', 'resources:\n  - ../../outside/base\n');
    const { problems, objects } = await load('escape');
    expect(problems).toEqual([['outside-input', 'error', 'kustomization.yaml', 2]]);
    expect(objects).toEqual([]);
  });

  it('refuses a device or FIFO named by a kustomization instead of letting kustomize read it', async () => {
    write(
      'repo/device/kustomization.yaml',
      'resources: [/dev/zero]\nconfigMapGenerator:\n  - name: c\n    envs: [pipe]\n',
    );
    execFileSync('mkfifo', [join(repo, 'device/pipe')]);
    const { problems } = await load('device');
    expect(problems).toEqual([
      ['outside-input', 'error', 'kustomization.yaml', 1],
      ['read-error', 'error', 'kustomization.yaml', 4],
    ]);
  });

  it('reports a kustomization that is not YAML by its line, without quoting it', async () => {
    write(
      'repo/broken/kustomization.yaml',
      `secretGenerator:\n  - name: s\n    literals: [password=${CANARY}\n`,
    );
    const { problems, diagnostics } = await load('broken');
    expect(problems).toEqual([['parse-error', 'error', 'kustomization.yaml', 4]]);
    expect(JSON.stringify(diagnostics)).not.toContain(CANARY);
  });
});

describe('secretGenerator literals', () => {
  it('cuts literal lists and sources from kustomize errors', () => {
    const stderr = `loading KV pairs: literal sources [${CANARY} password=x${CANARY}]: invalid literal source ${CANARY}, expected key=value`;
    expect(redactLiterals(stderr, [])).toBe(
      'loading KV pairs: literal sources […]: invalid literal source …, expected key=value',
    );
    expect(redactLiterals(`key password: "${CANARY}" here`, [`password=${CANARY}`])).toBe(
      'key password: "…" here',
    );
  });

  it.skipIf(!KUBECTL)('never appear in a diagnostic, stderr or any report of a failed render', async () => {
    write(
      'repo/literals/kustomization.yaml',
      `secretGenerator:\n  - name: s\n    literals:\n      - ${CANARY}\n      - password=${CANARY}2\n`,
    );
    const cwd = join(repo, 'literals');
    const run = await cli(['scan', '.', '-f', 'json', '--fail-on', 'none'], { cwd });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('render-failed');
    expect(run.stdout + run.stderr).not.toContain(CANARY);
    for (const format of ['table', 'sarif', 'markdown', 'junit']) {
      const other = await cli(['scan', '.', '-f', format, '--fail-on', 'none'], { cwd });
      expect(other.stdout + other.stderr).not.toContain(CANARY);
    }
  });
});

describe('kubectl environment', () => {
  it('keeps no variable of the runner but the few it needs, and is offline by default', () => {
    const runner = {
      PATH: '/usr/bin',
      HOME: '/home/ci',
      GITHUB_TOKEN: 'x',
      AWS_SECRET_ACCESS_KEY: 'y',
      HTTPS_PROXY: 'http://corp:3128',
    };
    const offline = kustomizeEnvironment(runner, false);
    expect(offline.GITHUB_TOKEN).toBeUndefined();
    expect(offline.AWS_SECRET_ACCESS_KEY).toBeUndefined();
    expect([offline.PATH, offline.HTTPS_PROXY, offline.NO_PROXY, offline.GIT_ALLOW_PROTOCOL]).toEqual([
      '/usr/bin',
      'http://127.0.0.1:9',
      '',
      'none',
    ]);
    const remote = kustomizeEnvironment(runner, true);
    expect([remote.HTTPS_PROXY, remote.GITHUB_TOKEN, remote.GIT_ALLOW_PROTOCOL]).toEqual([
      'http://corp:3128',
      undefined,
      undefined,
    ]);
  });
});
