/** @module sortFindings against the plain `sort(compareFindings)` it replaces, on random findings. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/finding.js';
import { compareFindings, sortFindings } from '../../src/engine/finding-order.js';
import { SEVERITIES, SURFACES } from '../../src/rules/types.js';

/** Strings that collate close or equal: case, accents, ignorable characters, digits, separators. */
const TEXT = [
  'a',
  'A',
  'á',
  'b',
  'a-b',
  'ab',
  'a\u0000',
  'a\u200b',
  'B',
  'a10',
  'a9',
  '',
  'z/ä',
  'Z/a',
  'é',
  'e',
];

const text = fc.constantFrom(...TEXT);

const finding: fc.Arbitrary<Finding> = fc
  .record({
    // Few values per field, so that ties (broken by input order) are common.
    surface: fc.constantFrom(...SURFACES.slice(0, 2)),
    status: fc.constantFrom('fail', 'suppressed' as const),
    severity: fc.constantFrom(...SEVERITIES.slice(0, 2)),
    rank: fc.option(fc.integer({ min: 0, max: 1 }), { nil: undefined }),
    ruleId: text,
    file: text,
    line: fc.integer({ min: 1, max: 2 }),
    display: text,
  })
  .map(({ surface, status, severity, rank, ruleId, file, line, display }) => ({
    ruleId,
    surface,
    severity,
    status,
    ...(rank === undefined ? {} : { rank }),
    subject: { kind: 'Pod', name: display, display, at: { file, line: 1 } },
    location: { file, line },
    message: '',
    fix: '',
    fingerprint: '',
  }));

/** Copies of a few findings among others: equal findings (distinct objects) must keep their input order. */
const findings: fc.Arbitrary<Finding[]> = fc.array(finding, { minLength: 1, maxLength: 8 }).chain((pool) =>
  fc.array(
    fc.oneof(
      fc.constantFrom(...pool).map((f) => ({ ...f })),
      finding,
    ),
    { maxLength: 60 },
  ),
);

describe('sortFindings', () => {
  it('orders findings exactly as sort(compareFindings), ties in input order', () => {
    fc.assert(
      fc.property(findings, (findings) => {
        const expected = [...findings].sort(compareFindings);
        const sorted = sortFindings([...findings]);
        // By identity: copies of one finding are equal but must keep their input order.
        expect(sorted.map((f) => findings.indexOf(f))).toEqual(expected.map((f) => findings.indexOf(f)));
      }),
      { numRuns: 300 },
    );
  });

  it('sorts in place and returns the same array', () => {
    const findings: Finding[] = [];
    expect(sortFindings(findings)).toBe(findings);
  });
});
