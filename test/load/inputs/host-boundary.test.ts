/**
 * @module The input tree is the boundary: links out of the paths given are listed, not followed (unless
 * followSymlinks); only regular files are read, and no read goes past the size limit. Devices, FIFOs and
 * links are made here, in a temporary folder, never committed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoundedStream } from '../../../src/load/inputs/read-input-file.js';
import type { LoadOptions } from '../../../src/load/load-inputs.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { displayObject } from '../../../src/model/index.js';

const NAMESPACE = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const OUTSIDE = 'symbolic link leading outside the paths given; not followed (--follow-symlinks follows it)';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'aksward-boundary-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

function link(target: string, path: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  symlinkSync(target, join(root, path));
}

/** Guards against a hang: the load must finish, the guard only fails the test if it does not. */
async function finishes<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<'hung'>((done) => {
    timer = setTimeout(() => {
      done('hung');
    }, 60_000);
  });
  const result = await Promise.race([work, guard]);
  clearTimeout(timer);
  if (result === 'hung') throw new Error('the load did not finish');
  return result;
}

async function load(paths: readonly string[], options: Partial<LoadOptions> = {}) {
  const result = await finishes(loadInputs(paths, { cwd: root, kubectl: false, ...options }));
  return {
    ...result,
    objects: result.model.objects.map((o) => displayObject(o)),
    records: result.inputs.map((r) => [r.file, r.objects, r.reason ?? null]),
    problems: result.diagnostics.map((d) => [d.code, d.level, d.file]),
  };
}

describe('symbolic links', () => {
  beforeAll(() => {
    write('secret/env.yaml', NAMESPACE('outside'));
    write('links/ok.yaml', NAMESPACE('inside'));
    link(join(root, 'secret/env.yaml'), 'links/file.yaml');
    link('../secret', 'links/folder');
    link('/etc', 'links/etc');
    link('ok.yaml', 'links/same.yaml');
  });

  it('lists each link out of the paths given as skipped, with a diagnostic, and reads nothing behind it', async () => {
    const { records, problems, objects } = await load(['links']);
    expect(objects).toEqual(['Namespace/inside']);
    expect(records).toEqual([
      ['links/etc', 0, OUTSIDE],
      ['links/file.yaml', 0, OUTSIDE],
      ['links/folder', 0, OUTSIDE],
      ['links/ok.yaml', 1, null],
      ['links/same.yaml', 0, 'same file as links/ok.yaml'],
    ]);
    expect(problems).toEqual([
      ['outside-input', 'warning', 'links/etc'],
      ['outside-input', 'warning', 'links/file.yaml'],
      ['outside-input', 'warning', 'links/folder'],
    ]);
  });

  it('refuses a link named explicitly as an error (the scan is incomplete)', async () => {
    const { problems, objects } = await load(['links/file.yaml']);
    expect(objects).toEqual([]);
    expect(problems).toEqual([['outside-input', 'error', 'links/file.yaml']]);
  });

  it('follows a link into another path given, and every link with followSymlinks', async () => {
    expect((await load(['links', 'secret'])).objects).toEqual(['Namespace/outside', 'Namespace/inside']);
    const followed = await load(['links/file.yaml', 'links/folder'], { followSymlinks: true });
    expect(followed.objects).toEqual(['Namespace/outside']);
    expect(followed.records).toEqual([
      ['links/file.yaml', 1, null],
      ['links/folder/env.yaml', 0, 'same file as links/file.yaml'],
    ]);
  });

  it('matches no link with a glob (the glob library does not report them) unless followSymlinks', async () => {
    const { records, objects } = await load(['links/*.yaml']);
    expect(records).toEqual([['links/ok.yaml', 1, null]]);
    expect(objects).toEqual(['Namespace/inside']);
    const followed = await load(['links/*.yaml'], { followSymlinks: true });
    expect(followed.objects).toEqual(['Namespace/outside', 'Namespace/inside']);
  });

  it('keeps a Terraform file reached twice in both modules (a fixture linking ../variables.tf)', async () => {
    write(
      'module/main.tf',
      'resource "azurerm_kubernetes_cluster" "aks" {\n  name                = var.x\n  location            = "westeurope"\n  resource_group_name = "rg"\n  dns_prefix          = "aks"\n}\n',
    );
    write('module/variables.tf', 'variable "x" {\n  default = "aks-from-default"\n}\n');
    link('../variables.tf', 'module/unit-test-fixture/variables.tf');
    const { records, model } = await load(['module']);
    expect(records).toEqual([
      ['module', 1, 'Terraform module: main.tf, variables.tf'],
      ['module/unit-test-fixture', 0, 'Terraform module: variables.tf'],
    ]);
    expect(model.clusters.map((c) => c.name)).toEqual(['aks-from-default']);
  });
});

