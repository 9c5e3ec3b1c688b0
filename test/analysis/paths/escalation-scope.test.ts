/** @module Escalation verbs granted in one namespace hold that namespace, not the cluster. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { attackGraphOf, pathsFrom } from '../../../src/analysis/paths/index.js';
import { loadInputs } from '../../../src/load/load-inputs.js';

const DIR = fileURLToPath(new URL('../../fixtures/paths/escalation-namespace', import.meta.url));

describe('escalation granted by a RoleBinding', () => {
  it('reaches the namespace secrets, tokens and a node, never cluster-admin or another namespace', async () => {
    const { model } = await loadInputs([DIR], { cwd: DIR, kubectl: false });
    const graph = attackGraphOf(model);
    const escalations = (graph.out.get('token:shop/ci') ?? []).filter((e) => e.kind === 'escalation');
    expect(escalations.map((e) => e.to).sort()).toEqual([
      'node',
      'secrets:shop',
      'token:shop/deployer',
      'workload:shop/web',
    ]);
    expect(escalations[0]?.evidence).toMatch(
      /in shop \(bind roles\) via RoleBinding\/shop\/ci-escalates.*within namespace shop it can grant itself any role/,
    );
    expect(escalations.every((e) => e.control === 'no-escalation-verbs')).toBe(true);
    const paths = pathsFrom(graph, 'workload:shop/web');
    const secrets = paths.find((p) => p.target.id === 'secrets:shop');
    expect(secrets?.steps.map((s) => s.kind)).toEqual(['token-mounted', 'escalation']);
    expect(paths.some((p) => p.targetKind === 'cluster-admin')).toBe(false);
    expect(paths.some((p) => p.target.id === 'secrets:vault')).toBe(false);
  });
});
