/** @module The generated docs (docs/rules/, docs/controls.md) are what the generator produces from today's rules and fixtures. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderControls } from '../../src/docs/controls.js';
import { diffRuleDocs, generateRuleDocs } from '../../src/docs/rule-docs.js';
import { readRuleFixtures } from '../../src/docs/rule-fixtures.js';
import { allRules } from '../../src/rules/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCS = path.join(ROOT, 'docs', 'rules');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'rules');

function readCheckedIn(): Map<string, string> {
  const names = existsSync(DOCS) ? readdirSync(DOCS).filter((name) => name.endsWith('.md')) : [];
  return new Map(names.map((name) => [name, readFileSync(path.join(DOCS, name), 'utf8')]));
}

describe('docs/rules', () => {
  it('is fresh (regenerate with npm run docs)', () => {
    const generated = generateRuleDocs(allRules, (id) => readRuleFixtures(FIXTURES, id));
    const checkedIn = readCheckedIn();
    const drift = diffRuleDocs(generated, checkedIn);
    // Show the first stale page in full, so the diff says what changed.
    const [first] = drift.stale;
    if (first !== undefined) expect(checkedIn.get(first), `docs/rules/${first}`).toBe(generated.get(first));
    expect(drift).toEqual({ stale: [], missing: [], extra: [] });
  });
});

describe('docs/controls.md', () => {
  it('is fresh (regenerate with npm run docs)', () => {
    const file = path.join(ROOT, 'docs', 'controls.md');
    expect(existsSync(file), 'docs/controls.md exists').toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(renderControls(allRules));
  });
});
