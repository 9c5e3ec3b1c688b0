/** @module Every Pod Security Standards control against its fixture: violating and conforming pods, version-specific ones. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluatePodSecurity, podSecurityInputOf } from '../../../src/analysis/pod-security/index.js';
import type { PodSecurityLevel } from '../../../src/analysis/pod-security/index.js';
import { LATEST_POLICY_MINOR } from '../../../src/analysis/pod-security/index.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { extractWorkloads } from '../../../src/model/index.js';

const DIR = fileURLToPath(new URL('../../fixtures/pod-security/', import.meta.url));
const FILES = readdirSync(DIR).filter((name) => name.endsWith('.yaml'));

async function casesOf(file: string) {
  const loaded = await loadInputs([path.join(DIR, file)], { cwd: DIR, kubectl: false });
  expect(loaded.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  return extractWorkloads(loaded.model.objects).map((workload) => {
    const note = (key: string) => workload.podAnnotations[`test.aksward.io/${key}`];
    const version = note('version');
    return {
      workload,
      level: note('level') as PodSecurityLevel,
      minor: version === undefined ? LATEST_POLICY_MINOR : Number(version.replace('v1.', '')),
      expected: (note('expect') ?? '').split(' ').filter((id) => id !== ''),
    };
  });
}

describe('Pod Security Standards fixtures', () => {
  it('cover every control of both levels', () => {
    expect(FILES.length).toBe(19);
  });

  for (const file of FILES) {
    it(file, async () => {
      const cases = await casesOf(file);
      expect(cases.length).toBeGreaterThan(1);
      const seen = cases.map(({ workload, level, minor }) => ({
        pod: workload.name,
        violations: evaluatePodSecurity(podSecurityInputOf(workload), level, minor)
          .map((v) => v.check)
          .sort(),
      }));
      expect(seen).toEqual(
        cases.map(({ workload, expected }) => ({ pod: workload.name, violations: expected.sort() })),
      );
      // Every fixture file holds at least one violating and one conforming pod.
      expect(cases.some((c) => c.expected.length === 0)).toBe(true);
      expect(cases.some((c) => c.expected.length > 0)).toBe(true);
    });
  }
});
