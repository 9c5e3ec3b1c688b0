/** @module A cluster in nested deployments past the depth limit is an error with its line, not a silent "no cluster". */
import { describe, expect, it } from 'vitest';
import { loadText } from '../../../src/load/inputs/load-text.js';
import { createModelSink } from '../../../src/load/inputs/model-sink.js';
import { DEFAULT_LIMITS } from '../../../src/load/limits.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** A template whose cluster sits inside `levels` inline nested deployments. */
function nested(levels: number): string {
  let template: object = {
    $schema: SCHEMA,
    resources: [
      {
        type: 'Microsoft.ContainerService/managedClusters',
        apiVersion: '2024-02-01',
        name: 'deep',
        location: 'westeurope',
        properties: { enableRBAC: true },
      },
    ],
  };
  for (let level = levels; level > 0; level--) {
    template = {
      $schema: SCHEMA,
      resources: [
        {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2022-09-01',
          name: `level${String(level)}`,
          properties: { mode: 'Incremental', template },
        },
      ],
    };
  }
  return JSON.stringify(template, null, 2);
}

function load(text: string) {
  const sink = createModelSink(DEFAULT_LIMITS);
  const record = loadText(text, 'deep.json', sink);
  const { model, diagnostics } = sink.result();
  return { record, model, diagnostics };
}

describe('ARM nested deployment depth', () => {
  it('reads a cluster at the deepest level read', () => {
    const { model, diagnostics } = load(nested(8));
    expect(model.clusters.map((c) => c.name)).toEqual(['deep']);
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  });

  it('reports the deployment past the limit as an error with its line', () => {
    const text = nested(9);
    const { record, model, diagnostics } = load(text);
    expect(model.clusters).toEqual([]);
    expect(record.format).toBe('arm-template');
    // the line of the deployment's opening brace, three above its name
    const line = text.split('\n').findIndex((l) => l.includes('"name": "level9"')) + 1;
    expect(diagnostics.map((d) => [d.code, d.level, d.file, d.line])).toEqual([
      ['limit-exceeded', 'error', 'deep.json', line - 3],
    ]);
    expect(diagnostics[0]?.message).toContain('nested deployment deeper than 8 levels');
  });
});
