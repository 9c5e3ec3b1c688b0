import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { displayObject } from '../../../src/model/index.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/load/manifests/', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../../examples/multi-app/', import.meta.url));

const deployment = (name: string, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: argocd
spec:
  template:
    spec:
      containers:
        - name: main
          image: ${image}
`;

/** A folder holding `files`, for a layout no fixture has. */
function tree(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'aksward-scope-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

describe('scopeModel: one object, all its locations', () => {
  it('tells 30 shared objects of two installs in one notice, not one warning each (Argo CD install vs namespace-install)', async () => {
    const objects = Array.from({ length: 30 }, (_, i) => deployment(`server-${String(i)}`, 'argocd:2.9'));
    const root = tree({
      'manifests/install.yaml': [...objects, deployment('cluster-only', 'argocd:2.9')].join('---\n'),
      'manifests/namespace-install.yaml': objects.join('---\n'),
    });
    const { diagnostics, scopes } = await loadInputs(['manifests'], { cwd: root, kubectl: false });
    expect(diagnostics.map((d) => [d.code, d.level, d.file, d.line])).toEqual([
      ['duplicate-object', 'info', 'manifests/namespace-install.yaml', 1],
    ]);
    expect(diagnostics[0]?.message).toMatch(/^30 objects of manifests\/install.yaml also in/);
    // Two alternative installs: two clusters, neither holding the other's objects twice.
    expect(scopes.map((s) => [s.name, s.model.objects.length])).toEqual([
      ['manifests/install.yaml', 31],
      ['manifests/namespace-install.yaml', 30],
    ]);
  });

  it('keeps an object defined twice with the same content once, with the copy as its second location', async () => {
    const root = tree({
      'app/a.yaml': deployment('web', 'web:1'),
      'app/b.yaml': `${deployment('api', 'api:1')}---\n${deployment('web', 'web:1')}`,
    });
    const { scopes, diagnostics } = await loadInputs(['app'], {
      cwd: root,
      kubectl: false,
      clusterScope: 'all',
    });
    const [scope] = scopes;
    expect(
      scope?.model.objects.map((o) => [displayObject(o), o.origin.file, o.copies?.map((c) => c.at)]),
    ).toEqual([
      ['Deployment/argocd/web', 'app/a.yaml', [{ file: 'app/b.yaml', line: 13, column: 1 }]],
      ['Deployment/argocd/api', 'app/b.yaml', undefined],
    ]);
    expect(diagnostics.map((d) => [d.level, d.message])).toEqual([
      ['info', '1 object of app/a.yaml also in app/b.yaml: the same ones kept once with both locations'],
    ]);
  });

  it('reports a real conflict (same cluster, other content) once, naming both places, and keeps both', async () => {
    const { scopes, diagnostics } = await loadInputs(['duplicates.yaml'], { cwd: FIXTURES, kubectl: false });
    expect(scopes[0]?.model.objects).toHaveLength(4);
    expect(diagnostics.map((d) => [d.code, d.level, d.line])).toEqual([
      ['duplicate-object', 'info', 13],
      ['duplicate-object', 'warning', 13],
    ]);
    expect(diagnostics[1]?.message).toContain('duplicates.yaml:1');
  });
});

describe('scopeModel on examples/multi-app', () => {
  it('states the clusters the layout forms, and keeps the namespace-less install apart', async () => {
    const { scopes } = await loadInputs(['.'], { cwd: EXAMPLE, kubectl: false });
    expect(scopes.map((s) => [s.name, s.reason])).toEqual([
      ['namespace-less/install.yaml', 'file'],
      ['samples/guestbook/frontend.yaml', 'file'],
      ['samples/monitoring/node-agent.yaml', 'file'],
      ['shop/all-in-one.yaml', 'file'],
      ['shop/quickstart', 'folder'],
    ]);
    const all = await loadInputs(['.'], { cwd: EXAMPLE, kubectl: false, clusterScope: 'all' });
    expect(all.scopes.map((s) => s.name)).toEqual(['all inputs']);
  });
});
