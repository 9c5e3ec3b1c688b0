import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { runAudit } from '../../../src/engine/run-audit.js';
import { allRules } from '../../../src/rules/index.js';
import { FileSet } from '../../../src/fix/file-set.js';
import { planWorkloadPatches, PATCHED_RULES } from '../../../src/fix/workloads/plan-workloads.js';

const MANIFESTS = path.resolve(import.meta.dirname, '../../../examples/unhardened/manifests');

describe('planWorkloadPatches', () => {
  it('patches the unhardened workloads so the pod-hardening rules pass on rescan', async () => {
    const loaded = await loadInputs([MANIFESTS], { cwd: MANIFESTS, kubectl: false });
    const before = runAudit(loaded.model, { rules: allRules, today: '2026-12-06' });
    const files = new FileSet(
      readdirSync(MANIFESTS).map((name) => {
        const file = path.join(MANIFESTS, name);
        return [file, readFileSync(file, 'utf8')] as const;
      }),
    );
    const { patches, changes, decisions } = planWorkloadPatches(loaded.model, before.findings, files);
    expect(patches.map((p) => p.workload).sort()).toEqual([
      'DaemonSet/kube-system/log-agent',
      'Deployment/shop/api',
      'Deployment/shop/web',
      'StatefulSet/shop/db',
    ]);
    for (const patch of patches) expect(patch.failed, patch.workload).toEqual([]);
    // The patched text keeps every original comment line.
    expect(patches.every((p) => p.changed)).toBe(true);
    expect(changes.map((c) => c.file).sort()).toEqual([...new Set(patches.map((p) => p.file))].sort());
    for (const change of changes) {
      const comments = change.before.split('\n').filter((l) => l.trim().startsWith('#'));
      expect(change.after).not.toBe(change.before);
      for (const line of comments) expect(change.after).toContain(line);
    }
    const out = mkdtempSync(path.join(tmpdir(), 'aksward-fix-wl-'));
    for (const [file, text] of files) writeFileSync(path.join(out, path.basename(file)), text);
    const reloaded = await loadInputs([out], { cwd: out, kubectl: false });
    expect(reloaded.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    const after = runAudit(reloaded.model, { rules: allRules, today: '2026-12-06' });
    const failing = after.findings
      // Workloads only: the default service account's RoleBinding is the RBAC plan's to narrow.
      .filter((f) => f.status === 'fail' && (PATCHED_RULES as readonly string[]).includes(f.ruleId))
      .filter((f) => f.subject.kind !== 'RoleBinding')
      .map((f) => `${f.ruleId} ${f.subject.display}`);
    expect(failing).toEqual([]);
    expect(
      decisions.some((d) => d.rule === 'require-resource-limits' && d.workload === 'Deployment/shop/web'),
    ).toBe(true);
  });
});
