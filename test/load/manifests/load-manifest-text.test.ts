import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createModelSink } from '../../../src/load/inputs/model-sink.js';
import type { LoadLimits } from '../../../src/load/limits.js';
import { DEFAULT_LIMITS } from '../../../src/load/limits.js';
import { loadManifestText } from '../../../src/load/manifests/load-manifest-text.js';
import { displayObject } from '../../../src/model/index.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/load/manifests/', import.meta.url));

function load(name: string, limits: Partial<LoadLimits> = {}, text = readFileSync(FIXTURES + name, 'utf8')) {
  const sink = createModelSink({ ...DEFAULT_LIMITS, ...limits });
  const count = loadManifestText(text, name, sink);
  const { model, diagnostics } = sink.result();
  return { count, model, diagnostics, objects: model.objects };
}

describe('loadManifestText', () => {
  it('reads every document of a multi-document stream, ignoring empty ones', () => {
    const { count, objects, diagnostics } = load('multi-doc.yaml');
    expect(count).toBe(3);
    expect(diagnostics).toEqual([]);
    expect(objects.map((o) => [displayObject(o), o.origin.documentIndex, o.origin.at.line])).toEqual([
      ['Deployment/shop/web', 0, 2],
      ['Service/shop/web', 2, 14],
      ['ConfigMap/shop/settings', 3, 23],
    ]);
    expect(objects[0]?.labels).toEqual({ app: 'web' });
    expect(objects[0]?.body.spec).toEqual({ replicas: 2 });
  });

  it('reads the items of a kubectl List dump with their own lines and base paths', () => {
    const { objects, diagnostics } = load('list.yaml');
    expect(diagnostics).toEqual([]);
    expect(
      objects.map((o) => [displayObject(o), o.origin.basePath, o.origin.at.line, o.origin.at.column]),
    ).toEqual([
      ['ServiceAccount/ci/builder', ['items', 0], 3, 3],
      ['Deployment/ci/api', ['items', 1], 8, 3],
    ]);
  });

  it('reads a JSON List with the line of each item', () => {
    const { objects, diagnostics } = load('list.json');
    expect(diagnostics).toEqual([]);
    expect(
      objects.map((o) => [displayObject(o), o.origin.basePath, o.origin.at.line, o.origin.at.column]),
    ).toEqual([
      ['Namespace/payments', ['items', 0], 5, 9],
      ['Deployment/payments/ledger', ['items', 1], 10, 9],
    ]);
  });

  it('gives the items of a typed list (PodList) the kind the list names', () => {
    const { objects } = load('pod-list.yaml');
    expect(objects.map((o) => [o.apiVersion, displayObject(o), o.origin.at.line])).toEqual([
      ['v1', 'Pod/ci/runner-1', 5],
      ['v1', 'Pod/ci/runner-2', 8],
    ]);
  });

  it('decodes YAML 1.1 as the API server does: yes/on are booleans, timestamps and 1:20 stay strings', () => {
    const { objects } = load('yaml-1-1.yaml');
    expect(objects[0]?.body.spec).toEqual({
      true: true,
      false: false,
      mode: 493,
      day: '2024-01-01',
      clock: '1:20',
    });
    expect(objects[0]?.labels).toEqual({ true: 'yes' });
  });

  it('keeps the Helm template of each document', () => {
    const { objects } = load('helm-output.yaml');
    expect(objects.map((o) => [displayObject(o), o.origin.at.template, o.origin.at.line])).toEqual([
      ['ServiceAccount/shop', 'shop/templates/serviceaccount.yaml', 3],
      ['Deployment/shop', 'shop/templates/deployment.yaml', 9],
    ]);
  });

  it('reports a syntax error in one document with its line and still reads the others', () => {
    const { objects, diagnostics } = load('parse-error.yaml');
    expect(objects.map((o) => [o.name, o.origin.documentIndex, o.origin.at.line])).toEqual([
      ['first', 0, 1],
      ['third', 2, 14],
    ]);
    // The flow sequence opened on line 10 is found unterminated where the next key starts.
    expect(diagnostics.map((d) => [d.code, d.level, d.file, d.line, d.column])).toEqual([
      ['parse-error', 'error', 'parse-error.yaml', 11, 1],
    ]);
  });

  it('stops an alias bomb at the alias limit without hanging, and reads the next document', () => {
    const started = Date.now();
    const { objects, diagnostics } = load('billion-laughs.yaml');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(diagnostics.map((d) => [d.code, d.level, d.line])).toEqual([['limit-exceeded', 'error', 1]]);
    expect(objects.map((o) => o.name)).toEqual(['after-the-bomb']);
  });

  it('applies the configured alias limit (-1 disables it, 0 forbids aliases)', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  x: &x "1"\n  z: *x\n';
    expect(load('x.yaml', { maxAliasCount: 0 }, text).diagnostics.map((d) => d.code)).toEqual([
      'limit-exceeded',
    ]);
    expect(load('x.yaml', { maxAliasCount: -1 }, text).objects[0]?.body.data).toEqual({ x: '1', z: '1' });
  });

  it('stops at the document limit with a limit-exceeded error', () => {
    const text = ['a', 'b', 'c']
      .map((n) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${n}}\n`)
      .join('---\n');
    const { objects, diagnostics } = load('many.yaml', { maxDocuments: 2 }, text);
    expect(objects.map((o) => o.name)).toEqual(['a', 'b']);
    expect(diagnostics.map((d) => [d.code, d.level, d.line])).toEqual([['limit-exceeded', 'error', 8]]);
  });

  it('reports documents that are not Kubernetes objects, with their lines', () => {
    const { objects, diagnostics } = load('not-kubernetes.yaml');
    expect(objects).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.level, d.line])).toEqual([
      ['not-kubernetes', 'warning', 2],
      ['not-kubernetes', 'warning', 5],
    ]);
  });

  it('reads nothing, and says nothing, from empty input', () => {
    expect(load('empty.yaml', {}, '')).toMatchObject({ count: 0, objects: [], diagnostics: [] });
    expect(load('empty.yaml', {}, '# nothing\n---\n\n')).toMatchObject({
      count: 0,
      objects: [],
      diagnostics: [],
    });
  });

  it('keeps every definition of an object: duplicates are decided once the cluster scopes are known', () => {
    const { objects, diagnostics } = load('duplicates.yaml');
    expect(objects).toHaveLength(4);
    expect(diagnostics).toEqual([]);
  });

  it('turns labels and annotations that are not string maps into wrong-type warnings and empty maps', () => {
    const { objects, diagnostics } = load('wrong-type.yaml');
    expect(objects[0]?.labels).toEqual({});
    expect(objects[0]?.annotations).toEqual({});
    expect(diagnostics.map((d) => [d.code, d.level, d.line])).toEqual([
      ['wrong-type', 'warning', 7],
      ['wrong-type', 'warning', 8],
    ]);
  });

  it('reports binary content instead of parsing it', () => {
    const { objects, diagnostics } = load('binary.yaml', {}, 'apiVersion: v1\n\0\0kind: x');
    expect(objects).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.level, d.line])).toEqual([['parse-error', 'error', 2]]);
  });

  it('never quotes the input in a syntax error message', () => {
    const text =
      'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  password: hunter2: [oops\n';
    const { diagnostics } = load('secret.yaml', {}, text);
    expect(diagnostics[0]?.code).toBe('parse-error');
    expect(JSON.stringify(diagnostics)).not.toContain('hunter2');
  });

  it('reads a List item by item, and reports a broken item without losing the others', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: v1',
      '  kind: ConfigMap',
      '  metadata: {name: good}',
      '- apiVersion: v1',
      '  kind: ConfigMap',
      '  metadata: {name: [bad}',
      '- apiVersion: v1',
      '  kind: ConfigMap',
      '  metadata: {name: also-good}',
      '',
    ].join('\n');
    const { objects, diagnostics } = load('list.yaml', {}, text);
    expect(objects.map((o) => [o.name, o.origin.basePath, o.origin.at.line])).toEqual([
      ['good', ['items', 0], 4],
      ['also-good', ['items', 2], 10],
    ]);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['parse-error', 9]]);
  });

  it('reads a List whose items share anchors as one document', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- &cm',
      '  apiVersion: v1',
      '  kind: ConfigMap',
      '  metadata: {name: a}',
      '- <<: *cm',
      '  metadata: {name: b}',
      '',
    ].join('\n');
    const { objects, diagnostics } = load('anchors.yaml', {}, text);
    expect(diagnostics).toEqual([]);
    expect(objects.map((o) => [displayObject(o), o.origin.at.line])).toEqual([
      ['ConfigMap/a', 5],
      ['ConfigMap/b', 8],
    ]);
  });

  it('reads flow-style YAML that only looks like JSON', () => {
    const { objects, diagnostics } = load(
      'flow.yaml',
      {},
      '{apiVersion: v1, kind: Namespace, metadata: {name: flow}}\n',
    );
    expect(diagnostics).toEqual([]);
    expect(objects.map((o) => displayObject(o))).toEqual(['Namespace/flow']);
  });

  it('points kustomize output at the kustomization and its origin annotation', () => {
    const sink = createModelSink(DEFAULT_LIMITS);
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  annotations:',
      '    config.kubernetes.io/origin: |',
      '      path: ../base/cm.yaml',
      '  name: prod-cfg',
    ].join('\n');
    loadManifestText(text, 'overlays/prod/kustomization.yaml', sink, { renderedBy: 'kustomize' });
    const { model } = sink.result();
    expect(model.objects[0]?.origin.at).toEqual({
      file: 'overlays/prod/kustomization.yaml',
      line: 1,
      template: 'overlays/base/cm.yaml',
    });
    const [object] = model.objects;
    if (!object) throw new Error('nothing loaded');
    expect(model.locate(object.origin, ['data'])).toEqual(object.origin.at);
  });
});

describe('loadManifestText: JSON', () => {
  it('reads JSON that starts with a byte-order mark, as Windows tools write it', () => {
    const sink = createModelSink(DEFAULT_LIMITS);
    loadManifestText(
      '\uFEFF{"apiVersion":"v1","kind":"Namespace",\n"metadata":{"name":"bom"}}',
      'bom.json',
      sink,
    );
    const { model, diagnostics } = sink.result();
    expect(diagnostics).toEqual([]);
    const [object] = model.objects;
    if (!object) throw new Error('nothing loaded');
    expect(model.locate(object.origin, ['metadata', 'name'])).toEqual({
      file: 'bom.json',
      line: 2,
      column: 13,
    });
  });

  it('reports invalid JSON as a parse error with its line', () => {
    const { objects, diagnostics } = load(
      'bad.json',
      {},
      '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "x"}}\n}\n',
    );
    expect(objects).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.level, d.line])).toEqual([['parse-error', 'error', 5]]);
  });
});
