import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createModelSink } from '../../src/load/inputs/model-sink.js';
import { DEFAULT_LIMITS } from '../../src/load/limits.js';
import { loadManifestText } from '../../src/load/manifests/load-manifest-text.js';
import { createSourceTexts } from '../../src/load/source-texts.js';
import type { KubeObject, PathSegment } from '../../src/model/index.js';
import { displayObject } from '../../src/model/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/load/manifests/', import.meta.url));
const CONTAINER_1_IMAGE: PathSegment[] = ['spec', 'template', 'spec', 'containers', 1, 'image'];

function loadTexts(files: Record<string, string>) {
  const sink = createModelSink(DEFAULT_LIMITS);
  for (const [file, text] of Object.entries(files)) loadManifestText(text, file, sink);
  const { model } = sink.result();
  const find = (name: string): KubeObject => {
    // `Kind/name` when two objects share a name.
    const object = model.objects.find((o) => (name.includes('/') ? displayObject(o) : o.name) === name);
    if (!object) throw new Error(`no object ${name}`);
    return object;
  };
  return {
    model,
    find,
    at: (name: string, path: readonly PathSegment[]) => model.locate(find(name).origin, path),
  };
}

function fixture(name: string) {
  return loadTexts({ [name]: readFileSync(FIXTURES + name, 'utf8') });
}

/** 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

describe('locate', () => {
  it('returns the line and column of the key at the end of the path', () => {
    const { at } = fixture('locate.yaml');
    expect(at('web', CONTAINER_1_IMAGE)).toEqual({ file: 'locate.yaml', line: 21, column: 11 });
    expect(at('web', ['spec', 'template', 'spec', 'containers', 1])).toEqual({
      file: 'locate.yaml',
      line: 20,
      column: 11,
    });
    expect(at('web', ['metadata', 'namespace'])).toEqual({ file: 'locate.yaml', line: 10, column: 3 });
    expect(at('web', [])).toEqual({ file: 'locate.yaml', line: 6, column: 1 });
  });

  it('returns the nearest existing ancestor for an absent property', () => {
    const { at } = fixture('locate.yaml');
    expect(at('web', ['spec', 'template', 'spec', 'hostPID'])).toMatchObject({ line: 16 });
    expect(
      at('web', ['spec', 'template', 'spec', 'containers', 1, 'securityContext', 'runAsNonRoot']),
    ).toMatchObject({
      line: 22,
    });
    expect(at('web', ['spec', 'template', 'spec', 'containers', 7, 'image'])).toMatchObject({ line: 17 });
    expect(at('shop', ['spec'])).toMatchObject({ line: 1 });
  });

  it('finds a path inside an item of a YAML List', () => {
    const { at, find } = fixture('list.yaml');
    expect(find('api').origin.basePath).toEqual(['items', 1]);
    expect(at('api', CONTAINER_1_IMAGE)).toEqual({ file: 'list.yaml', line: 20, column: 11 });
    expect(at('builder', ['metadata', 'namespace'])).toEqual({ file: 'list.yaml', line: 7, column: 5 });
  });

  it('finds a path inside an item of a JSON List', () => {
    const text = readFileSync(FIXTURES + 'list.json', 'utf8');
    const { at } = fixture('list.json');
    expect(at('ledger', CONTAINER_1_IMAGE)).toEqual({
      file: 'list.json',
      line: lineOf(text, '"sidecar:1"'),
      column: 33,
    });
    expect(at('ledger', ['spec', 'template', 'spec', 'containers', 0, 'image'])).toMatchObject({
      line: lineOf(text, '"ledger:2"'),
    });
    expect(at('ledger', ['spec', 'replicas'])).toMatchObject({ line: lineOf(text, '"spec"') });
    expect(at('payments', ['metadata', 'name'])).toMatchObject({ line: lineOf(text, '"payments" }') });
  });

  it('keeps the Helm template in located positions', () => {
    const { at } = fixture('helm-output.yaml');
    expect(at('Deployment/shop', ['spec', 'template', 'spec', 'containers', 0, 'image'])).toEqual({
      file: 'helm-output.yaml',
      line: 18,
      column: 11,
      template: 'shop/templates/deployment.yaml',
    });
  });

  it('follows YAML 1.1 keys and merge keys as decoded', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: merged',
      'base: &base',
      '  shared: 1',
      'spec:',
      '  <<: *base',
      '  on: yes',
      '',
    ].join('\n');
    const { at } = loadTexts({ 'merge.yaml': text });
    expect(at('merged', ['spec', 'true'])).toMatchObject({ line: 9 });
    expect(at('merged', ['spec', 'shared'])).toMatchObject({ line: 6 });
  });

  it('answers with the object line when the text was never registered', () => {
    const texts = createSourceTexts();
    const origin = { file: 'gone.yaml', documentIndex: 0, basePath: [], at: { file: 'gone.yaml', line: 4 } };
    expect(texts.locate(origin, ['spec'])).toEqual({ file: 'gone.yaml', line: 4 });
  });

  it('stays exact across many files and a large List with small caches', () => {
    const items = Array.from(
      { length: 1000 },
      (_, i) =>
        `- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: pod-${i}\n  spec:\n    containers:\n    - name: c\n      image: img:${i}\n`,
    ).join('');
    const files: Record<string, string> = { 'big.yaml': `apiVersion: v1\nkind: List\nitems:\n${items}` };
    for (let i = 0; i < 8; i += 1) {
      files[`small-${i}.yaml`] =
        `${'# pad\n'.repeat(i)}apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n`;
    }
    const { at } = loadTexts(files);
    for (const round of [0, 1]) {
      for (let i = 0; i < 8; i += 1)
        expect(at(`cm-${i}`, ['metadata', 'name']), `round ${round}`).toMatchObject({ line: i + 4 });
      expect(at('pod-999', ['spec', 'containers', 0, 'image'])).toEqual({
        file: 'big.yaml',
        line: 3 + 999 * 8 + 8,
        column: 7,
      });
      expect(at('pod-0', ['spec', 'containers', 0, 'image'])).toMatchObject({ line: 11 });
    }
  });

  it('sees a re-registered text, not a stale cache', () => {
    const texts = createSourceTexts();
    const origin = { file: 'a.yaml', documentIndex: 0, basePath: [], at: { file: 'a.yaml', line: 1 } };
    texts.register('a.yaml', 'apiVersion: v1\nkind: X\nspec: 1\n');
    expect(texts.locate(origin, ['spec'])).toMatchObject({ line: 3 });
    texts.register('a.yaml', 'apiVersion: v1\nkind: X\n\n\nspec: 1\n');
    expect(texts.locate(origin, ['spec'])).toMatchObject({ line: 5 });
  });
});
