/** @module Bicep files through loadInputs: resources, children, conditions, loops, modules, parameter files, bad input. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoadOptions } from '../../../src/load/load-inputs.js';
import { loadInputs } from '../../../src/load/load-inputs.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** Writes `files` into a fresh folder and loads `paths` from it. */
async function load(files: Record<string, string>, paths = ['.'], options: Partial<LoadOptions> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'aksward-bicep-'));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  const result = await loadInputs(paths, {
    kubectl: false,
    ...options,
    cwd: options.cwd === undefined ? root : join(root, options.cwd),
  });
  return {
    ...result,
    clusters: result.model.clusters,
    records: result.inputs.map((r) => [r.file, r.format ?? null, r.objects]),
    problems: result.diagnostics.map((d) => [d.code, d.level, d.file, d.line ?? null]),
  };
}

const CLUSTER = (body = '', header = '', type = 'Microsoft.ContainerService/managedClusters@2024-09-01') =>
  `${header}
resource aks '${type}' = {
  name: 'aks'
  location: 'westeurope'
  properties: {
    kubernetesVersion: '1.30.4'
    disableLocalAccounts: true
${body}
  }
}
`;

describe('Bicep resources', () => {
  it('reads a cluster into the model, at Bicep lines', async () => {
    const { clusters, records, problems } = await load({ 'main.bicep': CLUSTER('', '// header') });
    expect(records).toEqual([['main.bicep', 'bicep', 1]]);
    expect(problems).toEqual([]);
    expect(clusters[0]).toMatchObject({
      display: 'managedClusters/aks',
      format: 'bicep',
      at: { file: 'main.bicep', line: 2 },
    });
    expect(clusters[0]?.identity.disableLocalAccounts).toMatchObject({
      state: 'stated',
      value: true,
      at: { line: 7 },
    });
  });

  it('reads nested child resources and `parent:` children as node pools', async () => {
    const nested = CLUSTER().replace(
      /}\n$/,
      `  resource pool 'agentPools' = {
    name: 'user'
    properties: {
      mode: 'User'
      enableEncryptionAtHost: true
    }
  }
}
resource other 'Microsoft.ContainerService/managedClusters/agentPools@2024-09-01' = {
  parent: aks
  name: 'other'
  properties: {
    mode: 'User'
  }
}
`,
    );
    const { clusters, problems } = await load({ 'main.bicep': nested });
    expect(problems).toEqual([]);
    const pools = clusters[0]?.nodePools;
    expect(pools?.state).toBe('stated');
    const names = pools?.state === 'stated' ? pools.value.map((p) => [p.name, p.at.line]) : [];
    expect(names).toEqual([
      ['user', 10],
      ['other', 18],
    ]);
  });

  it('does not take an `existing` cluster for a definition', async () => {
    const { clusters } = await load({
      'main.bicep':
        "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' existing = {\n  name: 'aks'\n}\n",
    });
    expect(clusters).toEqual([]);
  });

  it('skips a resource whose condition is false, and doubts one whose condition is undecided', async () => {
    const off = await load({
      'main.bicep': CLUSTER('', 'param deploy bool = false').replace("' = {", "' = if (deploy) {"),
    });
    expect(off.clusters).toEqual([]);
    const children = `param deploy bool
${CLUSTER()}
resource mc 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations@2024-09-01' = if (deploy) {
  parent: aks
  name: 'default'
  properties: {}
}
`;
    const doubt = await load({ 'main.bicep': children });
    expect(doubt.clusters[0]?.maintenanceConfigurations.state).toBe('unknown');
    expect(doubt.problems).toContainEqual(['unresolved-value', 'info', 'main.bicep', 13]);
  });

  it('reads a resource loop once and says so', async () => {
    const loop = `param names array = ['a', 'b']
${CLUSTER()}
resource pools 'Microsoft.ContainerService/managedClusters/agentPools@2024-09-01' = [for (name, i) in names: {
  parent: aks
  name: name
  properties: {
    count: i
  }
}]
`;
    const { clusters, problems } = await load({ 'main.bicep': loop });
    expect(clusters).toHaveLength(1);
    expect(problems).toContainEqual(['unresolved-value', 'warning', 'main.bicep', 13]);
  });

  it('never decides a value read through a @secure() parameter, and never shows its default', async () => {
    const secret = 'hunter2-very-secret';
    const text = CLUSTER(
      "    dnsPrefix: prefix\n    nodeResourceGroup: '${prefix}-x'",
      `@secure()\nparam prefix string = '${secret}'`,
    );
    const result = await load({ 'main.bicep': text });
    expect(JSON.stringify(result.diagnostics)).not.toContain(secret);
    expect(JSON.stringify(result.clusters)).not.toContain(secret);
  });

  it('carries decorators into the template: @allowed, @description, @minValue', async () => {
    const text = CLUSTER(
      "    agentPoolProfiles: [\n      {\n        name: 'sys'\n        count: count\n      }\n    ]",
      "@description('nodes')\n@minValue(1)\n@allowed([\n  1\n  3\n])\nparam count int = 3",
    );
    const { clusters, problems } = await load({ 'main.bicep': text });
    expect(problems).toEqual([]);
    expect(clusters).toHaveLength(1);
  });

  it('reads past targetScope, import, type and metadata declarations', async () => {
    const header =
      "targetScope = 'resourceGroup'\nimport * as types from './types.bicep'\ntype pool = {\n  name: string\n}\nmetadata info = 'x'";
    const { clusters, problems } = await load({ 'main.bicep': CLUSTER('', header) });
    expect(problems).toEqual([]);
    expect(clusters).toHaveLength(1);
  });
});

