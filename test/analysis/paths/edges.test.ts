/** @module Edge types the examples do not exercise, each with its expected edges and paths. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { attackGraphOf, exposedWorkloads, pathsFrom } from '../../../src/analysis/paths/index.js';

const DIR = fileURLToPath(new URL('../../fixtures/paths/edges', import.meta.url));

describe('attack graph edges', () => {
  it('exposes through Ingress, NodePort on public nodes and hostNetwork on a public node', async () => {
    const { model, diagnostics } = await loadInputs([DIR], { cwd: DIR, kubectl: false });
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    const graph = attackGraphOf(model);
    expect(exposedWorkloads(graph)).toEqual([
      'workload:a/front',
      'workload:a/hostnet',
      'workload:a/nodeport',
    ]);
    const controls = (graph.out.get('internet') ?? []).map((e) => `${e.to} ${e.control}`).sort();
    expect(controls).toEqual([
      'workload:a/front require-ingress-tls',
      'workload:a/hostnet no-node-public-ip',
      'workload:a/nodeport no-node-public-ip',
    ]);
  });

  it('follows exec rights, token creation and workload identity', async () => {
    const { model } = await loadInputs([DIR], { cwd: DIR, kubectl: false });
    const graph = attackGraphOf(model);
    const kinds = (graph.out.get('token:a/runner') ?? []).map((e) => `${e.kind} ${e.to}`).sort();
    expect(kinds).toContain('pod-exec workload:a/wi');
    expect(kinds).toContain('token-create token:a/wi');
    const azure = pathsFrom(graph, 'workload:a/front').find((p) => p.target.id.startsWith('azure:1111'));
    expect(azure?.steps.map((s) => s.kind)).toEqual(['network', 'azure-identity']);
    expect(azure?.steps.map((s) => s.control)).toEqual([
      'require-default-deny',
      'no-overprivileged-workload',
    ]);
  });
});