describe('files that are not regular files', () => {
  beforeAll(() => {
    write('devices/ok.yaml', NAMESPACE('ok'));
    link('/dev/zero', 'devices/zero.yaml');
    execFileSync('mkfifo', [join(root, 'devices/pipe.yaml')]);
  });

  it('refuses a FIFO in a folder, and a device behind a followed link, without opening them', async () => {
    const { records, problems, objects } = await load(['devices'], { followSymlinks: true });
    expect(objects).toEqual(['Namespace/ok']);
    expect(records).toEqual([
      ['devices/ok.yaml', 1, null],
      [
        'devices/pipe.yaml',
        0,
        'a named pipe (FIFO), not a regular file; not read (use - for standard input)',
      ],
      ['devices/zero.yaml', 0, 'a character device, not a regular file; not read (use - for standard input)'],
    ]);
    expect(problems).toEqual([
      ['read-error', 'warning', 'devices/pipe.yaml'],
      ['read-error', 'warning', 'devices/zero.yaml'],
    ]);
  });

  it('refuses them named explicitly as errors', async () => {
    const { problems } = await load(['devices/zero.yaml', 'devices/pipe.yaml', '/dev/zero'], {
      followSymlinks: true,
    });
    expect(problems).toEqual([
      ['read-error', 'error', 'devices/zero.yaml'],
      ['read-error', 'error', 'devices/pipe.yaml'],
      ['read-error', 'error', '/dev/zero'],
    ]);
  });

  it('does not read a file over the limit', async () => {
    write('big/big.yaml', `# ${'x'.repeat(5000)}\n${NAMESPACE('big')}`);
    const { problems, records } = await load(['big'], { limits: { maxFileBytes: 1000 } });
    expect(problems).toEqual([['limit-exceeded', 'error', 'big/big.yaml']]);
    expect(records[0]?.[2]).toMatch(/^\d+ bytes is over limits.maxFileBytes \(1000\); not read$/);
  });

  it('stops reading standard input at the limit', async () => {
    let produced = 0;
    async function* endless() {
      for (;;) {
        produced += 4096;
        yield new Uint8Array(4096);
        await Promise.resolve();
      }
    }
    const { problems, records } = await load(['-'], {
      limits: { maxFileBytes: 10_000 },
      readStdin: (maxBytes) => readBoundedStream(endless(), maxBytes),
    });
    expect(problems).toEqual([['limit-exceeded', 'error', '<stdin>']]);
    expect(records).toEqual([
      ['<stdin>', 0, 'more than 10000 bytes is over limits.maxFileBytes (10000); not read'],
    ]);
    expect(produced).toBeLessThan(20_000);
  });
});

describe('hidden folders and skipped folders', () => {
  beforeAll(() => {
    write('repo/.deploy/pod.yaml', NAMESPACE('hidden-deploy'));
    write('repo/.github/workflows/ci.yml', 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n');
    write('repo/.git/config.yaml', NAMESPACE('git'));
    write('repo/node_modules/pkg/x.yaml', NAMESPACE('package'));
    write('repo/.terraform/modules/m/main.tf', 'resource "x" "y" {}\n');
    write('repo/.pod.yaml', NAMESPACE('hidden-file'));
    write('repo/yaml.json', NAMESPACE('yaml-in-json'));
  });

  it('walks hidden folders, lists the folders it does not walk, and reads YAML in a .json file', async () => {
    const { records, problems, objects } = await load(['repo']);
    expect(objects).toEqual(['Namespace/hidden-deploy', 'Namespace/hidden-file', 'Namespace/yaml-in-json']);
    expect(records).toEqual([
      ['repo/.deploy/pod.yaml', 1, null],
      ['repo/.git', 0, 'version-control data; not walked'],
      ['repo/.github/workflows/ci.yml', 0, 'not an input format'],
      ['repo/.pod.yaml', 1, null],
      ['repo/.terraform', 0, 'Terraform’s cache of downloaded modules and providers; not walked'],
      ['repo/node_modules', 0, 'installed Node.js packages; not walked'],
      ['repo/yaml.json', 1, null],
    ]);
    expect(problems).toEqual([]);
  });
});