describe('Bicep modules', () => {
  const MODULE = `param clusterName string
param workspace string
resource cluster 'Microsoft.ContainerService/managedClusters@2024-09-01' existing = {
  name: clusterName
}
resource diag 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit'
  scope: cluster
  properties: {
    workspaceId: workspace
    logs: [
      {
        category: 'kube-audit'
        enabled: true
      }
    ]
  }
}
`;
  const MAIN = `${CLUSTER()}
module logs './modules/logs.bicep' = {
  name: 'logs'
  params: {
    clusterName: aks.name
    workspace: 'ws'
  }
}
`;

  it('follows a local module with its parameters; its findings point at the module file', async () => {
    const { clusters, records, problems } = await load({ 'main.bicep': MAIN, 'modules/logs.bicep': MODULE });
    expect(problems).toEqual([]);
    expect(records).toEqual([
      ['modules/logs.bicep', 'bicep', 0],
      ['main.bicep', 'bicep', 1],
    ]);
    const settings = clusters[0]?.diagnosticSettings;
    expect(settings).toMatchObject({
      state: 'stated',
      value: [{ name: 'audit', at: { file: 'modules/logs.bicep', line: 6 } }],
    });
  });

  it('reports a registry module and a template spec as not assessed, with name and version', async () => {
    const main = `module logs 'br:myacr.azurecr.io/bicep/log-analytics:2.1' = {
  name: 'logs'
}
module spec 'ts:00000000-0000-0000-0000-000000000000/rg/network-spec:1.0' = {
  name: 'spec'
}
`;
    const { diagnostics, clusters } = await load({ 'main.bicep': main });
    expect(clusters).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.level, d.line])).toEqual([
      ['unsupported-input', 'warning', 1],
      ['unsupported-input', 'warning', 4],
    ]);
    expect(diagnostics[0]?.message).toContain('br:myacr.azurecr.io/bicep/log-analytics:2.1');
    expect(diagnostics[0]?.message).toContain('not assessed');
  });

  it('makes a registry module or template spec that names AKS a cluster whose controls are unknown', async () => {
    const main = `module cluster 'br:myacr.azurecr.io/bicep/modules/aks:v3' = {
  name: 'cluster'
}
module spec 'ts:00000000-0000-0000-0000-000000000000/rg/managedcluster-spec:1.0' = {
  name: 'spec'
}
`;
    const { diagnostics, clusters } = await load({ 'main.bicep': main });
    expect(clusters.map((c) => [c.display, c.at.line])).toEqual([
      ['module cluster', 1],
      ['module spec', 4],
    ]);
    expect(clusters[1]?.identity.disableLocalAccounts).toMatchObject({
      state: 'unknown',
      reason: expect.stringContaining(
        'deployed by template spec ts:00000000-0000-0000-0000-000000000000/rg/managedcluster-spec:1.0',
      ) as unknown,
    });
    expect(diagnostics.map((d) => [d.code, d.level, d.line])).toEqual([
      ['unsupported-input', 'info', 1],
      ['unsupported-input', 'info', 4],
    ]);
  });

  it('reports a module cycle as an error, once, and stops', async () => {
    const { problems } = await load(
      {
        'a.bicep': "module b './b.bicep' = {\n  name: 'b'\n}\n",
        'b.bicep': "module a './a.bicep' = {\n  name: 'a'\n}\n",
      },
      ['a.bicep'],
    );
    expect(problems).toEqual([['unresolved-value', 'error', 'b.bicep', 1]]);
  });

  it('does not read a module outside the repository (or the current folder)', async () => {
    const files = {
      'repo/main.bicep': "module x '../outside.bicep' = {\n  name: 'x'\n}\n",
      'outside.bicep': CLUSTER(),
    };
    const { problems, clusters } = await load(files, ['main.bicep'], { cwd: 'repo' });
    expect(clusters).toEqual([]);
    expect(problems).toEqual([
      ['outside-input', 'error', '../outside.bicep', null],
      ['unresolved-value', 'error', 'main.bicep', 1],
    ]);
  });

  it('reports a missing module file as an error at the module line', async () => {
    const { problems } = await load({ 'main.bicep': "\nmodule x './missing.bicep' = {\n  name: 'x'\n}\n" });
    expect(problems).toEqual([
      ['read-error', 'error', 'missing.bicep', null],
      ['unresolved-value', 'error', 'main.bicep', 2],
    ]);
  });
});

