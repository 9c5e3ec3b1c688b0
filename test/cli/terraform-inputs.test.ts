/**
 * @module The CLI on Terraform as users hold it: --var-file and --var on a module called by an example,
 * TF_VAR_ values (a sensitive one never printed), a var file without its module (exit 3), and node pools
 * (Terraform and ARM) whose cluster is not in the inputs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './run.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/load');
const MODULES = path.join(FIXTURES, 'terraform-modules');
const MAIN = 'module.aks.azurerm_kubernetes_cluster.main';

interface JsonFinding {
  ruleId: string;
  status: string;
  subject: { display: string };
  location: { file: string; line: number };
  message: string;
}

function findings(stdout: string): JsonFinding[] {
  return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
}

const brief = (f: JsonFinding | undefined) =>
  f && { status: f.status, subject: f.subject.display, at: `${f.location.file}:${f.location.line}` };

describe('Terraform variables and modules on the command line', () => {
  it('reads the example’s module with terraform.tfvars (private: passes), and --var overrides it at the argument line', async () => {
    const plain = await cli(['scan', 'aks-module', '-f', 'json'], { cwd: MODULES });
    const privateCluster = (run: typeof plain) =>
      findings(run.stdout).find((f) => f.ruleId === 'require-private-cluster' && f.subject.display === MAIN);
    expect(privateCluster(plain)).toBeUndefined(); // a pass: not among the findings
    const overridden = await cli(['scan', 'aks-module', '-f', 'json', '--var', 'private=false'], {
      cwd: MODULES,
    });
    expect(brief(privateCluster(overridden))).toEqual({
      status: 'fail',
      subject: MAIN,
      at: 'aks-module/examples/startup/main.tf:15',
    });
  });

  it('takes --var-file before the command name, as every input option', async () => {
    const run = await cli(
      ['--var-file', 'aks-module/examples/startup/prod.tfvars', 'scan', 'aks-module', '-f', 'json'],
      {
        cwd: MODULES,
      },
    );
    const inputs = (JSON.parse(run.stdout) as { inputs: { file: string; reason?: string }[] }).inputs;
    expect(inputs.find((i) => i.file === 'aks-module/examples/startup')?.reason).toContain(
      'var files: aks-module/examples/startup/prod.tfvars',
    );
  });

  it('exits 3 when a var file named on the command line has no module among the inputs', async () => {
    const run = await cli(['scan', 'aks-module/examples/startup/prod.tfvars'], { cwd: MODULES });
    expect(run.code).toBe(3);
    expect(run.stdout + run.stderr).toContain('aks-module/examples/startup/prod.tfvars');
  });

  it('never prints the value of a sensitive variable set by TF_VAR_, nor a refused --var', async () => {
    const secret = 'Zq9-not-for-output';
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-tfvar-'));
    writeFileSync(
      path.join(dir, 'main.tf'),
      [
        'variable "tier" {',
        '  sensitive = true',
        '}',
        'resource "azurerm_kubernetes_cluster" "c" {',
        '  sku_tier = var.tier',
        '  default_node_pool {',
        '    name = "system"',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    try {
      const run = await cli(['scan', '.', '-f', 'json'], { cwd: dir, env: { TF_VAR_tier: secret } });
      expect(run.stdout + run.stderr).not.toContain(secret);
      expect(run.stdout).toContain('sensitive variable tier');
      const refused = await cli(['scan', '.', '--var', secret], { cwd: dir });
      expect(refused.code).toBe(2);
      expect(refused.stdout + refused.stderr).not.toContain(secret);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('node pools whose cluster is not in the inputs', () => {
  for (const [input, subject, pool] of [
    [
      'terraform-modules/pool-only',
      'cluster of azurerm_kubernetes_cluster_node_pool.gpu',
      'pool-only/main.tf',
    ],
    ['arm-pools/pool-only.json', 'managedClusters/aks-prod', 'pool-only.json'],
  ] as const) {
    it(`assesses the pool and needs the cluster for the rest (${input})`, async () => {
      const cwd = path.join(FIXTURES, path.dirname(input));
      const run = await cli(['scan', path.basename(input), '-f', 'json', '--fail-on', 'none'], { cwd });
      const all = findings(run.stdout).filter((f) => f.subject.display === subject);
      expect(all.find((f) => f.ruleId === 'require-private-cluster')?.status).toBe('not-assessed');
      expect(all.find((f) => f.ruleId === 'require-private-cluster')?.message).toContain(
        'needs the cluster resource',
      );
      // Only some of the pools: "no System pool" is not decided on them.
      expect(all.find((f) => f.ruleId === 'require-system-pool-isolation')?.status).toBe('not-assessed');
      // Host encryption is on in both fixtures: a pass, so no finding for it.
      expect(all.filter((f) => f.ruleId === 'require-host-encryption')).toEqual([]);
      const publicIp = all.find((f) => f.ruleId === 'no-node-public-ip');
      if (input.endsWith('.json'))
        expect(brief(publicIp)).toEqual({ status: 'fail', subject, at: `${pool}:16` });
      else expect(publicIp).toBeUndefined();
    });
  }
});
