/** @module ARM nested and linked deployments: inline (inner and outer scope), local links followed, remote links not assessed. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadInputs } from '../../../src/load/load-inputs.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

async function load(files: Record<string, unknown>, paths = ['.']) {
  const root = mkdtempSync(join(tmpdir(), 'aksward-linked-'));
  roots.push(root);
  for (const [name, value] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), `${JSON.stringify(value, null, 2)}\n`);
  }
  const result = await loadInputs(paths, { cwd: root, kubectl: false });
  return {
    ...result,
    clusters: result.model.clusters,
    records: result.inputs.map((r) => [r.file, r.format ?? null, r.objects]),
    problems: result.diagnostics.map((d) => [d.code, d.level, d.file, d.line ?? null]),
  };
}

/** A template with a `rbac` parameter and a cluster that reads it. */
const CHILD = {
  $schema: SCHEMA,
  parameters: { rbac: { type: 'bool' }, name: { type: 'string', defaultValue: 'linked' } },
  resources: [
    {
      type: 'Microsoft.ContainerService/managedClusters',
      apiVersion: '2024-09-01',
      name: "[parameters('name')]",
      properties: { enableRBAC: "[parameters('rbac')]" },
    },
  ],
};

const deployment = (properties: Record<string, unknown>) => ({
  $schema: SCHEMA,
  parameters: { enable: { type: 'bool', defaultValue: true } },
  resources: [
    {
      type: 'Microsoft.Resources/deployments',
      apiVersion: '2022-09-01',
      name: 'nested',
      properties: { mode: 'Incremental', ...properties },
    },
  ],
});

const rbacOf = (clusters: Awaited<ReturnType<typeof load>>['clusters']) =>
  clusters.map((c) => [
    c.name,
    c.at.file,
    c.identity.enableRBAC.state === 'stated' && c.identity.enableRBAC.value,
  ]);

describe('linked deployments', () => {
  it('follows templateLink.relativePath with the parameters passed, at the linked file’s lines', async () => {
    const main = deployment({
      templateLink: { relativePath: 'nested/aks.json' },
      parameters: { rbac: { value: "[parameters('enable')]" } },
    });
    const { clusters, records, problems } = await load({ 'main.json': main, 'nested/aks.json': CHILD });
    expect(problems).toEqual([]);
    expect(rbacOf(clusters)).toEqual([['linked', 'nested/aks.json', true]]);
    expect(records).toEqual([
      ['nested/aks.json', 'arm-template', 0],
      ['main.json', 'arm-template', 1],
    ]);
  });

  it('follows a relative templateLink.uri too', async () => {
    const main = deployment({ templateLink: { uri: './aks.json' }, parameters: { rbac: { value: false } } });
    const { clusters } = await load({ 'main.json': main, 'aks.json': CHILD }, ['main.json']);
    expect(rbacOf(clusters)).toEqual([['linked', 'aks.json', false]]);
  });

  it('reports a remote link as not assessed, without its query string (a SAS token)', async () => {
    const main = deployment({
      templateLink: { uri: 'https://store.blob.core.windows.net/t/aks.json?sv=2022&sig=SECRETSIG' },
    });
    const { diagnostics } = await load({ 'main.json': main, 'other.json': CHILD }, ['main.json']);
    expect(diagnostics.map((d) => [d.code, d.level])).toEqual([['unresolved-value', 'warning']]);
    expect(diagnostics[0]?.message).toContain('https://store.blob.core.windows.net/t/aks.json');
    expect(diagnostics[0]?.message).toContain('not assessed');
    expect(diagnostics[0]?.message).not.toContain('SECRETSIG');
  });

  it('reports a missing local link as not assessed, with the read error', async () => {
    const main = deployment({ templateLink: { relativePath: 'gone.json' } });
    const { problems } = await load({ 'main.json': main, 'aks.json': CHILD }, ['main.json']);
    expect(problems).toEqual([
      ['read-error', 'error', 'gone.json', null],
      ['unresolved-value', 'warning', 'main.json', 10],
    ]);
  });
});

describe('inline nested deployments', () => {
  it('inner scope: the template reads the parameters the deployment passes', async () => {
    const main = deployment({
      expressionEvaluationOptions: { scope: 'inner' },
      parameters: { rbac: { value: "[not(parameters('enable'))]" } },
      template: CHILD,
    });
    const { clusters } = await load({ 'main.json': main });
    expect(rbacOf(clusters)).toEqual([['linked', 'main.json', false]]);
  });

  it('outer scope: the template reads the enclosing template’s parameters', async () => {
    const template = {
      $schema: SCHEMA,
      resources: [
        {
          type: 'Microsoft.ContainerService/managedClusters',
          apiVersion: '2024-09-01',
          name: 'outer',
          properties: { enableRBAC: "[parameters('enable')]" },
        },
      ],
    };
    const { clusters } = await load({ 'main.json': deployment({ template }) });
    expect(rbacOf(clusters)).toEqual([['outer', 'main.json', true]]);
  });
});
