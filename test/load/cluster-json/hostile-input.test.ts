import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InputFormat } from '../../../src/load/diagnostics.js';
import { load, readFixture } from './memory-sink.js';

const FORMATS: readonly InputFormat[] = [
  'az-aks-show',
  'arm-rest',
  'arm-template',
  'diagnostic-settings',
  'maintenance-configurations',
];

/** Loads without throwing, and without the catch-all's "internal error" (which would hide a bug). */
function loadSafely(text: string, format: InputFormat) {
  const result = load(text, format);
  const internal = result.diagnostics.filter((d) => d.message.startsWith('internal error'));
  expect(internal).toEqual([]);
  return result;
}

/** Every path to a value in `value`, so a fuzzer can replace any subtree. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [
    prefix,
    ...keys.flatMap((key) => paths((value as Record<string | number, unknown>)[key], [...prefix, key])),
  ];
}

function replaceAt(root: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] ?? 0] = replacement;
  return copy;
}

describe('hostile input never throws', () => {
  it('reports malformed JSON with line and column', () => {
    const result = loadSafely(
      '{\n  "type": "Microsoft.ContainerService/managedClusters",\n  "name": ,\n}',
      'az-aks-show',
    );
    expect(result.clusters).toEqual([]);
    expect(result.diagnostics).toEqual([
      {
        code: 'parse-error',
        level: 'error',
        message: 'malformed JSON: expected a JSON value',
        file: 'input.json',
        line: 3,
        column: 11,
      },
    ]);
  });

  it.each([
    ['{"a": 1,}', 'expected a property name in double quotes', 9],
    ['{"a": tru}', 'expected a JSON value', 7],
    ['{"a": 01}', "expected ',' or '}'", 8],
    ["{'a': 1}", 'expected a property name in double quotes', 2],
    ['[1,,2]', 'expected a JSON value', 4],
    // A raw tab inside a string: JSON requires it escaped.
    ['{"a": "tab\there"}', 'expected a JSON value', 7],
    ['{"a": 1} {"b": 2}', 'unexpected content after the JSON value', 10],
    ['{"a": [1, 2}', "expected ',' or ']'", 12],
    ['', 'unexpected end of input', 1],
  ])('refuses what YAML would accept but JSON does not: %s', (text, message, column) => {
    const result = loadSafely(text, 'arm-rest');
    expect(result.diagnostics).toEqual([
      {
        code: 'parse-error',
        level: 'error',
        message: `malformed JSON: ${message}`,
        file: 'input.json',
        line: 1,
        column,
      },
    ]);
  });

  it('reads a file that starts with a byte-order mark', () => {
    const result = loadSafely(`\uFEFF${readFixture('arm-rest.json')}`, 'arm-rest');
    expect(result.diagnostics).toEqual([]);
    expect(result.clusters[0]?.apiServer.enablePrivateCluster).toMatchObject({
      value: true,
      at: { line: 149 },
    });
  });

  it('keeps quoted source out of parse errors: a malformed file may hold a secret', () => {
    const result = loadSafely('{"properties": {"secret": "hunter2" "x": 1}}', 'arm-rest');
    expect(result.diagnostics.length).toBeGreaterThan(0);
    for (const diagnostic of result.diagnostics) expect(diagnostic.message).not.toContain('hunter2');
  });

  it('refuses deeply nested arrays quickly, with a limit diagnostic', () => {
    const depth = 100_000;
    const started = Date.now();
    const result = loadSafely(`{"a": ${'['.repeat(depth)}${']'.repeat(depth)}}`, 'az-aks-show');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'limit-exceeded', level: 'error', line: 1, column: 206 }),
    ]);
  });

  it('reads huge strings where values are expected', () => {
    const huge = 'x'.repeat(500_000);
    const cluster = {
      type: 'Microsoft.ContainerService/managedClusters',
      name: huge,
      properties: { kubernetesVersion: huge, agentPoolProfiles: [{ name: huge, nodeTaints: [huge] }] },
    };
    const result = loadSafely(JSON.stringify(cluster), 'arm-rest');
    expect(result.clusters[0]?.kubernetesVersion).toMatchObject({ state: 'stated' });
    const expression = loadSafely(
      JSON.stringify({
        $schema: 'deploymentTemplate',
        resources: [{ ...cluster, name: `[concat('${huge}')]` }],
      }),
      'arm-template',
    );
    expect(expression.clusters).toHaveLength(1);
  });

  it('survives wrong types anywhere in each fixture', { timeout: 120_000 }, () => {
    const fixtures: [string, InputFormat][] = [
      ['az-aks-show.json', 'az-aks-show'],
      ['arm-rest.json', 'arm-rest'],
      ['arm-template.json', 'arm-template'],
      ['bicep-main.json', 'arm-template'],
      ['diagnostic-settings-list.json', 'diagnostic-settings'],
    ];
    for (const [name, format] of fixtures) {
      const original: unknown = JSON.parse(readFixture(name));
      const all = paths(original);
      fc.assert(
        fc.property(fc.constantFrom(...all), fc.jsonValue({ maxDepth: 3 }), (path, replacement) => {
          loadSafely(JSON.stringify(replaceAt(original, path, replacement), null, 2), format);
        }),
        { numRuns: 25 },
      );
    }
  });

  it('survives arbitrary JSON in every format', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(...FORMATS), (value, format) => {
        loadSafely(JSON.stringify(value), format);
      }),
      { numRuns: 250 },
    );
  });

  it('survives arbitrary expression text in template values', () => {
    const alphabet = fc.constantFrom(...`()[],.' abcdefgijklmnoprstuvwxyz019-_{}`.split(''));
    const junk = fc.array(alphabet, { maxLength: 60 }).map((chars) => chars.join(''));
    const call = fc.constantFrom(
      'parameters',
      'variables',
      'concat',
      'format',
      'if',
      'union',
      'resourceId',
      'split',
      'tryGet',
    );
    const expression = fc.tuple(call, junk).map(([name, rest]) => `[${name}(${rest}]`);
    fc.assert(
      fc.property(fc.array(expression, { minLength: 1, maxLength: 6 }), ([a, b, c, d, e, f]) => {
        const template = {
          $schema: 'deploymentTemplate',
          parameters: { p: { type: 'string', defaultValue: a ?? '' } },
          variables: { v: b ?? '', w: { x: c ?? '' } },
          resources: [
            {
              type: 'Microsoft.ContainerService/managedClusters',
              name: d ?? 'aks',
              condition: e ?? true,
              properties: {
                enableRBAC: f ?? true,
                addonProfiles: "[variables('w')]",
                networkProfile: a ?? {},
              },
            },
            {
              type: 'Microsoft.Insights/diagnosticSettings',
              name: 'd',
              scope: c ?? '',
              properties: { logs: b ?? [] },
            },
          ],
        };
        loadSafely(JSON.stringify(template), 'arm-template');
      }),
      { numRuns: 250 },
    );
  });

  it('never puts a secure parameter value into a diagnostic or a reason', () => {
    const template = {
      $schema: 'deploymentTemplate',
      parameters: { secret: { type: 'securestring', defaultValue: 'hunter2' } },
      resources: [
        {
          type: 'Microsoft.ContainerService/managedClusters',
          name: 'aks',
          properties: {
            servicePrincipalProfile: { clientId: 'id', secret: "[parameters('secret')]" },
            enableRBAC: "[int(parameters('secret'))]",
            disableLocalAccounts: "[parameters('secret')]",
            kubernetesVersion: "[concat(parameters('secret') 'x')]",
          },
        },
      ],
    };
    const result = loadSafely(JSON.stringify(template), 'arm-template');
    const cluster = result.clusters[0];
    const reasons = [cluster?.identity.enableRBAC, cluster?.kubernetesVersion].map((s) =>
      s?.state === 'unknown' ? s.reason : '',
    );
    expect(reasons.join(' ')).not.toContain('hunter2');
    for (const diagnostic of result.diagnostics) expect(diagnostic.message).not.toContain('hunter2');
  });
});
