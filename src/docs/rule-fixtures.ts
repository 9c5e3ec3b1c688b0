/** @module readRuleFixtures: a rule's test fixtures as texts, for the generated docs (the only I/O of src/docs). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface FixtureFile {
  /** Path inside a fixture folder (`main.tf`), or the fixture's own name for a single file. */
  readonly path: string;
  readonly text: string;
}

/** One fixture: a file (`invalid.az-aks-show.json`) or a folder read as one input (`valid.terraform/`). */
export interface RuleFixture {
  readonly name: string;
  readonly isFolder: boolean;
  readonly files: readonly FixtureFile[];
}

function listFiles(folder: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listFiles(path.join(folder, entry.name), relative));
    else if (entry.isFile()) out.push(relative);
  }
  return out;
}

/** Reads `<fixturesRoot>/<ruleId>/`; a rule without fixtures has none (the repo test reports that). */
export function readRuleFixtures(fixturesRoot: string, ruleId: string): RuleFixture[] {
  const folder = path.join(fixturesRoot, ruleId);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw cause;
  }
  return names.sort(compareNames).map((name): RuleFixture => {
    const full = path.join(folder, name);
    if (!statSync(full).isDirectory()) {
      return { name, isFolder: false, files: [{ path: name, text: readFileSync(full, 'utf8') }] };
    }
    const files = listFiles(full)
      .sort(compareNames)
      .map((file) => ({ path: file, text: readFileSync(path.join(full, file), 'utf8') }));
    return { name, isFolder: true, files };
  });
}

/** Code-point order, so the generated docs do not depend on the machine's locale. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
