/** @module The key positions kept while loading answer exactly as re-parsing the document does. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutatedTexts, yamlFiles } from '../../helpers/yaml-corpus.js';
import { createModelSink } from '../../../src/load/inputs/model-sink.js';
import { loadText } from '../../../src/load/inputs/load-text.js';
import { DEFAULT_LIMITS } from '../../../src/load/limits.js';
import { locateYamlPath } from '../../../src/load/manifests/locate-yaml-path.js';
import { parseYaml } from '../../../src/load/manifests/parse-yaml.js';
import { buildPositionIndex, lookupPosition } from '../../../src/load/manifests/position-index.js';
import { createSourceTexts } from '../../../src/load/source-texts.js';
import type { KubeObject, PathSegment } from '../../../src/model/index.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Every path into the body (bounded), each also extended by a key and an index that are absent. */
function probesOf(object: KubeObject): PathSegment[][] {
  const out: PathSegment[][] = [];
  const walk = (value: unknown, prefix: PathSegment[]): void => {
    if (out.length > 600) return;
    out.push(prefix, [...prefix, 'absent'], [...prefix, 7]);
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(item, [...prefix, i]);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) walk(item, [...prefix, key]);
    }
  };
  walk(object.body, []);
  return out;
}

/** Loads the texts (positions kept), and locates every probe both ways: kept positions, and a re-parse. */
function mismatches(files: Readonly<Record<string, string>>): { compared: number; differ: string[] } {
  const sink = createModelSink(DEFAULT_LIMITS);
  for (const [file, text] of Object.entries(files)) loadText(text, file, sink);
  const { model } = sink.result();
  const reparsed = createSourceTexts();
  for (const [file, text] of Object.entries(files)) reparsed.register(file, text);
  let compared = 0;
  const differ: string[] = [];
  for (const object of model.objects) {
    for (const probe of probesOf(object)) {
      compared += 1;
      const kept = model.locate(object.origin, probe);
      const parsed = reparsed.locate(object.origin, probe);
      if (JSON.stringify(kept) !== JSON.stringify(parsed))
        differ.push(`${object.origin.file} ${probe.join('.')}: ${JSON.stringify([kept, parsed])}`);
    }
  }
  return { compared, differ };
}

describe('position index', () => {
  it('answers as locateYamlPath on the same parse, offset by the first line', () => {
    const text = 'a:\n  b: [1, {c: 2}]\n  "q": 3\n  on: yes\n  ? [x]\n  : 4\nlist:\n- k: v\n-\n';
    const parsed = parseYaml(text);
    const index = buildPositionIndex(parsed, 10);
    if (index === undefined) throw new Error('no index');
    const paths: PathSegment[][] = [
      [],
      ['a'],
      ['a', 'b', 1, 'c'],
      ['a', 'b', 5],
      ['a', 'q'],
      ['a', 'true'],
      ['a', 'on'],
      ['list', 0, 'k'],
      ['list', 1, 'k'],
      ['list', '0'],
      ['list', -1],
      ['missing', 'deeper'],
    ];
    for (const probe of paths) {
      const offset = locateYamlPath(parsed.document, parsed.document.contents, probe) ?? 0;
      const { line, col } = parsed.lineCounter.linePos(offset);
      expect(lookupPosition(index, [], probe), probe.join('.')).toEqual({ line: line + 9, column: col });
    }
    expect(lookupPosition(index, ['a'], ['b', 1, 'c'])).toEqual({ line: 11, column: 11 });
  });

  it('declines documents that need the tree: aliases and merge keys', () => {
    const merged = parseYaml('base: &b\n  x: 1\nspec:\n  <<: *b\n');
    expect(buildPositionIndex(merged, 1)).toBeUndefined();
    expect(buildPositionIndex(parseYaml('a: &x 1\nb: *x\n'), 1)).toBeUndefined();
    expect(buildPositionIndex(parseYaml('a: &x 1\nb: 2\n'), 1)).toBeDefined();
  });

  it('locates every path of every fixture and example manifest as a re-parse does', () => {
    const files: Record<string, string> = {};
    for (const folder of ['test/fixtures', 'examples']) {
      for (const file of yamlFiles(path.join(ROOT, folder)))
        files[path.relative(ROOT, file)] = readFileSync(file, 'utf8');
    }
    const { compared, differ } = mismatches(files);
    expect(differ.slice(0, 5)).toEqual([]);
    expect(compared).toBeGreaterThan(50_000);
  });

  it('locates as a re-parse does in mutated manifests (flow, anchors, odd keys)', () => {
    const texts = yamlFiles(path.join(ROOT, 'examples')).map((file) => readFileSync(file, 'utf8'));
    const chars = ' \n:{}[],&*!|>\'"#?-abc01'.split('');
    const mutated = mutatedTexts(texts, chars);
    fc.assert(
      fc.property(mutated, (text) => {
        expect(mismatches({ 'm.yaml': text }).differ.slice(0, 3)).toEqual([]);
      }),
      { numRuns: 60, seed: 20261123 },
    );
  });

  it('locates items of a List parsed one at a time', () => {
    const items = Array.from(
      { length: 30 },
      (_, i) => `- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: cm-${i}}\n  data:\n    k${i}: "v"\n`,
    ).join('');
    const { compared, differ } = mismatches({ 'list.yaml': `apiVersion: v1\nkind: List\nitems:\n${items}` });
    expect(differ).toEqual([]);
    expect(compared).toBeGreaterThan(300);
  });
});
