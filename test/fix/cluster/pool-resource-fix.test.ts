import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../cli/run.js';

// A cluster whose default pool is fine and whose second pool, a resource of its own, has node public IPs.
const MAIN_TF = `resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "aks"
  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                   = "user"
  kubernetes_cluster_id  = azurerm_kubernetes_cluster.main.id
  vm_size                = "Standard_D4s_v5"
  node_public_ip_enabled = true
}
`;

const hasGit = spawnSync('git', ['--version']).status === 0;

describe.skipIf(!hasGit)('aksward fix on a node pool resource', () => {
  it('patches the pool resource that fails, not default_node_pool, and the diffs apply in order', async () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'aksward-fix-pool-'));
    mkdirSync(path.join(repo, 'infra'));
    writeFileSync(path.join(repo, 'infra/main.tf'), MAIN_TF);
    const out = path.join(repo, 'out');
    try {
      await cli(['fix', 'infra', '-o', out], { cwd: repo });
      const plan = JSON.parse(readFileSync(path.join(out, 'plan.json'), 'utf8')) as {
        steps: { artifacts: string[] }[];
      };
      const diffs = plan.steps.flatMap((s) => s.artifacts.filter((a) => a.endsWith('.diff')));
      const publicIp = diffs.find((d) => d.includes('no-node-public-ip'));
      expect(publicIp).toBeDefined();
      const text = readFileSync(path.join(out, publicIp ?? ''), 'utf8');
      expect(text).toContain('-  node_public_ip_enabled = true');
      expect(text).toContain('+  node_public_ip_enabled = false');
      // the default pool states nothing and AKS's default is off: it is left as written
      expect(text).not.toContain('default_node_pool');
      for (const diff of diffs) execFileSync('git', ['apply', path.join(out, diff)], { cwd: repo });
      expect(readFileSync(path.join(repo, 'infra/main.tf'), 'utf8')).toBe(
        readFileSync(path.join(out, 'after/infra/main.tf'), 'utf8'),
      );
      const rescan = await cli(['scan', path.join(out, 'after'), '-f', 'json', '--fail-on', 'none'], {
        cwd: repo,
      });
      const findings = (JSON.parse(rescan.stdout) as { findings: { ruleId: string; status: string }[] })
        .findings;
      expect(findings.filter((f) => f.ruleId === 'no-node-public-ip' && f.status === 'fail')).toEqual([]);
      expect(findings.filter((f) => f.ruleId === 'require-host-encryption' && f.status === 'fail')).toEqual(
        [],
      );
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('edits the value in the spelling the pool uses (older azurerm: enable_node_public_ip)', async () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'aksward-fix-pool-old-'));
    mkdirSync(path.join(repo, 'infra'));
    const old = MAIN_TF.replace('node_public_ip_enabled = true', 'enable_node_public_ip  = true');
    writeFileSync(path.join(repo, 'infra/main.tf'), old);
    const out = path.join(repo, 'out');
    try {
      await cli(['fix', 'infra', '-o', out], { cwd: repo });
      const after = readFileSync(path.join(out, 'after/infra/main.tf'), 'utf8');
      expect(after).toMatch(/enable_node_public_ip += false/);
      expect(after).not.toContain('node_public_ip_enabled');
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
