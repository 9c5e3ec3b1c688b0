/** @module The fast YAML path reads exactly what the `yaml` path reads, or declines. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutatedTexts, yamlFiles } from '../../helpers/yaml-corpus.js';
import { fastYaml } from '../../../src/load/manifests/fast-yaml.js';
import { firstError, parseYaml, toPlainValue } from '../../../src/load/manifests/parse-yaml.js';
import { buildPositionIndex } from '../../../src/load/manifests/position-index.js';
import { splitDocuments } from '../../../src/load/manifests/split-documents.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** What the `yaml` path gives: the value (key order included) and the position index; undefined on an error. */
function slowRead(
  text: string,
  firstLine: number,
): { value: unknown; keys: string; index: unknown } | undefined {
  const parsed = parseYaml(text);
  if (firstError(parsed) !== undefined) return undefined;
  const plain = toPlainValue(parsed, 100);
  if (!('value' in plain)) return undefined;
  return { value: plain.value, keys: keyOrder(plain.value), index: buildPositionIndex(parsed, firstLine) };
}

/** Every mapping's keys in order, which `isDeepStrictEqual` does not compare. */
function keyOrder(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item) ? Object.entries(item) : item,
  );
}

/** The documents of `text` the fast path read differently from `yaml` (it may decline any of them). */
function differences(text: string): { read: number; differ: string[] } {
  let read = 0;
  const differ: string[] = [];
  for (const slice of splitDocuments(text)) {
    const documentText = text.slice(slice.start, slice.end);
    const fast = fastYaml(documentText, slice.line);
    if (fast === undefined) continue;
    read += 1;
    const slow = slowRead(documentText, slice.line);
    const same =
      slow !== undefined &&
      isDeepStrictEqual(fast.value, slow.value) &&
      keyOrder(fast.value) === slow.keys &&
      isDeepStrictEqual(fast.positions, slow.index);
    if (!same) differ.push(JSON.stringify(documentText));
  }
  return { read, differ };
}

describe('fast YAML path', () => {
  it('reads YAML 1.1 scalars as go-yaml v2 does (booleans, octal, hex, binary, floats, nulls)', () => {
    const text = [
      'a: yes',
      'b: No',
      'c: on',
      'd: OFF',
      'e: y',
      'f: 0755',
      'g: 0x1F',
      'h: 0b101',
      'i: -0',
      'j: 1_000',
      'k: .inf',
      'l: -.Inf',
      'm: .nan',
      'x: 1.50',
      'o: 1e3',
      'p: ~',
      'q:',
      'r: 2024-01-01',
      's: 1:20',
      't: "yes"',
      'u: 09',
      'v: .',
      'w: +12',
      '',
    ].join('\n');
    expect(differences(text)).toEqual({ read: 1, differ: [] });
    const fast = fastYaml(text, 1);
    expect(fast?.value).toMatchObject({ a: true, b: false, c: true, d: false, e: true, f: 493, g: 31, h: 5 });
    expect(fast?.value).toMatchObject({
      j: 1000,
      k: Infinity,
      l: -Infinity,
      x: 1.5,
      o: 1000,
      p: null,
      q: null,
    });
    expect(fast?.value).toMatchObject({ r: '2024-01-01', s: '1:20', t: 'yes', u: 9, w: 12 });
    expect(Object.is((fast?.value as { i: number }).i, -0)).toBe(true);
  });

  it('keeps key positions as the yaml tree does, flow collections inside block sequences included', () => {
    const text = 'kind: X\nrules:\n  - { apiGroups: [""], verbs: [get] }\n  - [a, {b: c}]\nm: {x: {y: 1}}\n';
    expect(differences(text)).toEqual({ read: 1, differ: [] });
  });

  it('declines what only the yaml path reads right: tags, anchors, merge keys, null keys, directives, errors', () => {
    const declined = [
      'a: !!str 1\n',
      'a: !local x\n',
      'a: &x 1\nb: *x\n',
      'a: *x\n',
      'base: {x: 1}\n<<: {y: 2}\n',
      '~: 1\n',
      '%YAML 1.1\n---\na: 1\n',
      'a: 1\na: 2\n',
      'a: [1\n',
      'a: 1\rb: 2\n',
      '? [x]\n: 1\n',
      '{b: 1, "2": x}\n',
      '',
      '# only a comment\n',
    ];
    for (const text of declined) expect(fastYaml(text, 1), JSON.stringify(text)).toBeUndefined();
  });

  it('reads every fixture and example document as the yaml path does', () => {
    let read = 0;
    const differ: string[] = [];
    for (const folder of ['test/fixtures', 'examples']) {
      for (const file of yamlFiles(path.join(ROOT, folder))) {
        const result = differences(readFileSync(file, 'utf8'));
        read += result.read;
        differ.push(...result.differ.map((d) => `${file}: ${d}`));
      }
    }
    expect(differ.slice(0, 3)).toEqual([]);
    expect(read).toBeGreaterThan(900);
  });

  it('reads mutated manifests as the yaml path does, or declines them', () => {
    const texts = yamlFiles(path.join(ROOT, 'examples')).map((file) => readFileSync(file, 'utf8'));
    const chars = ' \n\t:{}[],&*!|>\'"#?-~%<abc01yn.'.split('');
    const mutated = mutatedTexts(texts, chars);
    fc.assert(
      fc.property(mutated, (text) => {
        expect(differences(text).differ.slice(0, 2)).toEqual([]);
      }),
      { numRuns: 200, seed: 20261206 },
    );
  });
});
