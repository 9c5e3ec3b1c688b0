/** @module A failed kustomize render never carries the object kustomize printed (its annotations may hold secrets). */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KUBECTL } from '../../helpers/kubectl.js';
import { redactObjectDumps } from '../../../src/load/inputs/kustomize.js';
import { loadInputs } from '../../../src/load/load-inputs.js';

const CANARY = 'CANARY-kustomize-leak-1234';
const DIR = fileURLToPath(new URL('../../fixtures/load/kustomize-leak', import.meta.url));

describe('kustomize error redaction', () => {
  it('cuts Go object dumps, nested maps included, and keeps the rest of the message', () => {
    const stderr = `accumulating resources from 'secret.yaml': missing metadata.name in object {{v1 Secret} {{ x} map[] map[kubectl.kubernetes.io/last-applied-configuration:{"stringData":{"password":"${CANARY}"}}]}}': must build at directory`;
    const redacted = redactObjectDumps(stderr);
    expect(redacted).toBe(
      "accumulating resources from 'secret.yaml': missing metadata.name in object {…}': must build at directory",
    );
    expect(redactObjectDumps('map[password:x] and [brackets] stay')).toBe('{…} and [brackets] stay');
    expect(redactObjectDumps('unclosed {secret')).toBe('unclosed {…}');
  });

  it.skipIf(!KUBECTL)('keeps a secret annotation out of the render-failed diagnostic', async () => {
    const { diagnostics } = await loadInputs([DIR], { cwd: DIR, kubectl: 'kubectl' });
    const failed = diagnostics.find((d) => d.code === 'render-failed');
    expect(failed?.message).toContain('missing metadata.name in object {…}');
    expect(JSON.stringify(diagnostics)).not.toContain(CANARY);
  });
});
