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
  rules: ['model', 'analysis'],
  load: ['model', 'engine/config.ts'],
  engine: ['model', 'rules', 'analysis'],
  fix: ['model', 'analysis', 'engine/finding.ts', 'load/terraform/hcl-outline.ts'],
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

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)].map((m) => m[1] ?? '');
}

describe('layering', () => {
  const violations: string[] = [];
  for (const file of walk(SRC)) {
    const relative = path.relative(SRC, file).split(path.sep);
    const layer = relative.length > 1 ? relative[0] : undefined;
    if (layer === undefined || !(layer in ALLOWED)) continue;
    for (const spec of importsOf(file)) {
      const target = path
        .relative(SRC, path.resolve(path.dirname(file), spec))
        .replace(/\.js$/, '.ts')
        .split(path.sep)
        .join('/');
      const targetLayer = target.split('/')[0] ?? '';
      if (targetLayer === layer || target === 'errors.ts' || target === 'version.ts') continue;
      const allowed = ALLOWED[layer] ?? [];
      if (!allowed.some((a) => target === a || targetLayer === a))
        violations.push(`${relative.join('/')} imports ${target}`);
    }
  }
  it('holds for every import under src/', () => {
    expect(violations).toEqual([]);
  });
});
