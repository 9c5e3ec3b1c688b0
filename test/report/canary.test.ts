/** @module Canary: no report prints a field it is not meant to read. */
// Secret values reach a report only through the text a rule writes. These objects carry a canary in every
// field a formatter is not meant to read: a formatter that dumps whole objects would print it.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/finding.js';
import type { AuditResult } from '../../src/engine/run-audit.js';
import type { ReportContext } from '../../src/report/formatter.js';
import { FORMAT_NAMES, formatters } from '../../src/report/index.js';
import type { AnyRule } from '../../src/rules/define-rule.js';
import { CONTEXT, FINDINGS, RESULT, RULES } from './fixtures.js';

const CANARY = 'CANARY';
const leak = { secretValue: CANARY, data: { password: CANARY } };

function withCanary(finding: Finding): Finding {
  return {
    ...finding,
    ...leak,
    subject: {
      ...finding.subject,
      ...{ origin: { body: { data: { token: CANARY } } } },
      at: { ...finding.subject.at, ...leak },
    },
    location: { ...finding.location, ...{ snippet: `password: ${CANARY}` } },
    ...(finding.suppression ? { suppression: { ...finding.suppression, ...{ raw: CANARY } } } : {}),
  };
}

function ruleWithCanary(rule: AnyRule): AnyRule {
  return {
    ...rule,
    ...leak,
    remediation: { ...rule.remediation, ...leak },
    peers: { ...rule.peers, ...{ internal: [CANARY] } },
    check: () => {
      throw new Error(CANARY);
    },
  };
}

const result: AuditResult = {
  ...RESULT,
  ...{ model: { secrets: [CANARY] } },
  findings: FINDINGS.map(withCanary),
  coverage: { ...RESULT.coverage, ...{ secret: CANARY } },
  unusedSuppressions: RESULT.unusedSuppressions.map((u) => ({ ...u, ...leak })),
  suppressionProblems: RESULT.suppressionProblems.map((p) => ({ ...p, ...leak })),
};

const context: ReportContext = {
  ...CONTEXT,
  ...{ config: { token: CANARY } },
  rules: RULES.map(ruleWithCanary),
  inputs: CONTEXT.inputs.map((i) => ({ ...i, ...{ content: CANARY } })),
  diagnostics: CONTEXT.diagnostics.map((d) => ({ ...d, ...{ source: `key: ${CANARY}` } })),
};

describe('reports print no field they are not meant to', () => {
  for (const name of FORMAT_NAMES) {
    it(`${name} never prints the canary`, () => {
      for (const color of [false, true]) {
        for (const view of ['summary', 'details', 'compact', 'quiet'] as const) {
          const out = formatters[name](result, { ...context, color, view });
          if (view !== 'quiet' && (name !== 'table' || view === 'details'))
            expect(out).toContain('Container');
          expect(out).not.toContain(CANARY);
        }
      }
    });
  }
});
