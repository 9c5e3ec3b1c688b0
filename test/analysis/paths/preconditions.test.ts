/** @module Removing an edge's precondition from the model removes every path through that edge (examples/unhardened). */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { attackGraphOf, pathsFrom } from '../../../src/analysis/paths/index.js';
import type { ClusterModel, KubeObject } from '../../../src/model/index.js';

const DIR = fileURLToPath(new URL('../../../examples/unhardened', import.meta.url));
const WEB = 'workload:shop/web';

function edit(model: ClusterModel, change: (o: KubeObject) => KubeObject | undefined): ClusterModel {
  return { ...model, objects: model.objects.map(change).filter((o): o is KubeObject => o !== undefined) };
}

function withoutAutomount(o: KubeObject): KubeObject {
  if (o.kind !== 'Deployment' || o.name !== 'web') return o;
  const spec = structuredClone(o.body) as { spec: { template: { spec: Record<string, unknown> } } };
  spec.spec.template.spec['automountServiceAccountToken'] = false;
  return { ...o, body: spec };
}

describe('preconditions', () => {
  it('automount off removes every path through the mounted token', async () => {
    const { model } = await loadInputs([DIR], { cwd: DIR, kubectl: false });
    const before = pathsFrom(attackGraphOf(model), WEB);
    expect(before.some((p) => p.steps.some((s) => s.kind === 'token-mounted'))).toBe(true);
    const after = pathsFrom(attackGraphOf(edit(model, withoutAutomount)), WEB);
    expect(after.some((p) => p.steps.some((s) => s.from === WEB && s.kind === 'token-mounted'))).toBe(false);
    // The secrets stay reachable, but only by moving to another pod that still mounts the token.
    const secrets = after.find((p) => p.target.id === 'secrets:shop');
    expect(secrets?.steps.map((s) => s.kind)).toEqual(['network', 'token-mounted', 'secret-read']);
  });

  it('dropping the RoleBinding removes every secret-read step', async () => {
    const { model } = await loadInputs([DIR], { cwd: DIR, kubectl: false });
    const cut = edit(model, (o) => (o.kind === 'RoleBinding' ? undefined : o));
    const graph = attackGraphOf(cut);
    expect(graph.edges.filter((e) => e.kind === 'secret-read' || e.kind === 'pod-create')).toEqual([]);
    expect(pathsFrom(graph, WEB).some((p) => p.target.id === 'secrets:shop')).toBe(false);
  });
});
