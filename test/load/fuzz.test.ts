/** @module Property-based tests over the loaders: random and mutated YAML, JSON and HCL never crash them. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../../src/load/inputs/model-sink.js';
import { createModelSink } from '../../src/load/inputs/model-sink.js';
import { loadText } from '../../src/load/inputs/load-text.js';
import { DEFAULT_LIMITS } from '../../src/load/limits.js';
import { loadTerraformModule } from '../../src/load/terraform/load-terraform.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../examples');
const RUNS = { numRuns: 150, seed: 20261123 };
/** Example clusters (examples/evidence holds flow logs for them, not a cluster). */
const EXAMPLE_CLUSTERS = readdirSync(EXAMPLES).filter((e) =>
  existsSync(path.join(EXAMPLES, e, 'cluster.json')),
);

function manifestTexts(): string[] {
  return EXAMPLE_CLUSTERS.flatMap((example) => {
    const folder = path.join(EXAMPLES, example, 'manifests');
    return readdirSync(folder)
      .sort()
      .map((name) => readFileSync(path.join(folder, name), 'utf8'));
  });
}

const MANIFESTS = manifestTexts();
const CLUSTERS = EXAMPLE_CLUSTERS.map((example) =>
  readFileSync(path.join(EXAMPLES, example, 'cluster.json'), 'utf8'),
);
const TERRAFORM = ['hardened', 'unhardened'].map((example) =>
  readFileSync(path.join(EXAMPLES, example, 'main.tf'), 'utf8'),
);

function loadOne(text: string, file = 'fuzz.yaml'): LoadResult {
  const sink = createModelSink(DEFAULT_LIMITS);
  loadText(text, file, sink);
  return sink.result();
}

/** Every diagnostic names the file; an error (part of the input not read) also has its line. */
function expectWellFormed(result: LoadResult, file: string): void {
  for (const d of result.diagnostics) {
    expect(d.file).toBe(file);
    expect(d.message).not.toMatch(/^internal error/);
    if (d.level === 'error' && d.code === 'parse-error') expect(d.line).toBeGreaterThanOrEqual(1);
  }
}

/** Characters that make YAML interesting, without `-`, `.` and `%` (document markers and directives). */
const YAML_CHARS = ' \n\t:{}[],&*!|>\'"#?@`abcxyz019'.split('');

/** A text edited at random places: deletions, and insertions of YAML punctuation. */
function mutated(texts: readonly string[], alphabet: readonly string[]) {
  const edit = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.nat({ max: 8 }),
    insert: fc.array(fc.constantFrom(...alphabet), { maxLength: 6 }),
  });
  return fc
    .tuple(fc.constantFrom(...texts), fc.array(edit, { minLength: 1, maxLength: 6 }))
    .map(([text, edits]) =>
      edits.reduce((t, e) => {
        const at = Math.floor(e.at * t.length);
        return t.slice(0, at) + e.insert.join('') + t.slice(at + e.remove);
      }, text),
    );
}

const NAMESPACE_A = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: before\n';
const NAMESPACE_B = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: after\n';

describe('fuzzing the manifest loader', () => {
  it('never throws on random text, and names the file in every diagnostic', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...YAML_CHARS, '-', '.', '%', '\0'), maxLength: 200 }),
        (text) => {
          expectWellFormed(loadOne(text), 'fuzz.yaml');
        },
      ),
      RUNS,
    );
  });

  it('reads the documents around a mutated one: a broken document costs only itself', () => {
    fc.assert(
      fc.property(mutated(MANIFESTS, YAML_CHARS), (broken) => {
        // One document: whatever the mutation made of the example, it stays between the markers.
        const middle = broken.replace(/^(---|\.\.\.)/gm, '#$1').replace(/^%/gm, '#');
        const result = loadOne(`${NAMESPACE_A}---\n${middle}\n---\n${NAMESPACE_B}`);
        expectWellFormed(result, 'fuzz.yaml');
        const names = result.model.objects.map((o) => o.name);
        expect(names[0]).toBe('before');
        expect(names[names.length - 1]).toBe('after');
      }),
      RUNS,
    );
  });

  it('never throws on arbitrary JSON values, as a manifest or a cluster file', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        expectWellFormed(loadOne(JSON.stringify(value), 'fuzz.json'), 'fuzz.json');
        const k8s = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: value };
        expectWellFormed(loadOne(JSON.stringify(k8s), 'pod.json'), 'pod.json');
      }),
      RUNS,
    );
  });

  it('never throws on mutated cluster JSON', () => {
    fc.assert(
      fc.property(mutated(CLUSTERS, '{}[],:"\\ 0-9.etrunl'.split('')), (text) => {
        expectWellFormed(loadOne(text, 'cluster.json'), 'cluster.json');
      }),
      RUNS,
    );
  });
});

describe('fuzzing the Terraform loader', () => {
  it('never throws on mutated HCL, and names a file of the module in every diagnostic', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(TERRAFORM, ' \n{}[]()="$.,:#/*<>?abc01'.split('')), async (text) => {
        const sink = createModelSink(DEFAULT_LIMITS);
        await loadTerraformModule([{ file: 'main.tf', text }], sink);
        const { diagnostics } = sink.result();
        for (const d of diagnostics) {
          expect(d.file).toBe('main.tf');
          expect(d.message).not.toMatch(/^internal error/);
        }
      }),
      { ...RUNS, numRuns: 60 },
    );
  });
});