describe('Bicep parameter files', () => {
  const MAIN = CLUSTER(
    '    dnsPrefix: name\n    enableRBAC: rbac',
    'param name string\nparam rbac bool = false',
  );

  it('applies a .bicepparam file to the template its `using` names', async () => {
    const params = "using './main.bicep'\nvar base = 'prod'\nparam name = '${base}-dns'\nparam rbac = true\n";
    const { clusters, records, problems } = await load({ 'main.bicep': MAIN, 'prod.bicepparam': params });
    expect(problems).toEqual([]);
    expect(records).toEqual([
      ['prod.bicepparam', 'parameters', 0],
      ['main.bicep', 'bicep', 1],
    ]);
    expect(clusters[0]?.identity.enableRBAC).toMatchObject({ state: 'stated', value: true });
  });

  it('scans a template once per parameter file', async () => {
    const files = {
      'main.bicep': MAIN,
      'dev.bicepparam': "using 'main.bicep'\nparam name = 'dev'\n",
      'prod.bicepparam': "using 'main.bicep'\nparam name = 'prod'\nparam rbac = true\n",
    };
    const { clusters } = await load(files);
    expect(
      clusters.map((c) => c.identity.enableRBAC.state === 'stated' && c.identity.enableRBAC.value),
    ).toEqual([false, true]);
  });

  it('applies x.parameters.json beside x.bicep, and azuredeploy.parameters.json beside azuredeploy.json', async () => {
    const json = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
      parameters: { name: { value: 'x' }, rbac: { value: true } },
    });
    const template = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      parameters: { rbac: { type: 'bool' } },
      resources: [
        {
          type: 'Microsoft.ContainerService/managedClusters',
          name: 'aks',
          properties: { enableRBAC: "[parameters('rbac')]" },
        },
      ],
    });
    const { clusters, problems } = await load({
      'main.bicep': MAIN,
      'main.parameters.json': json,
      'arm/azuredeploy.json': template,
      'arm/azuredeploy.parameters.json': json,
    });
    expect(problems).toEqual([]);
    expect(
      clusters.map((c) => [
        c.format,
        c.identity.enableRBAC.state === 'stated' && c.identity.enableRBAC.value,
      ]),
    ).toEqual([
      ['arm-template', true],
      ['bicep', true],
    ]);
  });

  it('reads a --parameters file and its template, or rejects it with an error', async () => {
    const files = {
      'infra/main.bicep': MAIN,
      'infra/prod.bicepparam': "using './main.bicep'\nparam name = 'p'\n",
    };
    const named = await load(files, [], { parameters: ['infra/prod.bicepparam'] });
    expect(named.records).toEqual([
      ['infra/prod.bicepparam', 'parameters', 0],
      ['infra/main.bicep', 'bicep', 1],
    ]);
    const orphan = await load({ 'alone.parameters.json': '{"parameters": {}}' }, [], {
      parameters: ['alone.parameters.json'],
    });
    expect(orphan.problems).toEqual([['read-error', 'error', 'alone.parameters.json', null]]);
    const missing = await load({}, [], { parameters: ['nothere.bicepparam'] });
    expect(missing.problems).toEqual([['read-error', 'error', 'nothere.bicepparam', null]]);
  });

  it('skips a walked parameter file without a template, with a warning', async () => {
    const { problems, records } = await load({ 'x.bicepparam': "using './gone.bicep'\n" });
    expect(problems).toEqual([['read-error', 'warning', 'x.bicepparam', null]]);
    expect(records).toEqual([['x.bicepparam', null, 0]]);
  });

  it('never shows a secure value given by a parameter file', async () => {
    const secret = 'p4ss-from-param-file';
    const main = CLUSTER('    dnsPrefix: pw', '@secure()\nparam pw string');
    const params = `using './main.bicep'\nparam pw = '${secret}'\n`;
    const result = await load({ 'main.bicep': main, 'main.bicepparam': params });
    expect(JSON.stringify([result.diagnostics, result.clusters, result.inputs])).not.toContain(secret);
  });
});

