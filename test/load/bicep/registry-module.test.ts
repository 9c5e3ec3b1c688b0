/**
 * @module A Bicep cluster deployed through a registry module (AVM `br/public:`): aksward does not fetch it, so
 * the cluster is in the model with every cluster-level control not assessed, never a silent pass.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { cli } from '../../cli/run.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/load/bicep');
const MODULE = 'br/public:avm/res/container-service/managed-cluster:0.5.0';

interface JsonFinding {
  ruleId: string;
  status: string;
  subject: { display: string };
  location: { file: string; line: number };
  message: string;
}

describe('a Bicep registry AKS module', () => {
  it('is a cluster whose cluster-level values are unknown, naming the module and its version', async () => {
    const { model, diagnostics } = await loadInputs(['registry-aks'], { cwd: FIXTURES, kubectl: false });
    expect(model.clusters.map((c) => [c.display, c.format, c.at.file, c.at.line])).toEqual([
      ['module aks', 'bicep', 'registry-aks/main.bicep', 4],
    ]);
    const privateCluster = model.clusters[0]?.apiServer.enablePrivateCluster;
    expect(privateCluster).toMatchObject({ state: 'unknown', at: { line: 4 } });
    expect(privateCluster?.state === 'unknown' && privateCluster.reason).toContain(
      `deployed by registry module ${MODULE} (module aks), which is not read`,
    );
    // The module that does not name AKS keeps its warning; the AKS one is said once, as information.
    expect(diagnostics.map((d) => [d.code, d.level, d.line])).toEqual([
      ['unsupported-input', 'info', 4],
      ['unsupported-input', 'warning', 12],
    ]);
    expect(diagnostics[1]?.message).toContain('br/public:avm/res/storage/storage-account:0.9.0');
  });

  it('reports the cluster rules not assessed with the module named, and the scan does not pass', async () => {
    const json = await cli(['scan', 'registry-aks', '-f', 'json'], { cwd: FIXTURES });
    const findings = (JSON.parse(json.stdout) as { findings: JsonFinding[] }).findings;
    const cluster = findings.filter((f) => f.subject.display === 'module aks');
    expect(cluster.length).toBeGreaterThan(10);
    expect(cluster.filter((f) => f.status !== 'not-assessed')).toEqual([]);
    // no-broad-credential-access is undecided first for want of role assignments, a separate input.
    const ownReason = cluster.filter((f) => f.ruleId !== 'no-broad-credential-access');
    expect(ownReason.length).toBe(cluster.length - 1);
    for (const f of ownReason) expect(f.message).toContain(`deployed by registry module ${MODULE}`);
    expect(cluster.find((f) => f.ruleId === 'require-private-cluster')?.location).toEqual({
      file: 'registry-aks/main.bicep',
      line: 4,
    });

    const text = await cli(['scan', 'registry-aks'], { cwd: FIXTURES });
    expect(text.code).not.toBe(0);
    expect(text.stdout).not.toMatch(/^PASS\b/m);
    expect(text.stdout).toMatch(/^NOT ASSESSED\b/m);
  });
});
