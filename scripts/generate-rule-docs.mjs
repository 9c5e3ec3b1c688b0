// Writes docs/rules/<id>.md, docs/rules/README.md and the control catalogue docs/controls.md from the built
// rules (dist/) and their test fixtures, and the rule table of README.md.
// Usage (after `npm run build`): node scripts/generate-rule-docs.mjs [--check]
// --check regenerates in memory, compares with the checked-in files and exits 1 naming the stale ones.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { renderControls } from '../dist/docs/controls.js';
import { diffRuleDocs, generateRuleDocs, renderRuleTable } from '../dist/docs/rule-docs.js';
import { readRuleFixtures } from '../dist/docs/rule-fixtures.js';
import { allRules } from '../dist/rules/index.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const docsDir = path.join(root, 'docs', 'rules');
const fixturesDir = path.join(root, 'test', 'fixtures', 'rules');

function readCheckedIn() {
  const files = new Map();
  /** @type {string[]} */
  let names = [];
  try {
    names = readdirSync(docsDir).filter((name) => name.endsWith('.md'));
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  for (const name of names) files.set(name, readFileSync(path.join(docsDir, name), 'utf8'));
  return files;
}

const generated = generateRuleDocs(allRules, (id) => readRuleFixtures(fixturesDir, id));

// The README's rule table lives between these markers and is generated like the rule pages.
const readmePath = path.join(root, 'README.md');
const START = '<!-- rule-table:start -->';
const END = '<!-- rule-table:end -->';
const readme = readFileSync(readmePath, 'utf8');
const [before, rest] = readme.split(START);
const after = rest === undefined ? undefined : rest.split(END)[1];
if (before === undefined || after === undefined)
  throw new Error(`README.md lacks the ${START} / ${END} markers`);
const table = renderRuleTable(allRules, { link: (id) => `docs/rules/${id}.md`, headingLevel: 4 });
const freshReadme = `${before}${START}\n${table}\n${END}${after}`;
const controlsPath = path.join(root, 'docs', 'controls.md');
const controls = renderControls(allRules);
let checkedInControls;
try {
  checkedInControls = readFileSync(controlsPath, 'utf8');
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}
const drift = diffRuleDocs(generated, readCheckedIn());
const problems = [
  ...drift.stale.map((name) => `stale: docs/rules/${name}`),
  ...drift.missing.map((name) => `missing: docs/rules/${name}`),
  ...drift.extra.map((name) => `no longer generated: docs/rules/${name}`),
  ...(freshReadme === readme ? [] : ['stale: the rule table in README.md']),
  ...(checkedInControls === controls
    ? []
    : [`${checkedInControls === undefined ? 'missing' : 'stale'}: docs/controls.md`]),
];

if (process.argv.includes('--check')) {
  if (problems.length > 0) {
    process.stderr.write(
      `Rule docs are out of date (run npm run docs):\n${problems.map((p) => `  ${p}\n`).join('')}`,
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(`Rule docs are up to date (${generated.size} files and docs/controls.md).\n`);
  }
} else {
  mkdirSync(docsDir, { recursive: true });
  for (const name of drift.extra) rmSync(path.join(docsDir, name));
  for (const name of [...drift.stale, ...drift.missing])
    writeFileSync(path.join(docsDir, name), generated.get(name));
  if (freshReadme !== readme) writeFileSync(readmePath, freshReadme);
  if (checkedInControls !== controls) writeFileSync(controlsPath, controls);
  process.stdout.write(`Rule docs: ${generated.size} files, ${problems.length} written or removed.\n`);
}
