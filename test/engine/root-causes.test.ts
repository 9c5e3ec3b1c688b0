/** @module Root causes of attack paths: a path that exists only through one privileged container is nested under it. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/load/load-inputs.js';
import { runAudit } from '../../src/engine/run-audit.js';
import type { Finding } from '../../src/engine/finding.js';
import { findRule } from '../../src/rules/index.js';
import type { AnyRule } from '../../src/rules/define-rule.js';

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
