/** @module Root causes of attack paths: a path that exists only through one privileged container is nested under it. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/load/load-inputs.js';
import { runAudit } from '../../src/engine/run-audit.js';
import type { Finding } from '../../src/engine/finding.js';
import { findRule } from '../../src/rules/index.js';
import type { AnyRule } from '../../src/rules/define-rule.js';
import { deploymentYaml } from '../helpers/deployment-yaml.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

const RULES: AnyRule[] = ['no-privileged', 'no-privilege-escalation', 'no-exposed-path-to-node'].map((id) => {
  const rule = findRule(id);
  if (!rule) throw new Error(`unknown rule ${id}`);
  return rule;
});

async function audit(fixture: string): Promise<readonly Finding[]> {
  const file = path.join(FIXTURES, fixture);
  const loaded = await loadInputs([file], { cwd: path.dirname(file), kubectl: false });
  expect(loaded.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  return runAudit(loaded.model, { rules: RULES, today: '2026-11-23' }).findings;
}

function only(findings: readonly Finding[], ruleId: string, subject?: string): Finding {
  const found = findings.filter(
    (f) =>
      f.ruleId === ruleId && f.status === 'fail' && (subject === undefined || f.subject.display === subject),
  );
  expect(found).toHaveLength(1);
  return found[0] as Finding;
}

describe('attack paths under their privileged root (issue 13)', () => {
  it('nests the path of an exposed privileged Deployment under its no-privileged finding', async () => {
    const findings = await audit('root-causes/privileged-exposed.yaml');
    const root = only(findings, 'no-privileged');
    const pathFinding = only(findings, 'no-exposed-path-to-node');
    expect(pathFinding.impliedBy).toBe(root.fingerprint);
    expect(root.implies).toContain(pathFinding.fingerprint);
    expect(root.implies).toContain(only(findings, 'no-privilege-escalation').fingerprint);
    expect(root.impliedBy).toBeUndefined();
  });

  it('nests a path that breaks out through a privileged workload the exposed one reaches', async () => {
    const findings = await audit('rules/no-exposed-path-to-node/invalid.network-to-privileged');
    const root = only(findings, 'no-privileged', 'DaemonSet/monitoring/agent');
    const pathFinding = only(findings, 'no-exposed-path-to-node', 'Deployment/shop/web');
    expect(pathFinding.impliedBy).toBe(root.fingerprint);
    expect(root.implies).toContain(pathFinding.fingerprint);
  });

  it('keeps the path primary when another breakout (hostPID) reaches the node without the privilege', async () => {
    const findings = await audit('root-causes/privileged-and-host-pid.yaml');
    const root = only(findings, 'no-privileged');
    const pathFinding = only(findings, 'no-exposed-path-to-node');
    expect(pathFinding.impliedBy).toBeUndefined();
    expect(root.implies ?? []).not.toContain(pathFinding.fingerprint);
    // The privilege still implies its own container's escalation.
    expect(only(findings, 'no-privilege-escalation').impliedBy).toBe(root.fingerprint);
  });

  it('keeps the path primary when it also breaks out through another privileged workload', async () => {
    const findings = await audit('root-causes/privileged-and-another-route.yaml');
    const root = only(findings, 'no-privileged', 'Deployment/shop/web');
    const pathFinding = only(findings, 'no-exposed-path-to-node');
    // The shortest path breaks out through web's own privilege; the DaemonSet's is a second route.
    expect(pathFinding.message).toContain('container web is privileged');
    expect(pathFinding.impliedBy).toBeUndefined();
    expect(root.implies ?? []).not.toContain(pathFinding.fingerprint);
  });

  it('keeps the path primary when two privileged containers each break out', async () => {
    const findings = await audit('root-causes/two-privileged-containers.yaml');
    expect(findings.filter((f) => f.ruleId === 'no-privileged' && f.status === 'fail')).toHaveLength(2);
    expect(only(findings, 'no-exposed-path-to-node').impliedBy).toBeUndefined();
  });
});

describe('the note on a root cause', () => {
  it('names each implied rule once, with its count, however many findings it implies', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'aksward-root-note-'));
    const workloads = ['a', 'b', 'c', 'd'].map((name) =>
      deploymentYaml('shop', name, `{ name: ${name}, image: x }`),
    );
    const docs = [
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n',
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: other }\n',
      ...workloads,
      deploymentYaml('other', 'z', '{ name: z, image: x }'),
      // One policy in shop selects only `a`: the namespace has policies, yet no default-deny.
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: only-a, namespace: shop }\nspec: { podSelector: { matchLabels: { app: a } }, policyTypes: [Ingress, Egress] }\n',
    ];
    await writeFile(path.join(dir, 'cluster.yaml'), docs.join('---\n'));
    const loaded = await loadInputs([dir], { cwd: dir, kubectl: false }).finally(() =>
      rm(dir, { recursive: true, force: true }),
    );
    const rules = ['require-default-deny', 'no-unselected-workloads', 'no-cross-namespace-reach'].map(
      (id) => {
        const rule = findRule(id);
        if (!rule) throw new Error(`unknown rule ${id}`);
        return rule;
      },
    );
    const findings = runAudit(loaded.model, { rules, today: '2026-11-23' }).findings;
    const root = only(findings, 'require-default-deny', 'Namespace/shop');
    const implied = findings.filter((f) => f.impliedBy === root.fingerprint);
    expect(implied.length).toBeGreaterThanOrEqual(3);
    expect(root.implies).toHaveLength(implied.length);
    const counts = new Map<string, number>();
    for (const f of implied) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
    expect(counts.get('no-unselected-workloads')).toBe(3);
    const note = root.notes?.find((n) => n.startsWith('root cause of')) ?? '';
    expect(note).toMatch(new RegExp(`^root cause of ${implied.length} implied findings: [^,]+, [^,]+$`));
    // Each rule once, with its count: not one id per implied finding.
    for (const [ruleId, count] of counts) {
      expect(note).toContain(`${count} ${ruleId}`);
      expect(note.split(ruleId)).toHaveLength(2);
    }
  });
});
