/** who-can on the repository's examples, through the real loaders: the unhardened shop leaks its secrets. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { analyzeRbac } from '../../../src/analysis/rbac/rbac-analysis.js';
import { parseRequest } from '../../../src/analysis/rbac/parse-request.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function whoCanGetSecrets(example: string) {
  const dir = path.join('examples', example);
  const loaded = await loadInputs([dir], { cwd: ROOT, kubectl: false });
  expect(loaded.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  const parsed = parseRequest({ verb: 'get', resource: 'secrets', namespace: 'shop' });
  if (!parsed.ok) throw new Error(parsed.error);
  return analyzeRbac(loaded.model).whoCan(parsed.request);
}

describe('who-can get secrets -n shop on the examples', () => {
  it('unhardened: the shop default service account and the workloads running as it (web, api, db)', async () => {
    const result = await whoCanGetSecrets('unhardened');
    const sa = result.entries.find((e) => e.name === 'system:serviceaccount:shop:default');
    expect(sa).toBeDefined();
    expect(sa?.kind).toBe('ServiceAccount');
    expect(sa?.certain).toBe(true);
    expect(sa?.workloads.map((w) => w.display).sort()).toEqual([
      'Deployment/shop/api',
      'Deployment/shop/web',
      'StatefulSet/shop/db',
    ]);
    expect(sa?.workloads.every((w) => w.token.mounted === true)).toBe(true);
    const evidence = sa?.evidence[0];
    expect(evidence?.kind).toBe('kubernetes');
    if (evidence?.kind !== 'kubernetes') return;
    expect(evidence.binding.name).toBe('default-deployer');
    expect(evidence.binding.object?.origin.at).toMatchObject({
      file: 'examples/unhardened/manifests/rbac.yaml',
      line: 16,
    });
    expect(evidence.role.name).toBe('deployer');
    expect(evidence.rule.index).toBe(0);
    expect(evidence.rule.rule.resources).toContain('secrets');
  });

  it('hardened: no workload service account can read the shop secrets', async () => {
    const result = await whoCanGetSecrets('hardened');
    expect(result.entries.filter((e) => e.kind === 'ServiceAccount')).toEqual([]);
    expect(result.entries.flatMap((e) => e.workloads)).toEqual([]);
    // Besides the Kubernetes defaults, only the break-glass group assigned RBAC Cluster Admin at the cluster.
    expect(result.entries.filter((e) => !e.isDefault).map((e) => [e.kind, e.name])).toEqual([
      ['AzurePrincipal', 'sg-aks-shop-prod-breakglass'],
    ]);
  });
});
