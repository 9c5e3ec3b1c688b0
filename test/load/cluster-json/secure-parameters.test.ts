/** @module Values from ARM `securestring`/`secureObject` parameters never become settings, messages or names. */
import { describe, expect, it } from 'vitest';
import { load } from './memory-sink.js';

const SECRET = 'CANARY-secure-param-9d1e';
const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const reason = (name: string) =>
  `comes from the secure parameter ${name}; aksward does not read secure values`;

function template(properties: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      $schema: SCHEMA,
      parameters: {
        secret: { type: 'securestring', defaultValue: SECRET },
        creds: { type: 'secureObject', defaultValue: { policy: SECRET, sku: 'Standard' } },
        plain: { type: 'string', defaultValue: 'azure' },
      },
      variables: { policyFromSecret: "[concat('x-', parameters('secret'))]" },
      ...extra,
      resources: [
        {
          type: 'Microsoft.ContainerService/managedClusters',
          apiVersion: '2024-09-01',
          name: 'aks',
          properties,
        },
      ],
    },
    null,
    2,
  );
}

function loaded(text: string) {
  const result = load(text, 'arm-template', 'secure.json');
  const [cluster] = result.clusters;
  if (!cluster) throw new Error('no cluster');
  // Nothing the loader kept or said may hold the secret.
  const kept = { clusters: result.clusters, satellites: result.satellites, diagnostics: result.diagnostics };
  expect(JSON.stringify(kept)).not.toContain(SECRET);
  return { result, cluster };
}

describe('secure ARM parameters', () => {
  it('leaves a setting read straight from a securestring parameter unknown, with the parameter named', () => {
    const { cluster, result } = loaded(
      template({ networkProfile: { networkPolicy: "[parameters('secret')]" } }),
    );
    expect(cluster.network.networkPolicy).toMatchObject({ state: 'unknown', reason: reason('secret') });
    // Expected in a template (the value is never evaluated offline): information, not a warning.
    expect(result.diagnostics.map((d) => [d.code, d.level, d.message])).toEqual([
      ['unresolved-value', 'info', `properties.networkProfile.networkPolicy: ${reason('secret')}`],
    ]);
  });

  it('follows the secret through variables and functions', () => {
    const { cluster } = loaded(
      template({ networkProfile: { networkPolicy: "[variables('policyFromSecret')]" } }),
    );
    expect(cluster.network.networkPolicy).toMatchObject({ state: 'unknown', reason: reason('secret') });
  });

  it('treats every member of a secureObject as secret, and a plain parameter as readable', () => {
    const { cluster } = loaded(
      template({
        networkProfile: {
          networkPolicy: "[parameters('creds').policy]",
          networkPlugin: "[parameters('plain')]",
        },
        kubernetesVersion: "[if(empty(parameters('secret')), '1.30', '1.31')]",
      }),
    );
    expect(cluster.network.networkPolicy).toMatchObject({ state: 'unknown', reason: reason('creds') });
    expect(cluster.network.networkPlugin).toMatchObject({ state: 'stated', value: 'azure' });
    // Even a test of the secret is not evaluated: its outcome tells something about the value.
    expect(cluster.kubernetesVersion).toMatchObject({ state: 'unknown', reason: reason('secret') });
  });

  it('does not evaluate a secret used in a name, which findings show as its expression', () => {
    const text = template({}).replace('"name": "aks"', `"name": "[parameters('secret')]"`);
    const { cluster } = loaded(text);
    expect(cluster.name).toBe("[parameters('secret')]");
  });

  it('keeps a secure parameter of a nested deployment (Bicep module) secret, given or defaulted', () => {
    const inner = {
      $schema: SCHEMA,
      parameters: { innerSecret: { type: 'securestring' }, innerPlain: { type: 'string' } },
      resources: [
        {
          type: 'Microsoft.ContainerService/managedClusters',
          apiVersion: '2024-09-01',
          name: 'inner',
          properties: {
            networkProfile: {
              networkPolicy: "[parameters('innerSecret')]",
              networkPlugin: "[parameters('innerPlain')]",
            },
          },
        },
      ],
    };
    const deployment = {
      type: 'Microsoft.Resources/deployments',
      apiVersion: '2022-09-01',
      name: 'module',
      properties: {
        expressionEvaluationOptions: { scope: 'inner' },
        mode: 'Incremental',
        // A plain string given to the secure parameter, and the outer secret given to a plain one.
        parameters: { innerSecret: { value: SECRET }, innerPlain: { value: "[parameters('secret')]" } },
        template: inner,
      },
    };
    const parsed = JSON.parse(template({})) as { resources: unknown[] };
    parsed.resources = [deployment];
    const { cluster } = loaded(JSON.stringify(parsed, null, 2));
    expect(cluster.network.networkPolicy).toMatchObject({ state: 'unknown', reason: reason('innerSecret') });
    expect(cluster.network.networkPlugin).toMatchObject({ state: 'unknown', reason: reason('secret') });
  });
});

describe('messages about unexpected values', () => {
  it('say what kind of value the input gives, never the value', () => {
    const { cluster } = loaded(
      template({
        enableRBAC: 'CANARY-not-a-bool',
        networkProfile: { networkPolicy: { nested: 'CANARY-obj' } },
      }),
    );
    expect(cluster.identity.enableRBAC).toMatchObject({
      state: 'unknown',
      reason: 'the value is a string where a boolean is expected',
    });
    expect(cluster.network.networkPolicy).toMatchObject({
      state: 'unknown',
      reason: 'the value is an object where a string is expected',
    });
    expect(JSON.stringify(cluster)).not.toContain('CANARY');
  });

  it('do not quote a computed property name that is not name-like', () => {
    const { cluster, result } = loaded(
      template(
        { networkProfile: { networkPolicy: "[variables('map')[concat('no such ', parameters('plain'))]]" } },
        { variables: { map: { a: 'b' } } },
      ),
    );
    expect(cluster.network.networkPolicy).toMatchObject({
      state: 'unknown',
      reason: 'the property named by a computed key does not exist',
    });
    expect(result.diagnostics.map((d) => d.message).join('\n')).not.toContain('no such');
  });
});

describe('repeated keys', () => {
  it('quote a name-like key, but not a key that could be any text', () => {
    const text = '{\n  "a": 1,\n  "A": 2,\n  "x y=CANARY": 1,\n  "X Y=canary": 2\n}';
    const result = load(text, 'az-aks-show');
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'key "A" repeats the key on line 2 (ARM keys are case-insensitive); the last one is used',
      'a key repeats the key on line 4 (ARM keys are case-insensitive); the last one is used',
    ]);
  });
});
