/**
 * @module Reports of a very large result: 150,000 findings of one rule on one surface, past the about 125,000
 * arguments a spread may pass to a call (`--details` appended a surface's lines with one and crashed on a
 * 10,000-workload cluster). Every format renders it and counts every finding.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/finding.js';
import type { AuditResult } from '../../src/engine/run-audit.js';
import { formatters } from '../../src/report/index.js';
import { formatTerminal } from '../../src/report/terminal.js';
import { CONTEXT, FINDINGS, RESULT, must } from './fixtures.js';

const COUNT = 150_000;
const model = must(
  FINDINGS.find((f) => f.status === 'fail' && f.subject.namespace !== undefined),
  'a failing namespaced finding',
);
const findings: Finding[] = Array.from({ length: COUNT }, (_, i) => ({
  ...model,
  subject: { ...model.subject, name: `w${i}`, display: `Deployment/ns-${i % 50}/w${i}` },
  fingerprint: i.toString(16).padStart(32, '0'),
}));
const result: AuditResult = {
  ...RESULT,
  findings,
  coverage: {
    ...RESULT.coverage,
    [model.surface]: { passed: 0, failed: COUNT, notAssessed: 0, providerManaged: 0 },
  },
};

describe(`a result of ${COUNT.toLocaleString('en')} findings`, () => {
  it('renders the detailed terminal view, every finding listed', () => {
    const text = formatTerminal(result, { ...CONTEXT, view: 'details' });
    expect(text).toContain(`Deployment/ns-${(COUNT - 1) % 50}/w${COUNT - 1}`);
    expect(text.split('\n').length).toBeGreaterThan(COUNT);
  });

  it('renders the grouped terminal view: one rule line naming the count', () => {
    const text = formatTerminal(result, CONTEXT);
    expect(text).toContain(`${model.ruleId}  ${COUNT}`);
  });

  it.each(['json', 'sarif', 'junit'] as const)('renders %s, every finding listed', (format) => {
    const text = formatters[format](result, CONTEXT);
    expect(text).toContain(`w${COUNT - 1}`);
    if (format === 'json') expect((JSON.parse(text) as { findings: unknown[] }).findings).toHaveLength(COUNT);
  });

  it('renders markdown within its size cap, naming the count', () => {
    const text = formatters.markdown(result, CONTEXT);
    expect(text.length).toBeLessThanOrEqual(65_536);
    expect(text).toContain(`${COUNT} findings`);
  });
});
