/** @module Attack paths on the examples: the seeds' breach, open in the unhardened cluster and blocked in the hardened one. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../../src/load/load-inputs.js';
import {
  attackGraphOf,
  exposedWorkloads,
  narrativeOf,
  pathsFrom,
} from '../../../src/analysis/paths/index.js';

const example = (name: string): string =>
  fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));

async function modelOf(name: string) {
  const loaded = await loadInputs([example(name)], { cwd: example(name), kubectl: false });
  return loaded.model;
}

describe('attack paths: examples/unhardened', () => {
  it('reproduces every step of the seeds narrative with evidence', async () => {
    const model = await modelOf('unhardened');
    const graph = attackGraphOf(model);
    expect(exposedWorkloads(graph)).toEqual(['workload:shop/web']);
    const steps = narrativeOf(model, 'workload:shop/web');
    expect(steps.map((s) => [s.id, s.status])).toEqual([
      ['token-mounted', 'open'],
      ['account-bound', 'open'],
      ['secrets-readable', 'open'],
      ['flat-network', 'open'],
      ['token-from-outside', 'open'],
    ]);
    expect(steps[0]?.edges[0]?.to).toBe('token:shop/default');
    expect(steps[1]?.detail).toContain('RoleBinding/shop/default-deployer');
    expect(steps[2]?.edges.map((e) => e.to)).toEqual(['secrets:shop']);
    expect(steps[3]?.edges.map((e) => e.to)).toEqual(
      expect.arrayContaining(['workload:shop/db', 'workload:shop/api']),
    );
    expect(steps[4]?.detail).toContain('the API server is public');
  });

  it('leaves the API-server step unknown without a cluster definition, as scan does (issue 13)', async () => {
    // The manifests alone: require-private-cluster is not assessed, so nothing is "blocked" by it.
    const model = await modelOf('unhardened/manifests');
    const steps = narrativeOf(model, 'workload:shop/web');
    const last = steps.find((s) => s.id === 'token-from-outside');
    expect(last?.status).toBe('unknown');
    expect(last?.blockedBy).toEqual([]);
    expect(last?.detail).toMatch(/^not assessed: no cluster definition/);
  });

  it('finds shortest paths from web to secrets, the node and another namespace', async () => {
    const model = await modelOf('unhardened');
    const paths = pathsFrom(attackGraphOf(model), 'workload:shop/web');
    const secrets = paths.find((p) => p.target.id === 'secrets:shop');
    expect(secrets?.steps.map((s) => s.kind)).toEqual(['token-mounted', 'secret-read']);
    expect(secrets?.steps.map((s) => s.control)).toEqual(['no-automount-token', 'no-secret-read']);
    const node = paths.find((p) => p.targetKind === 'node');
    expect(node?.steps).toHaveLength(2);
    expect(
      paths.some(
        (p) => p.target.id === 'workload:kube-system/log-agent' && p.targetKind === 'other-namespace',
      ),
    ).toBe(true);
    expect(paths.some((p) => p.targetKind === 'cluster-admin')).toBe(false);
  });
});

describe('attack paths: examples/hardened', () => {
  it('blocks each step of the narrative by the named control', async () => {
    const model = await modelOf('hardened');
    const graph = attackGraphOf(model);
    expect(exposedWorkloads(graph)).toEqual(['workload:shop/web']);
    const steps = narrativeOf(model, 'workload:shop/web');
    expect(steps.map((s) => [s.id, s.status, s.blockedBy])).toEqual([
      ['token-mounted', 'blocked', ['no-automount-token']],
      ['account-bound', 'blocked', ['no-automount-token', 'no-secret-read', 'no-pod-exec-or-create']],
      ['secrets-readable', 'blocked', ['no-automount-token', 'no-secret-read']],
      ['flat-network', 'blocked', ['require-default-deny']],
      ['token-from-outside', 'blocked', ['no-automount-token', 'require-private-cluster']],
    ]);
    expect(steps[3]?.detail).toContain('workload:shop/api');
    const targets = pathsFrom(graph, 'workload:shop/web').map((p) => p.targetKind);
    expect(targets).not.toContain('secrets');
    expect(targets).not.toContain('node');
    expect(targets).not.toContain('cluster-admin');
  });
});
