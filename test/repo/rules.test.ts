/**
 * @module Registry consistency: every rule file is registered, named after its id, in its surface folder,
 * as the catalogue docs/controls.md says and as the contract ../shared/CONTROLS.md says when it is there.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AnyRule } from '../../src/rules/define-rule.js';
import { parseCatalogue } from '../../src/docs/controls.js';
import { allRules } from '../../src/rules/index.js';
import type { Surface } from '../../src/rules/types.js';
import { SEVERITIES, SURFACES } from '../../src/rules/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RULES_DIR = path.join(ROOT, 'src', 'rules');
const CATALOGUE = path.join(ROOT, 'docs', 'controls.md');
/** The hand-written contract the catalogue is compared against; it lives outside the repository. */
const CONTRACT = path.join(ROOT, '..', 'shared', 'CONTROLS.md');
const hasContract = existsSync(CONTRACT);

/** `kit/` holds what rules share (the analyses they can declare), not rules. */
const KIT = 'kit';

const surfaceFolders = readdirSync(RULES_DIR).filter(
  (name) => name !== KIT && statSync(path.join(RULES_DIR, name)).isDirectory(),
);

const isRule = (value: unknown): value is AnyRule =>
  typeof value === 'object' && value !== null && 'id' in value && 'check' in value;

interface RuleFile {
  readonly folder: string;
  readonly file: string;
  readonly rule: AnyRule;
}

/** Every module under src/rules/<surface>/ with a rule as default export (other modules are helpers). */
async function loadRuleFiles(): Promise<RuleFile[]> {
  const out: RuleFile[] = [];
  for (const folder of surfaceFolders) {
    const files = readdirSync(path.join(RULES_DIR, folder)).filter(
      (f) => f.endsWith('.ts') && f !== 'index.ts',
    );
    for (const file of files) {
      const module = (await import(pathToFileURL(path.join(RULES_DIR, folder, file)).href)) as {
        default?: unknown;
      };
      if (isRule(module.default)) out.push({ folder, file, rule: module.default });
    }
  }
  return out;
}

async function surfaceIndex(folder: string): Promise<readonly AnyRule[] | undefined> {
  const index = path.join(RULES_DIR, folder, 'index.ts');
  if (!existsSync(index)) return undefined;
  const module = (await import(pathToFileURL(index).href)) as { rules?: readonly AnyRule[] };
  return module.rules;
}

/** Every rule's catalogue entry, or the ids the catalogue lacks or gets wrong. */
function catalogueProblems(file: string): string[] {
  const entries = parseCatalogue(readFileSync(file, 'utf8'));
  return allRules.flatMap((rule) => {
    const entry = entries.get(rule.id);
    if (!entry) return [`${rule.id}: not in ${file}`];
    if (entry.severity === rule.severity && entry.surface === rule.surface) return [];
    return [
      `${rule.id}: ${file} says ${entry.surface}/${entry.severity}, the rule ${rule.surface}/${rule.severity}`,
    ];
  });
}

describe('rule registry', () => {
  it('has one folder per surface, named as in SURFACES', () => {
    for (const folder of surfaceFolders) expect(SURFACES).toContain(folder as Surface);
  });

  it('registers every rule file in its surface index and in allRules, with id = file name and surface = folder', async () => {
    const files = await loadRuleFiles();
    expect(files.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const { folder, file, rule } of files) {
      const where = `src/rules/${folder}/${file}`;
      if (rule.id !== file.replace(/\.ts$/, '')) problems.push(`${where}: id is ${rule.id}`);
      if (rule.surface !== folder) problems.push(`${where}: surface is ${rule.surface}`);
      if (!(await surfaceIndex(folder))?.includes(rule)) problems.push(`${where}: not in ${folder}/index.ts`);
      if (!allRules.includes(rule)) problems.push(`${where}: not in allRules (src/rules/index.ts)`);
    }
    const fromFiles = new Set(files.map((f) => f.rule));
    for (const rule of allRules) {
      if (!fromFiles.has(rule))
        problems.push(`${rule.id}: in allRules but not the default export of a rule file`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps each surface index sorted by id', async () => {
    for (const folder of surfaceFolders) {
      const ids = ((await surfaceIndex(folder)) ?? []).map((rule) => rule.id);
      expect(ids, `src/rules/${folder}/index.ts`).toEqual([...ids].sort());
    }
  });

  it('has unique, kebab-case ids and known severities', () => {
    const ids = allRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of allRules) {
      expect(rule.id).toMatch(/^(no|require)-[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(SEVERITIES).toContain(rule.severity);
    }
  });

  it('matches the severities and surfaces of docs/controls.md, which lists every rule', () => {
    expect(parseCatalogue(readFileSync(CATALOGUE, 'utf8')).size).toBe(allRules.length);
    expect(catalogueProblems(CATALOGUE)).toEqual([]);
  });

  it.skipIf(!hasContract)(
    `matches the severities and surfaces of the contract ../shared/CONTROLS.md${hasContract ? '' : ' (skipped: ../shared/CONTROLS.md is absent, outside this repository)'}`,
    () => {
      expect(parseCatalogue(readFileSync(CONTRACT, 'utf8')).size).toBeGreaterThan(50);
      expect(catalogueProblems(CONTRACT)).toEqual([]);
    },
  );

  it('gives every rule a test file and at least one valid and one invalid fixture', () => {
    const problems = allRules.flatMap((rule) => {
      const test = `test/rules/${rule.surface}/${rule.id}.test.ts`;
      const fixtures = path.join(ROOT, 'test', 'fixtures', 'rules', rule.id);
      const names = existsSync(fixtures) ? readdirSync(fixtures) : [];
      return [
        ...(existsSync(path.join(ROOT, test)) ? [] : [`${rule.id}: no ${test}`]),
        ...(names.some((name) => name.startsWith('valid.')) ? [] : [`${rule.id}: no valid.* fixture`]),
        ...(names.some((name) => name.startsWith('invalid.')) ? [] : [`${rule.id}: no invalid.* fixture`]),
      ];
    });
    expect(problems).toEqual([]);
  });
});
