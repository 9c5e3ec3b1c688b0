/**
 * @module Terraform as users hold it (the layout of Azure/terraform-azurerm-aks): a root module with
 * variables.tf, `examples/startup` calling `../..` with arguments and a tfvars file, a registry module,
 * var files named on the command line, TF_VAR_ values, node pools without their cluster. Cycles, links
 * and sources outside the inputs are made in a temporary folder.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadOptions } from '../../../src/load/load-inputs.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import type { AksCluster, NodePool, Setting } from '../../../src/model/index.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/load/terraform-modules/', import.meta.url));
const STARTUP = 'aks-module/examples/startup/main.tf';

async function load(paths: readonly string[], options: Partial<LoadOptions> = {}, cwd = FIXTURES) {
  const result = await loadInputs(paths, { cwd, kubectl: false, ...options });
  return {
    ...result,
    clusters: result.model.clusters,
    records: result.inputs.map((r) => [r.file, r.format ?? null, r.objects, r.reason ?? null]),
    problems: result.diagnostics.map((d) => [d.code, d.level, d.file, d.line ?? null]),
  };
}

function cluster(clusters: readonly AksCluster[], display: string): AksCluster {
  const found = clusters.find((c) => c.display === display);
  if (!found) throw new Error(`no cluster ${display} in ${clusters.map((c) => c.display).join(', ')}`);
  return found;
}

function pools(c: AksCluster): readonly NodePool[] {
  if (c.nodePools.state !== 'stated') throw new Error('pools are not stated');
  return c.nodePools.value;
}

const where = <T>(s: Setting<T>) => ({
  state: s.state,
  value: 'value' in s ? s.value : undefined,
  file: s.at.file,
  line: s.at.line,
});

const MAIN = 'module.aks.azurerm_kubernetes_cluster.main';

describe('local module calls', () => {
  it('reads the called module with the call’s arguments, once, through the call', async () => {
    const { clusters, records } = await load(['aks-module']);
    const main = cluster(clusters, MAIN);
    expect(main.name).toBe('startup');
    // The caller's argument (var.private, set by terraform.tfvars): the finding belongs at the argument.
    expect(where(main.apiServer.enablePrivateCluster)).toEqual({
      state: 'stated',
      value: true,
      file: STARTUP,
      line: 15,
    });
    // The module's own default: at the module's line.
    expect(where(main.identity.disableLocalAccounts)).toEqual({
      state: 'stated',
      value: true,
      file: 'aks-module/main.tf',
      line: 7,
    });
    // The root module is not also loaded as its own root (no duplicate cluster at its lines).
    expect(clusters.filter((c) => c.display.endsWith('azurerm_kubernetes_cluster.main'))).toHaveLength(1);
    expect(records).toContainEqual([
      'aks-module',
      'terraform',
      0,
      'Terraform module called by aks-module/examples/startup: read through that call, with its arguments',
    ]);
    expect(records).toContainEqual([
      'aks-module/examples/startup',
      'terraform',
      2,
      'Terraform module: main.tf, terraform.tfvars; modules: module.aks → aks-module',
    ]);
  });

  it('joins a pool to the module’s cluster through a module output', async () => {
    const main = cluster((await load(['aks-module'])).clusters, MAIN);
    expect(
      pools(main).map((p) => [p.name, p.enableNodePublicIP.state === 'stated' && p.enableNodePublicIP.value]),
    ).toEqual([
      ['system', false],
      ['user', true],
    ]);
  });

  it('names a registry module as not assessed, and never passes the cluster it may define', async () => {
    const { clusters, diagnostics } = await load(['aks-module']);
    const remote = cluster(clusters, 'module.network');
    expect(remote.apiServer.enablePrivateCluster.state).toBe('unknown');
    expect(remote.nodePools.state).toBe('unknown');
    const note = diagnostics.find((d) => d.line === 26);
    expect(note).toMatchObject({ code: 'unsupported-input', level: 'info', file: STARTUP });
    expect(note?.message).toContain('Azure/aks/azurerm');
    expect(note?.message).toContain('9.4.1');
  });

  it('follows `../..` from an example alone to its module in the same repository', async () => {
    // The fixture lies in this project's repository, which holds both the example and the module.
    const { problems, clusters } = await load(['aks-module/examples/startup']);
    expect(problems.filter((p) => p[0] === 'outside-input')).toEqual([]);
    expect(clusters.map((c) => c.display)).toContain(MAIN);
  });
});

describe('variables in Terraform’s precedence', () => {
  it('applies --var-file after terraform.tfvars, and lists it for its module', async () => {
    const { clusters, records } = await load(['aks-module'], {
      varFiles: ['aks-module/examples/startup/prod.tfvars'],
    });
    expect(where(cluster(clusters, MAIN).skuTier)).toMatchObject({ value: 'Standard', line: 16 });
    const startup = records.find((r) => r[0] === 'aks-module/examples/startup');
    expect(startup?.[3]).toContain('var files: aks-module/examples/startup/prod.tfvars');
    // Applied, so not also listed as skipped.
    expect(records.map((r) => r[0])).not.toContain('aks-module/examples/startup/prod.tfvars');
  });

  it('reads a .tfvars named as an input as a var file of its folder’s module', async () => {
    const { clusters } = await load(['aks-module', 'aks-module/examples/startup/prod.tfvars']);
    expect(where(cluster(clusters, MAIN).skuTier)).toMatchObject({ value: 'Standard' });
  });

  it('refuses, as an error, a named var file whose module is not an input', async () => {
    const { problems } = await load(['aks-module/examples/startup/prod.tfvars']);
    expect(problems).toEqual([
      ['unsupported-input', 'error', 'aks-module/examples/startup/prod.tfvars', null],
    ]);
  });

  it('ranks TF_VAR_ below terraform.tfvars and --var above every var file', async () => {
    const env = { TF_VAR_private: 'false', TF_VAR_tier: 'Premium' };
    const fromEnv = cluster((await load(['aks-module'], { environment: env })).clusters, MAIN);
    expect(fromEnv.apiServer.enablePrivateCluster).toMatchObject({ value: true }); // terraform.tfvars wins
    expect(fromEnv.skuTier).toMatchObject({ value: 'Premium' }); // only TF_VAR sets it
    const fromVar = cluster(
      (
        await load(['aks-module'], {
          environment: env,
          varFiles: ['aks-module/examples/startup/prod.tfvars'],
          vars: { tier: 'Free', private: 'false' },
        })
      ).clusters,
      MAIN,
    );
    expect(fromVar.skuTier).toMatchObject({ value: 'Free' });
    expect(fromVar.apiServer.enablePrivateCluster).toMatchObject({ value: false });
  });
});

describe('node pools without their cluster', () => {
  it('assesses the pool and leaves the cluster controls to the cluster resource', async () => {
    const { clusters } = await load(['pool-only']);
    expect(clusters).toHaveLength(1);
    const [only] = clusters;
    if (!only) throw new Error('no cluster');
    expect(only.apiServer.enablePrivateCluster.state).toBe('unknown');
    expect(
      only.apiServer.enablePrivateCluster.state === 'unknown' && only.apiServer.enablePrivateCluster.reason,
    ).toMatch(/^needs the cluster resource/);
    const [gpu] = pools(only);
    expect(gpu?.name).toBe('gpu');
    expect(where(gpu?.enableEncryptionAtHost ?? only.apiServer.enablePrivateCluster)).toEqual({
      state: 'stated',
      value: true,
      file: 'pool-only/main.tf',
      line: 9,
    });
    // What the pool omits takes the AKS default: a node pool resource is a whole definition.
    expect(gpu?.osType).toMatchObject({ state: 'default', value: 'Linux' });
  });
});

describe('module trees on disk', () => {
  let root: string;
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const CLUSTER = (name: string, extra = '') =>
    `resource "azurerm_kubernetes_cluster" "${name}" {\n  name = "${name}"\n${extra}  default_node_pool {\n    name = "system"\n  }\n}\n`;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'aksward-tfmod-'));
    write('cycle/a/main.tf', 'module "b" {\n  source = "../b"\n}\n');
    write('cycle/b/main.tf', `module "a" {\n  source = "../a"\n}\n${CLUSTER('b')}`);
    write('outside/main.tf', 'x');
    write('linked/root/main.tf', 'module "m" {\n  source = "./m"\n}\n');
    symlinkSync(join(root, 'outside'), join(root, 'linked/root/m'));
    // Repositories of their own: a module outside the caller's repository and the paths given is not read.
    mkdirSync(join(root, 'linked/.git'));
    mkdirSync(join(root, 'repo/.git'), { recursive: true });
    write('repo/main.tf', 'module "m" {\n  source = "../elsewhere"\n}\n');
    write('elsewhere/main.tf', CLUSTER('elsewhere'));
    write(
      'each/main.tf',
      [
        'module "c" {',
        '  source   = "./m"',
        '  for_each = { dev = false, prod = true }',
        '  private  = each.value',
        '}',
        'module "off" {',
        '  source = "./m"',
        '  count  = 0',
        '  private = true',
        '}',
        '',
      ].join('\n'),
    );
    write(
      'each/m/main.tf',
      `variable "private" {}\n${CLUSTER('c', '  private_cluster_enabled = var.private\n')}`,
    );
    write('deep/main.tf', 'module "d" {\n  source = "./d"\n}\n');
    let path = 'deep/d';
    for (let i = 0; i < 5; i++) {
      write(`${path}/main.tf`, 'module "d" {\n  source = "./d"\n}\n');
      path += '/d';
    }
    write(`${path}/main.tf`, CLUSTER('deep'));
    // Item 1 of issue 12: a fixture folder's variables.tf is a link to the module's: both modules keep it.
    write('shared/variables.tf', 'variable "private" {\n  default = true\n}\n');
    write('shared/main.tf', CLUSTER('shared', '  private_cluster_enabled = var.private\n'));
    write('shared/fixture/main.tf', CLUSTER('fixture', '  private_cluster_enabled = var.private\n'));
    symlinkSync('../variables.tf', join(root, 'shared/fixture/variables.tf'));
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('stops at a module cycle, with an error at the call', async () => {
    const { problems, clusters } = await load(['cycle'], {}, root);
    expect(problems).toContainEqual(['outside-input', 'error', 'cycle/b/main.tf', 1]);
    expect(clusters.map((c) => c.display)).toEqual(['module.b.azurerm_kubernetes_cluster.b']);
  });

  it('does not follow a module source that is a link out of the paths given and the repository', async () => {
    const { problems } = await load(['linked'], {}, root);
    expect(problems).toContainEqual(['outside-input', 'error', 'linked/root/main.tf', 1]);
  });

  it('does not read a module source outside the paths given and the caller’s repository', async () => {
    const { problems, clusters } = await load(['repo'], {}, root);
    expect(problems).toContainEqual(['outside-input', 'error', 'repo/main.tf', 1]);
    expect(clusters.map((c) => c.name)).not.toContain('elsewhere');
  });

  it('expands for_each over known keys, and skips count = 0', async () => {
    const { clusters } = await load(['each'], {}, root);
    expect(
      clusters.map((c) => [
        c.display,
        c.apiServer.enablePrivateCluster.state === 'stated' && c.apiServer.enablePrivateCluster.value,
      ]),
    ).toEqual([
      ['module.c["dev"].azurerm_kubernetes_cluster.c', false],
      ['module.c["prod"].azurerm_kubernetes_cluster.c', true],
    ]);
  });

  it('bounds the depth of module calls (limits.maxModuleDepth)', async () => {
    const shallow = await load(['deep'], { limits: { maxModuleDepth: 3 } }, root);
    expect(shallow.problems.filter((p) => p[0] === 'limit-exceeded')).toHaveLength(1);
    expect(shallow.clusters).toHaveLength(0);
    const deep = await load(['deep'], {}, root);
    expect(deep.clusters.map((c) => c.name)).toEqual(['deep']);
  });

  it('keeps a variables.tf reached through a link in both modules (issue 12, item 1)', async () => {
    const { clusters, problems } = await load(['shared'], {}, root);
    expect(problems).toEqual([]);
    expect(clusters.map((c) => [c.name, c.apiServer.enablePrivateCluster.state])).toEqual([
      ['fixture', 'stated'],
      ['shared', 'stated'],
    ]);
  });
});
