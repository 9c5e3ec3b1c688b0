/** @module Tests of the JSON report: golden output, schema validation, key order, counts, docs coverage. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/finding.js';
import { jsonText } from '../../src/report/escape.js';
import { formatJson } from '../../src/report/json.js';
import { JSON_SCHEMA_VERSION } from '../../src/version.js';
import { CONTEXT, EMPTY_CONTEXT, EMPTY_RESULT, RESULT } from './fixtures.js';
import { JSON_REPORT_DOC_PATH, JSON_REPORT_SCHEMA_PATH, jsonReportValidator } from './validators.js';

interface Report {
  schemaVersion: string;
  summary: {
    bySeverity: Record<string, number>;
    byStatus: Record<string, number>;
    bySurface: Record<
      string,
      { failed: Record<string, number>; suppressed: number; blockedAtAdmission: number }
    >;
    coverage: Record<string, number>;
    failing: number;
  };
  findings: Record<string, unknown>[];
}

describe('formatJson', () => {
  const out = formatJson(RESULT, CONTEXT);
  const report = JSON.parse(out) as Report;
  const validate = jsonReportValidator();

  it('matches the golden report', async () => {
    await expect(out).toMatchFileSnapshot('__snapshots__/basic.json');
  });

  it('validates against docs/json-report.schema.json', () => {
    expect(validate(report)).toEqual([]);
    expect(validate(JSON.parse(formatJson(EMPTY_RESULT, EMPTY_CONTEXT)))).toEqual([]);
  });

  it('the schema pins the same version the report writes', () => {
    const schema = JSON.parse(readFileSync(JSON_REPORT_SCHEMA_PATH, 'utf8')) as {
      properties: { schemaVersion: { const: string } };
    };
    expect(schema.properties.schemaVersion.const).toBe(JSON_SCHEMA_VERSION);
    expect(report.schemaVersion).toBe(JSON_SCHEMA_VERSION);
  });

  it('the schema rejects an undocumented field', () => {
    const extra = { ...report, findings: [{ ...report.findings[0], secret: 'x' }] };
    expect(validate(extra)).not.toEqual([]);
  });

  it('keeps a fixed key order', () => {
    expect(Object.keys(report)).toEqual([
      'schemaVersion',
      'tool',
      'summary',
      'inputs',
      'diagnostics',
      'findings',
      'unusedSuppressions',
      'suppressionProblems',
      'baselined',
    ]);
    expect(Object.keys(report.summary.bySurface)[0]).toBe('api-server');
    expect(Object.keys(report.summary.bySurface).at(-1)).toBe('attack-paths');
    expect(formatJson(RESULT, CONTEXT)).toBe(out);
  });

  it('summarises failures by severity and status, and coverage as passed + failed', () => {
    expect(report.summary.bySeverity).toEqual({ critical: 3, high: 2, medium: 1, low: 1, info: 0 });
    expect(report.summary.byStatus).toEqual({
      fail: 7,
      'not-assessed': 2,
      'provider-managed': 1,
      suppressed: 3,
    });
    expect(report.summary.bySurface['workloads']?.failed).toEqual({
      critical: 1,
      high: 0,
      medium: 0,
      low: 1,
      info: 0,
    });
    expect(report.summary.coverage).toEqual({
      assessed: 45,
      passed: 34,
      failed: 11,
      notAssessed: 2,
      providerManaged: 1,
    });
    expect(report.summary.failing).toBe(5);
  });

  it('carries the suppression and notes of a finding, and omits absent optional fields', () => {
    const suppressed = report.findings.find((f) => f['ruleId'] === 'fake-local-accounts');
    expect(suppressed?.['suppression']).toEqual({
      source: 'config',
      reason: 'Break-glass account, reviewed quarterly',
      expires: '2027-01-31',
    });
    const stdin = report.findings.find((f) => f['ruleId'] === 'fake-exposed-path');
    expect(stdin && 'path' in stdin).toBe(false);
    expect(stdin && 'suppression' in stdin).toBe(false);
  });

  it('carries admission on the finding it blocks, and counts it per surface', () => {
    const blocked = report.findings.filter((f) => 'admission' in f);
    expect(blocked.map((f) => [f['ruleId'], f['admission']])).toEqual([
      [
        'fake-privileged',
        'blocked at admission: namespace shop enforces baseline (pod-security.kubernetes.io/enforce): its Privileged Containers control rejects these pods',
      ],
    ]);
    expect(report.summary.bySurface['workloads']?.blockedAtAdmission).toBe(1);
    expect(report.summary.bySurface['network']?.blockedAtAdmission).toBe(0);
  });

  it('documents every field the schema defines', () => {
    const doc = readFileSync(JSON_REPORT_DOC_PATH, 'utf8');
    const schema = JSON.parse(readFileSync(JSON_REPORT_SCHEMA_PATH, 'utf8')) as {
      properties: Record<string, unknown>;
      $defs: Record<string, { properties?: Record<string, unknown> }>;
    };
    const fields = [
      ...Object.keys(schema.properties),
      ...['summary', 'finding', 'surfaceSummary'].flatMap((def) =>
        Object.keys(schema.$defs[def]?.properties ?? {}),
      ),
    ];
    expect(fields.length).toBeGreaterThan(30);
    expect(fields.filter((field) => !doc.includes(`\`${field}\``) && !doc.includes(` ${field}`))).toEqual([]);
  });
});

describe('the findings written by hand', () => {
  const HOSTILE = 'a\n"b"\\c\u202e\u2028\u0007</x>';
  const full: Finding = {
    ...(RESULT.findings[0] as Finding),
    severityReason: `reason ${HOSTILE}`,
    subject: {
      kind: 'Deployment',
      name: HOSTILE,
      namespace: 'shop',
      display: `Deployment/shop/${HOSTILE}`,
      at: { file: 'a.yaml', line: 3, column: 5, template: 'chart/templates/x.yaml' },
    },
    location: { file: `dir/${HOSTILE}.yaml`, line: 9 },
    locations: [
      { file: 'a.yaml', line: 3, column: 1 },
      { file: 'b.yaml', line: 7, template: 't.yaml' },
    ],
    scopes: ['shop/prod', HOSTILE],
    path: 'spec.template.spec.containers[0]',
    exposure: 'internet',
    rank: 53,
    impliedBy: 'abc',
    implies: ['d', 'e'],
    admission: 'rejected by Pod Security Admission (restricted)',
    suppression: {
      source: 'config',
      reason: HOSTILE,
      expires: '2027-01-01',
      at: { file: '.aksward.yaml', line: 4, column: 3 },
    },
    notes: ['one', HOSTILE],
  };
  const sparse: Finding = {
    ruleId: 'r',
    surface: 'workloads',
    severity: 'low',
    status: 'not-assessed',
    subject: { kind: 'Pod', name: 'p', display: 'Pod/p', at: { file: 'p.yaml', line: 1 } },
    location: { file: 'p.yaml', line: 1 },
    message: '',
    fix: '',
    fingerprint: 'f',
    locations: [],
    notes: [],
  };

  it.each([
    ['the fixture', RESULT],
    ['every optional field and hostile text', { ...RESULT, findings: [full, sparse] }],
    ['no findings', EMPTY_RESULT],
  ])('%s: the text JSON.stringify (two spaces, unsafe characters escaped) would write', (_name, result) => {
    const out = formatJson(result, CONTEXT);
    expect(out).toBe(`${jsonText(JSON.parse(out))}\n`);
    expect(out).not.toMatch(/[\u202e\u2028]/);
    const report = JSON.parse(out) as { findings: Finding[] };
    expect(report.findings.map((f) => f.subject.name)).toEqual(result.findings.map((f) => f.subject.name));
  });
});
