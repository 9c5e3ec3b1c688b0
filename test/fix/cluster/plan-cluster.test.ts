import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { runAudit } from '../../../src/engine/run-audit.js';
import { allRules } from '../../../src/rules/index.js';
import { planClusterChanges } from '../../../src/fix/cluster/plan-cluster.js';
import { FileSet } from '../../../src/fix/file-set.js';
import { jsonValueAt } from '../../../src/fix/cluster/json-edit.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

async function audit(files: ReadonlyMap<string, string>, dir: string) {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const out = mkdtempSync(path.join(tmpdir(), `aksward-fix-${dir}-`));
  for (const [file, text] of files) writeFileSync(path.join(out, path.basename(file)), text);
  const loaded = await loadInputs([out], { cwd: out, kubectl: false });
  return runAudit(loaded.model, { rules: allRules, today: '2026-12-06' });
}

async function planFor(relative: string) {
  const file = path.join(ROOT, relative);
  const loaded = await loadInputs([file], { cwd: ROOT, kubectl: false });
  const before = runAudit(loaded.model, { rules: allRules, today: '2026-12-06' });
  const files = new FileSet([[file, readFileSync(file, 'utf8')]]);
  const steps = planClusterChanges(loaded.model, before.findings, files);
  return { steps, files, file, before };
}

describe('planClusterChanges', () => {
  it('orders steps by rollout phase: creation-time decisions first, posture last', async () => {
    const { steps } = await planFor('examples/unhardened/main.tf');
    const rules = steps.map((s) => s.rule);
    expect(rules.slice(0, 3)).toEqual([
      'require-network-policy-engine',
      'require-azure-cni',
      'require-private-cluster',
    ]);
    expect(rules.indexOf('require-entra-integration')).toBeLessThan(rules.indexOf('no-local-accounts'));
    expect(rules.at(-1)).toBe('require-uptime-sla');
  });

  it('patches the Terraform in place for update steps, and the rescan closes exactly those', async () => {
    const { steps, files, file, before } = await planFor('examples/unhardened/main.tf');
    const applied = steps.filter((s) => s.applied).map((s) => s.rule);
    expect(applied).toEqual([
      'require-network-policy-engine',
      'require-private-cluster',
      'require-entra-integration',
      'no-run-command',
      'no-http-application-routing',
      'no-local-accounts',
      'require-workload-identity',
      'require-keyvault-csi',
      'require-azure-policy',
      'require-image-cleaner',
      'require-auto-upgrade',
      'require-host-encryption',
      'require-uptime-sla',
    ]);
    const text = files.get(file) ?? '';
    // New attributes join the group above them, `=` aligned as terraform fmt aligns it.
    expect(text).toMatch(/\n {2}local_account_disabled +=/);
    const group = text
      .split('\n')
      .filter((l) => /^ {2}[a-z_]+ += /.test(l) && text.indexOf(l) > text.indexOf('http_application'));
    expect(new Set(group.map((l) => l.indexOf('='))).size).toBe(1);
    expect(text).toMatch(/\n {2}oidc_issuer_enabled +=/);
    expect(text).toContain(
      '  azure_active_directory_role_based_access_control {\n    azure_rbac_enabled = true\n  }',
    );
    // The comment on the first line and the untouched blocks are kept byte for byte.
    const original = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe(original.split('\n')[0]);
    expect(text).toContain('  identity {\n    type = "SystemAssigned"\n  }');
    const after = await audit(files, 'tf');
    const failing = (findings: typeof before.findings) =>
      new Set(findings.filter((f) => f.status === 'fail').map((f) => f.ruleId));
    const closed = [...failing(before.findings)].filter((r) => !failing(after.findings).has(r));
    // Azure RBAC and Azure CNI are set by the Entra and the policy-engine steps before their own come.
    expect(closed.sort()).toEqual([...applied, 'require-azure-rbac', 'require-azure-cni'].sort());
  });

  it('migrate and rebuild steps reach the target state with their reasons; input steps leave the files alone', async () => {
    const { steps } = await planFor('examples/unhardened/main.tf');
    for (const step of steps.filter((s) => s.retrofit !== 'update'))
      expect(step.reason ?? step.notes[0], step.rule).toBeTruthy();
    for (const step of steps.filter((s) => s.retrofit === 'input'))
      expect(step.applied, step.rule).toBe(false);
    for (const step of steps.filter((s) => s.retrofit === 'migrate' || s.retrofit === 'rebuild'))
      if (step.changes.length > 0) expect(step.applied, step.rule).toBe(true);
    expect(steps.find((s) => s.rule === 'require-private-cluster')?.migration?.length).toBeGreaterThan(0);
  });

  it('edits az aks show JSON, replacing null profiles by the objects they need', async () => {
    const { steps, files, file } = await planFor('examples/unhardened/cluster.json');
    const text = files.get(file) ?? '';
    expect(jsonValueAt(text, ['aadProfile'])).toEqual({ enableAzureRBAC: true, managed: true });
    expect(jsonValueAt(text, ['disableLocalAccounts'])).toBe(true);
    expect(jsonValueAt(text, ['agentPoolProfiles', 0, 'securityProfile', 'sshAccess'])).toBe('Disabled');
    expect(jsonValueAt(text, ['apiServerAccessProfile', 'disableRunCommand'])).toBe(true);
    expect(steps.find((s) => s.rule === 'no-local-accounts')?.az[0]).toContain('--disable-local-accounts');
    const after = await audit(files, 'json');
    const stillFailing = new Set(after.findings.filter((f) => f.status === 'fail').map((f) => f.ruleId));
    for (const step of steps.filter((s) => s.applied))
      expect(stillFailing.has(step.rule), step.rule).toBe(false);
  });
});
