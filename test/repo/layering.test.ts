/** The dependency rule of docs/architecture.md: model ← load / analysis / rules ← engine ← report ← cli. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/**
 * Which top-level folders each layer may import from (besides itself, `errors.ts` and `version.ts`).
 * The verbs (`engine/<verb>.ts`) return data; their renderers (`report/<verb>/`) read the analyses'
 * vocabulary; `cli/` reaches the analyses only through the verbs.
 */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  model: [],
  analysis: ['model'],
  rules: ['model'],
  load: ['model', 'engine/config.ts', 'engine/timings.ts'],
  engine: ['model', 'rules', 'analysis'],
  fix: [
    'model',
    'analysis',
    'engine/finding.ts',
    'engine/timings.ts',
    'load/terraform/hcl-outline.ts',
    'load/manifests/split-documents.ts',
  ],
  report: ['model', 'analysis', 'rules', 'engine', 'load/diagnostics.ts', 'fix/plan/types.ts'],
  docs: ['model', 'rules'],
  cli: ['model', 'rules', 'engine', 'report', 'load', 'scan.ts', 'fix.ts', 'docs'],
};

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.name.endsWith('.ts')) yield full;
  }
}

/**
 * Rules get their analyses from their context: the one kit file that types `context.analyses` may name
 * analysis/, with type-only imports (erased at build time).
 */
const TYPE_ONLY: Readonly<Record<string, string>> = { 'rules/kit/analyses.ts': 'analysis' };

interface Import {
  readonly spec: string;
  /** `import type` / `export type`: gone from the emitted JavaScript. */
  readonly typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  return importsIn(readFileSync(file, 'utf8'));
}

function importsIn(text: string): Import[] {
  return [...text.matchAll(/(?:^|\n)\s*(import|export)(\s+type\b)?[^'"]*?from\s+'(\.[^']+)'/g)].map((m) => ({
    spec: m[3] ?? '',
    typeOnly: m[2] !== undefined,
  }));
}

/** `src/`-relative path of an import, `.ts` for `.js`. */
function targetOf(file: string, spec: string): string {
  return path
    .relative(SRC, path.resolve(path.dirname(file), spec))
    .replace(/\.js$/, '.ts')
    .split(path.sep)
    .join('/');
}

describe('layering', () => {
  const violations: string[] = [];
  const rulesToAnalysis: string[] = [];
  for (const file of walk(SRC)) {
    const relative = path.relative(SRC, file).split(path.sep);
    const layer = relative.length > 1 ? relative[0] : undefined;
    if (layer === undefined || !(layer in ALLOWED)) continue;
    const name = relative.join('/');
    for (const { spec, typeOnly } of importsOf(file)) {
      const target = targetOf(file, spec);
      const targetLayer = target.split('/')[0] ?? '';
      if (layer === 'rules' && targetLayer === 'analysis')
        rulesToAnalysis.push(`${name} imports ${typeOnly ? 'type ' : ''}${target}`);
      if (targetLayer === layer || target === 'errors.ts' || target === 'version.ts') continue;
      const allowed = ALLOWED[layer] ?? [];
      if (allowed.some((a) => target === a || targetLayer === a)) continue;
      if (typeOnly && TYPE_ONLY[name] === targetLayer) continue;
      violations.push(`${name} imports ${typeOnly ? 'type ' : ''}${target}`);
    }
  }
  it('holds for every import under src/', () => {
    expect(violations).toEqual([]);
  });

  it('lets rules reach analysis/ only through the kit, by type', () => {
    expect(rulesToAnalysis.length).toBeGreaterThan(0);
    expect(rulesToAnalysis.filter((i) => !i.startsWith('rules/kit/analyses.ts imports type '))).toEqual([]);
  });

  it('tells a runtime import from a type-only one', () => {
    const text = [
      "import { tokenMount } from '../../analysis/rbac/workload-identity.js';",
      "import type { Reachability } from '../../analysis/netpol/index.js';",
      "export type { AttackPath } from '../../analysis/paths/index.js';",
      "import {\n  type TokenMount,\n} from '../../analysis/rbac/workload-identity.js';",
    ].join('\n');
    expect(importsIn(text).map((i) => i.typeOnly)).toEqual([false, true, true, false]);
  });
});
