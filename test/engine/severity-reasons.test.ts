/** @module Every severity that differs from its rule's default says why, on the examples and the canary. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';

const at = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

describe.each(['examples/unhardened', 'examples/hardened', 'examples/multi-tenant', 'test/fixtures/canary'])(
  'severity reasons on %s',
  (input) => {
    it('gives a specific severityReason wherever severity differs from baseSeverity', async () => {
      const { result } = await scan([at(input)], { cwd: at(input), kubectl: false, today: '2026-12-01' });
      const changed = result.findings.filter((f) => f.baseSeverity !== f.severity);
      // Not vacuous: the unhardened example and the canary hold graded findings (namespaced secret read, literal credentials).
      if (!input.endsWith('hardened') || input.endsWith('unhardened'))
        expect(changed.length).toBeGreaterThan(0);
      for (const finding of changed) {
        expect(finding.severityReason, `${finding.ruleId} ${finding.subject.display}`).toBeTruthy();
        // The generic wording is the engine's fallback for a check that set a severity without saying why.
        expect(finding.severityReason).not.toMatch(/^the rule grades this case/);
      }
    });
  },
);
