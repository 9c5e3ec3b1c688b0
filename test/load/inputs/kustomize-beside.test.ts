/**
 * A manifest in a kustomization's folder that no kustomization of the run reads (the AKS baseline's
 * traefik.yaml, applied with `kubectl apply -f`) is read on its own and listed as such; the files the
 * kustomization reads (resources, patches) stay kustomize's.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { displayObject } from '../../../src/model/index.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/load/inputs/', import.meta.url));
const DIR = 'kustomize-beside';

describe('manifests beside a kustomization', () => {
  it('reads the ones the kustomization does not use, and says so', async () => {
    // kubectl: false: the render fails, the graph still says which files are the kustomization's
    const { model, inputs } = await loadInputs([DIR], { cwd: FIXTURES, kubectl: false });
    expect(model.objects.map((o) => [displayObject(o), o.origin.at.file, o.origin.at.line])).toEqual([
      ['ClusterRole/traefik-ingress-controller', `${DIR}/traefik.yaml`, 1],
    ]);
    expect(inputs.map((r) => [r.file, r.format ?? null, r.reason ?? null])).toEqual([
      [`${DIR}/kustomization.yaml`, null, 'kubectl not found: install kubectl to render kustomizations'],
      [`${DIR}/settings.yaml`, null, 'not an input format'],
      [
        `${DIR}/traefik.yaml`,
        'kubernetes',
        `beside ${DIR}/kustomization.yaml, which does not use it: read on its own`,
      ],
    ]);
  });

  it('leaves a file that a kustomization elsewhere in the run reads to it', async () => {
    const { inputs } = await loadInputs(['kustomize'], { cwd: FIXTURES, kubectl: false });
    // base/deployment.yaml is read by base/kustomization.yaml (itself the overlay's base)
    expect(inputs.map((r) => r.file)).not.toContain('kustomize/base/deployment.yaml');
    expect(inputs.map((r) => r.file)).not.toContain('kustomize/standalone/configmap.yaml');
  });
});
