/** @module `.json` files met while walking a folder: foreign JSON is skipped quietly, broken manifests are still errors. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../../src/load/load-inputs.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/load/inputs/', import.meta.url));
const TEMPLATE_WITHOUT_CLUSTER =
  'ARM template without AKS cluster-side resources (managedClusters and their children, deploymentSafeguards, diagnosticSettings); not read';

async function load(paths: readonly string[]) {
  const result = await loadInputs(paths, { cwd: FIXTURES, kubectl: false });
  return {
    records: result.inputs.map((r) => [r.file, r.format ?? null, r.objects, r.reason ?? null]),
    problems: result.diagnostics.map((d) => [d.file, d.code, d.level]),
  };
}

describe('walking a code repository', () => {
  it('skips package.json, tsconfig.json with comments and other foreign JSON without a warning', async () => {
    const { records, problems } = await load(['code-repo']);
    expect(records).toEqual([
      ['code-repo/broken-deployment.json', null, 0, 'no Kubernetes objects found'],
      ['code-repo/configmap.json', 'kubernetes', 1, null],
      ['code-repo/half-manifest.json', null, 0, 'no Kubernetes objects found'],
      ['code-repo/numbers.json', null, 0, 'not an input format'],
      ['code-repo/package.json', null, 0, 'not an input format'],
      ['code-repo/storage-template.json', null, 0, TEMPLATE_WITHOUT_CLUSTER],
      ['code-repo/tsconfig.json', null, 0, 'not an input format'],
    ]);
    // A broken manifest (both keys) is still an error, and a manifest missing apiVersion still a warning.
    expect(problems).toEqual([
      ['code-repo/broken-deployment.json', 'parse-error', 'error'],
      ['code-repo/half-manifest.json', 'not-kubernetes', 'warning'],
    ]);
  });
});

describe('naming JSON files explicitly', () => {
  it('reads them as before, and refuses what holds no input: a mistyped path is never silently ignored', async () => {
    const { records, problems } = await load([
      'code-repo/package.json',
      'code-repo/tsconfig.json',
      'code-repo/storage-template.json',
    ]);
    expect(records).toEqual([
      ['code-repo/package.json', null, 0, 'no Kubernetes objects found'],
      ['code-repo/tsconfig.json', null, 0, 'no Kubernetes objects found'],
      ['code-repo/storage-template.json', null, 0, TEMPLATE_WITHOUT_CLUSTER],
    ]);
    // named, not read: an error each, unless the file's own error says why (tsconfig.json)
    expect(problems).toEqual([
      ['code-repo/package.json', 'not-kubernetes', 'warning'],
      ['code-repo/package.json', 'unsupported-input', 'error'],
      ['code-repo/tsconfig.json', 'parse-error', 'error'],
      ['code-repo/storage-template.json', 'unsupported-input', 'error'],
    ]);
  });

  it('treats a glob match as walked, not named', async () => {
    const { records, problems } = await load(['code-repo/p*.json']);
    expect(records).toEqual([['code-repo/package.json', null, 0, 'not an input format']]);
    expect(problems).toEqual([]);
  });
});