describe('Bicep bad input', () => {
  it('reports a parse error at its line and carries on with the other inputs', async () => {
    const { problems, clusters } = await load({
      'bad.bicep': "param a string\n\nresource x 'T@1' = {\n  name: = 1\n}\n",
      'good.bicep': CLUSTER(),
    });
    expect(problems).toEqual([['parse-error', 'error', 'bad.bicep', 4]]);
    expect(clusters).toHaveLength(1);
  });

  it.each([
    ['deep arrays', `var x = ${'['.repeat(5000)}${']'.repeat(5000)}\n`],
    ['deep parentheses', `var x = ${'('.repeat(5000)}1${')'.repeat(5000)}\n`],
    ['deep interpolation', `var x = ${"'${".repeat(500)}1${"}'".repeat(500)}\n`],
    ['deep unary', `var x = ${'!'.repeat(5000)}true\n`],
    ['unterminated string', "var x = 'abc\n"],
    ['unterminated comment', '/* never closed\n'],
    ['binary', 'param \u0000 x\n'],
  ])('refuses %s with a diagnostic, never a crash', async (_, text) => {
    const { problems } = await load({ 'main.bicep': text });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.[1]).toBe('error');
  });

  it('refuses a file over limits.maxFileBytes', async () => {
    const { problems } = await load({ 'main.bicep': CLUSTER() }, ['.'], { limits: { maxFileBytes: 50 } });
    expect(problems).toEqual([['limit-exceeded', 'error', 'main.bicep', null]]);
  });
});
