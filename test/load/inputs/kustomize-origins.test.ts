/**
 * Findings on a kustomize overlay point at the files the user wrote: the resource document and its line,
 * the patch for a patched field, the generator entry for a generated object (SARIF too), never at
 * `kustomization.yaml:1`; the origin annotations asked of kustomize are not left on the objects.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KUBECTL } from '../../helpers/kubectl.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { statedPath } from '../../../src/load/source-texts.js';
import { formatSarif } from '../../../src/report/sarif.js';
import { scan } from '../../../src/scan.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/load/inputs/', import.meta.url));

describe('kustomize origins', () => {
  it.skipIf(!KUBECTL)('moves each rendered object to its source document and line', async () => {
    const { model, diagnostics } = await loadInputs(['kustomize-origins/overlay'], {
      cwd: FIXTURES,
      kubectl: 'kubectl',
    });
    expect(diagnostics).toEqual([]);
    const at = (kind: string, path: (string | number)[]) => {
      const object = model.objects.find((o) => o.kind === kind);
      if (object === undefined) throw new Error(`no ${kind}`);
      const { file, line } = model.locate(object.origin, path);
      return `${file}:${line}`;
    };
    expect(at('ServiceAccount', [])).toBe('kustomize-origins/base/app.yaml:1');
    expect(at('Deployment', [])).toBe('kustomize-origins/base/app.yaml:6');
    // the patch's strategic merge puts its container first: indices are the rendered ones
    const deployment = model.objects.find((o) => o.kind === 'Deployment');
    const containers = (
      deployment?.body as { spec: { template: { spec: { containers: { name: string }[] } } } }
    ).spec.template.spec.containers;
    const index = (name: string) => containers.findIndex((c) => c.name === name);
    const web = ['spec', 'template', 'spec', 'containers', index('web')];
    expect(at('Deployment', [...web, 'image'])).toBe('kustomize-origins/base/app.yaml:21');
    // the patch states the field: its line, though the patch lists the container first
    expect(at('Deployment', [...web, 'securityContext', 'privileged'])).toBe(
      'kustomize-origins/overlay/privileged.yaml:11',
    );
    expect(at('Deployment', ['spec', 'template', 'spec', 'containers', index('sidecar'), 'image'])).toBe(
      'kustomize-origins/base/app.yaml:19',
    );
    // a generated object points at its generator entry
    expect(at('ConfigMap', ['data', 'mode'])).toBe('kustomize-origins/base/kustomization.yaml:4');
    for (const object of model.objects) {
      expect(Object.keys(object.annotations)).toEqual([]);
      expect(object.body.metadata).not.toHaveProperty('annotations');
    }
  });

  it.skipIf(!KUBECTL)('gives SARIF the source file and line', async () => {
    const scanned = await scan(['kustomize-origins/overlay'], {
      cwd: FIXTURES,
      kubectl: 'kubectl',
      today: '2026-12-01',
    });
    const privileged = scanned.result.findings.find((f) => f.ruleId === 'no-privileged');
    expect(privileged?.location).toMatchObject({
      file: 'kustomize-origins/overlay/privileged.yaml',
      line: 11,
    });
    const sarif = JSON.parse(
      formatSarif(scanned.result, {
        rules: [],
        version: '0',
        inputs: scanned.inputs,
        diagnostics: scanned.diagnostics,
        color: false,
        failOn: 'none',
      }),
    ) as { runs: { results: { ruleId: string; locations: { physicalLocation: unknown }[] }[] }[] };
    const result = sarif.runs[0]?.results.find((r) => r.ruleId === 'no-privileged');
    expect(result?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'kustomize-origins/overlay/privileged.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 11, startColumn: 13 },
    });
  });
});

describe('statedPath', () => {
  it('follows list elements by their merge key, and stops where the layer says no more', () => {
    const body = { spec: { containers: [{ name: 'a' }, { name: 'b', image: 'x' }] } };
    const patch = { spec: { containers: [{ name: 'b', securityContext: {} }] } };
    expect(statedPath(body, patch, ['spec', 'containers', 1, 'securityContext'])).toEqual([
      'spec',
      'containers',
      0,
      'securityContext',
    ]);
    expect(statedPath(body, patch, ['spec', 'containers', 1, 'image'])).toEqual(['spec', 'containers', 0]);
    expect(statedPath(body, patch, ['spec', 'containers', 0, 'image'])).toEqual(['spec', 'containers']);
    expect(statedPath(body, { spec: 'x' }, ['spec', 'containers'])).toEqual(['spec']);
  });
});
