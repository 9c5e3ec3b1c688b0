/**
 * @module `aksward fix` where a module call sets the value: the literal argument, the caller's var file or
 * the caller's variable default is edited, never the module's generic code; diffs pass `git apply --check`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editCallArgument } from '../../../src/fix/cluster/hcl-edit.js';
import { cli } from '../../cli/run.js';

const CALLER = [
  'variable "tier" {',
  '  default = "Free"',
  '}',
  'module "aks" {',
  '  source                  = "../.."',
  '  private_cluster_enabled = false',
  '  sku_tier                = var.tier',
  '  local_account_disabled  = !var.local',
  '}',
  '',
].join('\n');

describe('editCallArgument', () => {
  it('replaces a literal argument in place', () => {
    const edit = editCallArgument(new Map([['ex/main.tf', CALLER]]), { file: 'ex/main.tf', line: 6 }, 'true');
    expect(edit).toEqual({ file: 'ex/main.tf', text: CALLER.replace('= false', '= true') });
  });

  it('follows var.<name> to the var file that sets it, else to its default', () => {
    const files = new Map([
      ['ex/main.tf', CALLER],
      ['ex/terraform.tfvars', 'tier = "Free"\n'],
      ['ex/z.auto.tfvars', 'tier = "Basic" # wins\n'],
    ]);
    expect(editCallArgument(files, { file: 'ex/main.tf', line: 7 }, '"Standard"')).toEqual({
      file: 'ex/z.auto.tfvars',
      text: 'tier = "Standard" # wins\n',
    });
    files.delete('ex/z.auto.tfvars');
    files.delete('ex/terraform.tfvars');
    expect(editCallArgument(files, { file: 'ex/main.tf', line: 7 }, '"Standard"')).toEqual({
      file: 'ex/main.tf',
      text: CALLER.replace('default = "Free"', 'default = "Standard"'),
    });
  });

  it('says what to set for any other expression', () => {
    const edit = editCallArgument(new Map([['ex/main.tf', CALLER]]), { file: 'ex/main.tf', line: 8 }, 'true');
    expect(edit).toHaveProperty('reason');
  });
});

const hasGit = spawnSync('git', ['--version']).status === 0;

describe.skipIf(!hasGit)('aksward fix on a module called by an example', () => {
  it('patches the example, not the module, and the diffs apply', async () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'aksward-fix-module-'));
    const fixture = path.resolve(import.meta.dirname, '../../fixtures/load/terraform-modules/aks-module');
    cpSync(fixture, path.join(repo, 'aks-module'), { recursive: true });
    const out = path.join(repo, 'out');
    try {
      await cli(['fix', 'aks-module', '-o', out], { cwd: repo });
      const plan = JSON.parse(readFileSync(path.join(out, 'plan.json'), 'utf8')) as {
        steps: { artifacts: string[] }[];
      };
      const diffs = plan.steps.flatMap((s) => s.artifacts.filter((a) => a.endsWith('.diff')));
      const sla = diffs.find((d) => d.includes('require-uptime-sla'));
      expect(sla).toBeDefined();
      const text = readFileSync(path.join(out, sla ?? ''), 'utf8');
      // var.tier's default in the example, which the module call passes as sku_tier.
      expect(text).toContain('+++ b/aks-module/examples/startup/main.tf');
      expect(text).toContain('+  default = "Standard"');
      expect(text).not.toContain('aks-module/main.tf');
      // In step order, each on the result of the ones before: `git apply` throws on a patch that does not apply.
      for (const diff of diffs) {
        execFileSync('git', ['apply', '--check', path.join(out, diff)], { cwd: repo });
        execFileSync('git', ['apply', path.join(out, diff)], { cwd: repo });
      }
      expect(readFileSync(path.join(repo, 'aks-module/examples/startup/main.tf'), 'utf8')).toContain(
        'default = "Standard"',
      );
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
