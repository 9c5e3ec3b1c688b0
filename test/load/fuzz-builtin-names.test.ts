/**
 * @module Fuzzing with JavaScript built-in names: keys and values of real inputs (manifests, az aks show
 * JSON, ARM, Terraform, role assignments) swapped for `__proto__`, `constructor`, `toString`… run through
 * the whole pipeline (load, every rule, the RBAC, reachability and attack-path analyses) without a throw.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeRbac } from '../../src/analysis/rbac/rbac-analysis.js';
import { computeReachability } from '../../src/analysis/netpol/index.js';
import { landingReport, landingStarts } from '../../src/analysis/paths/landings.js';
import { scan } from '../../src/scan.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Names that live on Object.prototype, Function.prototype, arrays, promises and maps. */
export const BUILTIN_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'then',
  'length',
  'name',
  'caller',
  'arguments',
  'apply',
  'call',
  'bind',
  'size',
  'get',
  'has',
  'keys',
] as const;

type Files = Readonly<Record<string, string>>;

function filesUnder(dir: string): Files {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    if (!/\.(ya?ml|json|tf|tfvars)$/.test(entry.name)) continue;
    out[path.relative(dir, full)] = readFileSync(full, 'utf8');
  }
  return out;
}

/** Real inputs, each a folder scanned as one: the examples, and the loader and canary fixtures. */
const CASES: readonly Files[] = [
  ...readdirSync(path.join(ROOT, 'examples')).map((name) => filesUnder(path.join(ROOT, 'examples', name))),
  filesUnder(path.join(ROOT, 'test/fixtures/load/cluster-json')),
  filesUnder(path.join(ROOT, 'test/fixtures/load/manifests')),
  filesUnder(path.join(ROOT, 'test/fixtures/load/role-assignments')),
  filesUnder(path.join(ROOT, 'test/fixtures/load/terraform/v3-module')),
  filesUnder(path.join(ROOT, 'test/fixtures/load/terraform/plan')),
  filesUnder(path.join(ROOT, 'test/fixtures/canary')),
];

const WORD = /[A-Za-z_][A-Za-z0-9_]*/g;

interface Swap {
  /** Which word of the case (as a fraction of the number of words). */
  readonly at: number;
  readonly name: string;
  /** Every occurrence of that word, or that one only. */
  readonly everywhere: boolean;
}

/** The case with some of its words (keys, values, identifiers, kinds, labels) replaced by built-in names. */
function swapped(files: Files, swaps: readonly Swap[]): Files {
  const words = Object.values(files).flatMap((text) => [...text.matchAll(WORD)].map((m) => m[0]));
  const replaceAll = new Map<string, string>();
  const replaceOne = new Map<number, string>();
  for (const swap of swaps) {
    const index = Math.floor(swap.at * words.length);
    const word = words[index];
    if (word === undefined) continue;
    if (swap.everywhere) replaceAll.set(word, swap.name);
    else replaceOne.set(index, swap.name);
  }
  let counter = 0;
  const out: Record<string, string> = {};
  for (const [file, text] of Object.entries(files)) {
    out[file] = text.replace(WORD, (word) => replaceOne.get(counter++) ?? replaceAll.get(word) ?? word);
  }
  return out;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function writeCase(files: Files): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'aksward-builtin-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** The whole pipeline over one folder: every rule, then the analyses the other commands run. */
async function runPipeline(files: Files): Promise<void> {
  const dir = writeCase(files);
  try {
    const scanned = await scan([dir], { cwd: dir, kubectl: false, today: '2026-12-01' });
    for (const d of scanned.diagnostics) expect(d.message).not.toMatch(/internal error|crashed/i);
    const rbac = analyzeRbac(scanned.model);
    for (const name of ['alice', 'constructor', '__proto__', 'system:serviceaccount:default:default']) {
      rbac.access({ name, groups: ['system:authenticated', 'toString'] });
    }
    for (const [verb, resource, namespace] of [
      ['get', 'secrets', 'default'],
      ['constructor', '__proto__', 'toString'],
    ] as const) {
      rbac.whoCan({ kind: 'resource', verb, apiGroup: '', resource, subresource: '', name: '', namespace });
    }
    rbac.whoCan({ kind: 'non-resource', verb: 'get', path: '/constructor' });
    computeReachability(scanned.model).connections();
    for (const start of landingStarts(scanned.model)) landingReport(scanned.model, start);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const swap = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  name: fc.constantFrom(...BUILTIN_NAMES),
  everywhere: fc.boolean(),
});

describe('fuzzing every command with JavaScript built-in names', () => {
  it('the 3-line file with kind: constructor is scanned, not a crash', async () => {
    await runPipeline({ 'pod.yaml': 'apiVersion: v1\nkind: constructor\nmetadata: {name: x}\n' });
  });

  it.each(BUILTIN_NAMES)(
    '%s as a kind, a name, a namespace, a label and a key in every example',
    async (name) => {
      for (const files of CASES.slice(0, 3)) {
        const edited: Record<string, string> = {};
        for (const [file, text] of Object.entries(files)) {
          edited[file] = text
            .replace(/^kind: \w+/gm, `kind: ${name}`)
            .replace(/^( +)(name|namespace|app|tenant|team): [\w-]+/gm, `$1$2: ${name}`)
            .replace(/^( +)[\w-]+: /gm, (match, indent: string) =>
              match.length % 3 === 0 ? `${indent}${name}: ` : match,
            );
        }
        await runPipeline(edited);
      }
    },
  );

  it(
    'never throws or reports a crash when words of real inputs become built-in names',
    { timeout: 300_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CASES),
          fc.array(swap, { minLength: 1, maxLength: 12 }),
          async (files, swaps) => {
            await runPipeline(swapped(files, swaps));
          },
        ),
        { numRuns: 120, seed: 20261206 },
      );
    },
  );
});
