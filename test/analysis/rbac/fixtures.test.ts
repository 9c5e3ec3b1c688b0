/** Every semantic fixture under test/fixtures/analysis/rbac/, with the can-i answers its header expects. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeRbac } from '../../../src/analysis/rbac/rbac-analysis.js';
import { loadRoleAssignments } from '../../../src/load/role-assignments/index.js';
import { clusterFrom } from '../../helpers/cluster-from.js';
import { decisionFor, modelOf, objectsFromYaml } from './helpers.js';

const DIR = fileURLToPath(new URL('../../fixtures/analysis/rbac/', import.meta.url));

function header(text: string, key: string): string[] {
  const prefix = `# ${key}:`;
  return text
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length).trim());
}

function load(file: string) {
  const text = readFileSync(path.join(DIR, file), 'utf8');
  const [clusterFile] = header(text, 'cluster');
  const [assignmentsFile] = header(text, 'assignments');
  const clusters = clusterFile
    ? [clusterFrom(JSON.parse(readFileSync(path.join(DIR, clusterFile), 'utf8')) as Record<string, unknown>)]
    : [];
  const loaded = assignmentsFile
    ? loadRoleAssignments(readFileSync(path.join(DIR, assignmentsFile), 'utf8'), assignmentsFile)
    : { assignments: [], definitions: [], diagnostics: [] };
  expect(loaded.diagnostics).toEqual([]);
  const model = modelOf({
    objects: objectsFromYaml(text, file),
    clusters,
    roleAssignments: loaded.assignments,
    roleDefinitions: loaded.definitions,
  });
  return { analysis: analyzeRbac(model), expectations: header(text, 'expect') };
}

const VERDICT = { yes: 'allowed', no: 'denied', unknown: 'unknown' } as const;

for (const file of readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort()) {
  describe(file, () => {
    const { analysis, expectations } = load(file);
    it('has expectations', () => {
      expect(expectations.length).toBeGreaterThan(0);
    });
    for (const line of expectations) {
      const [answer = '', ...question] = line.split(/\s+/);
      it(`${answer} ${question.join(' ')}`, () => {
        const decision = decisionFor(analysis, question.join(' '));
        expect(decision.verdict).toBe(VERDICT[answer as keyof typeof VERDICT]);
        // The probes' shortcut answers as the whole decision does (Azure, credentials, RBAC off included).
        expect(analysis.allows(decision.user, decision.request)).toBe(decision.verdict === 'allowed');
      });
    }
  });
}
