/**
 * @module Equivalence: a Bicep fixture and its compiled JSON twin (written as `bicep build` writes it) give
 * the same status, at the same property path, for every rule and subject.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/scan.js';

const ROOT = fileURLToPath(new URL('../../fixtures/load/bicep/equivalence/', import.meta.url));
const CASES = readdirSync(ROOT).sort();

async function statuses(dir: string, file: string) {
  const { result, diagnostics } = await scan([file], { cwd: dir, kubectl: false, today: '2026-12-01' });
  const findings = result.findings
    .map((f) => `${f.ruleId} ${f.subject.display} ${f.path ?? ''} ${f.status}`)
    .sort();
  const files = new Set(result.findings.map((f) => f.location.file.split('.').pop()));
  return { findings, files: [...files], errors: diagnostics.filter((d) => d.level === 'error') };
}

describe('Bicep and its compiled JSON agree rule by rule', () => {
  it('has fixtures', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(2);
  });

  for (const name of CASES) {
    it(`${name}: main.bicep and main.json give the same statuses`, async () => {
      const dir = join(ROOT, name);
      const bicep = await statuses(dir, 'main.bicep');
      const json = await statuses(dir, 'main.json');
      expect(bicep.errors).toEqual([]);
      expect(json.errors).toEqual([]);
      expect(bicep.findings).toEqual(json.findings);
      // ...and the Bicep findings point at Bicep lines.
      expect(bicep.files).toEqual(['bicep']);
      // Not vacuous: the cluster is read, and most of its checks are decided.
      const decided = bicep.findings.filter((f) => f.endsWith(' pass') || f.endsWith(' fail'));
      expect(decided.length).toBeGreaterThan(15);
      expect(bicep.findings.filter((f) => f.endsWith(' not-assessed')).length).toBeLessThanOrEqual(1);
      expect(bicep.findings.some((f) => f.endsWith(' fail'))).toBe(true);
    });
  }
});
