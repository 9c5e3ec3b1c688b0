import { describe, expect, it } from 'vitest';
import { createBaseline, parseBaseline } from '../../src/engine/baseline.js';
import { runAudit } from '../../src/engine/run-audit.js';
import { RuleCrashedError } from '../../src/errors.js';
import type { AnyRule } from '../../src/rules/define-rule.js';
import { defineRule } from '../../src/rules/define-rule.js';
import type { KubeObject, PathSegment } from '../../src/model/index.js';
import { objectSubject } from '../../src/model/index.js';
import { kubeObject, model, namingRule, undecidedRule } from './fake-model.js';

const today = '2026-11-23';

describe('runAudit', () => {
  it('lists failures with the property line, counts passes only in coverage', () => {
    const result = runAudit(
      model([
        kubeObject('Deployment', 'bad-web', { namespace: 'shop', line: 10 }),
        kubeObject('Deployment', 'good'),
      ]),
      {
        rules: [namingRule],
        today,
      },
    );
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding).toMatchObject({
      ruleId: 'no-bad-names',
      status: 'fail',
      severity: 'high',
      path: 'spec.template',
      location: { file: 'manifests/app.yaml', line: 13 },
      subject: { display: 'Deployment/shop/bad-web', at: { line: 10 } },
      fix: 'Rename it.',
    });
    expect(finding?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(result.coverage.workloads).toEqual({ passed: 1, failed: 1, notAssessed: 0, providerManaged: 0 });
  });

  it('keeps fingerprints independent of line numbers', () => {
    const at = (line: number) =>
      runAudit(model([kubeObject('Deployment', 'bad', { line })]), { rules: [namingRule], today }).findings[0]
        ?.fingerprint;
    expect(at(1)).toBe(at(40));
    const other = runAudit(model([kubeObject('Deployment', 'bad', { file: 'other.yaml' })]), {
      rules: [namingRule],
      today,
    });
    expect(other.findings[0]?.fingerprint).not.toBe(at(1));
  });

  it('reports not-assessed results as findings that never pass', () => {
    const result = runAudit(model([kubeObject('Deployment', 'x')]), { rules: [undecidedRule], today });
    expect(result.findings.map((f) => [f.status, f.message])).toEqual([
      ['not-assessed', 'the input does not say'],
    ]);
    expect(result.coverage.posture.notAssessed).toBe(1);
    expect(result.coverage.posture.passed).toBe(0);
  });

  it('applies severity overrides and turns rules off from config', () => {
    const objects = [kubeObject('Deployment', 'bad')];
    const lowered = runAudit(model(objects), {
      rules: [namingRule],
      today,
      config: { rules: { 'no-bad-names': { severity: 'low' } } },
    });
    expect(lowered.findings[0]?.severity).toBe('low');
    const off = runAudit(model(objects), {
      rules: [namingRule],
      today,
      config: { rules: { 'no-bad-names': 'off' } },
    });
    expect(off.findings).toEqual([]);
    expect(off.rulesRun).toEqual([]);
  });

  it('wraps a throwing rule as RuleCrashedError', () => {
    const crashing = defineRule({
      ...namingRule,
      id: 'crashes',
      check() {
        throw new TypeError('boom');
      },
    });
    expect(() => runAudit(model([]), { rules: [crashing], today })).toThrow(RuleCrashedError);
  });
});

describe('suppressions', () => {
  it('suppresses through an annotation with a reason', () => {
    const object = kubeObject('Deployment', 'bad', {
      annotations: { 'aksward.io/ignore': 'no-bad-names: legacy name kept for the DNS record' },
    });
    const result = runAudit(model([object]), { rules: [namingRule], today });
    expect(result.findings[0]).toMatchObject({
      status: 'suppressed',
      suppression: { source: 'annotation', reason: 'legacy name kept for the DNS record' },
    });
    expect(result.unusedSuppressions).toEqual([]);
  });

  it('re-opens the finding when the suppression has expired, and says so', () => {
    const object = kubeObject('Deployment', 'bad', {
      annotations: { 'aksward.io/ignore': 'no-bad-names: migration pending until=2026-01-31' },
    });
    const result = runAudit(model([object]), { rules: [namingRule], today });
    expect(result.findings[0]?.status).toBe('fail');
    expect(result.findings[0]?.notes).toEqual([
      'suppression expired on 2026-01-31 (annotation: migration pending)',
    ]);
  });

  it('keeps a suppression that expires today or later', () => {
    const object = kubeObject('Deployment', 'bad', {
      annotations: { 'aksward.io/ignore': 'no-bad-names: pending until=2026-11-23' },
    });
    expect(runAudit(model([object]), { rules: [namingRule], today }).findings[0]?.status).toBe('suppressed');
  });

  it('rejects an annotation without a reason and reports it', () => {
    const object = kubeObject('Deployment', 'bad', { annotations: { 'aksward.io/ignore': 'no-bad-names:' } });
    const result = runAudit(model([object]), { rules: [namingRule], today });
    expect(result.findings[0]?.status).toBe('fail');
    expect(result.suppressionProblems.map((p) => p.message)).toEqual([
      'aksward.io/ignore: suppression of no-bad-names has no reason',
    ]);
  });

  it('suppresses through an inline comment on the object or the property line', () => {
    const object = kubeObject('Deployment', 'bad', { line: 5 });
    const onObject = runAudit(
      model(
        [object],
        [
          {
            ruleId: 'no-bad-names',
            reason: 'accepted',
            at: { file: 'manifests/app.yaml', line: 4 },
            appliesToLine: 5,
          },
        ],
      ),
      { rules: [namingRule], today },
    );
    expect(onObject.findings[0]?.suppression?.source).toBe('comment');
    const onProperty = runAudit(
      model(
        [object],
        [
          {
            ruleId: 'no-bad-names',
            reason: 'accepted',
            at: { file: 'manifests/app.yaml', line: 8 },
            appliesToLine: 8,
          },
        ],
      ),
      { rules: [namingRule], today },
    );
    expect(onProperty.findings[0]?.status).toBe('suppressed');
    const elsewhere = runAudit(
      model(
        [object],
        [
          {
            ruleId: 'no-bad-names',
            reason: 'accepted',
            at: { file: 'manifests/app.yaml', line: 20 },
            appliesToLine: 21,
          },
        ],
      ),
      { rules: [namingRule], today },
    );
    expect(elsewhere.findings[0]?.status).toBe('fail');
    expect(elsewhere.unusedSuppressions).toHaveLength(1);
  });

  it('matches config entries by rule, kind, namespace and name glob, and reports unused ones', () => {
    const objects = [
      kubeObject('DaemonSet', 'bad-calico-node', { namespace: 'kube-system' }),
      kubeObject('Deployment', 'bad-web', { namespace: 'shop' }),
    ];
    const result = runAudit(model(objects), {
      rules: [namingRule],
      today,
      config: {
        suppressions: [
          {
            rule: 'no-bad-names',
            kind: 'DaemonSet',
            namespace: 'kube-system',
            name: 'bad-calico-*',
            reason: 'CNI agent',
          },
          { rule: 'no-bad-names', namespace: 'payments', reason: 'nothing matches' },
        ],
      },
    });
    expect(result.findings.map((f) => [f.subject.name, f.status])).toEqual([
      ['bad-web', 'fail'],
      ['bad-calico-node', 'suppressed'],
    ]);
    expect(result.unusedSuppressions.map((s) => s.description)).toEqual([
      'config suppression of no-bad-names namespace=payments',
    ]);
  });

  it('reports suppressions that name unknown rules', () => {
    const result = runAudit(model([]), {
      rules: [namingRule],
      today,
      config: { suppressions: [{ rule: 'no-such-rule', reason: 'typo' }] },
    });
    expect(result.suppressionProblems.map((p) => p.message)).toEqual([
      'suppression names unknown rule "no-such-rule"',
    ]);
  });
});

describe('baseline', () => {
  it('hides known findings by fingerprint and counts them', () => {
    const objects = [kubeObject('Deployment', 'bad-a'), kubeObject('Deployment', 'bad-b')];
    const first = runAudit(model(objects), { rules: [namingRule], today });
    const baseline = createBaseline(first);
    const parsed = parseBaseline(JSON.parse(JSON.stringify(baseline)));
    if ('error' in parsed) throw new Error(parsed.error);
    const next = runAudit(model([...objects, kubeObject('Deployment', 'bad-c')]), {
      rules: [namingRule],
      today,
      baseline: parsed,
    });
    expect(next.findings.map((f) => f.subject.name)).toEqual(['bad-c']);
    expect(next.baselined).toBe(2);
  });

  it('refuses a malformed baseline with a message', () => {
    expect(parseBaseline({ aksward: 'baseline', version: 2, findings: [] })).toHaveProperty('error');
  });
});

describe('severity precedence', () => {
  const perResult = defineRule({
    ...namingRule,
    id: 'per-result',
    check({ model: m, report }) {
      for (const object of m.objects)
        report({ subject: objectSubject(object), severity: 'high', message: 'lowered by the check' });
    },
  });

  it('lets a check lower one result, and a user override win over both', () => {
    const objects = [kubeObject('Deployment', 'x')];
    expect(runAudit(model(objects), { rules: [perResult], today }).findings[0]?.severity).toBe('high');
    const overridden = runAudit(model(objects), {
      rules: [perResult],
      today,
      config: { rules: { 'per-result': { severity: 'medium' } } },
    });
    expect(overridden.findings[0]?.severity).toBe('medium');
  });

  it('keeps the rule default as baseSeverity and says why a check or the configuration changed it', () => {
    // Regression: a configured severity became the base (the rule's default lost, no reason), and a severity a
    // check set for one result came without a reason.
    const objects = [kubeObject('Deployment', 'bad')];
    const rule = (severityReason?: string) =>
      defineRule({
        ...namingRule,
        id: 'per-result',
        severity: 'critical',
        check({ model: m, report }) {
          for (const object of m.objects) {
            const reason = severityReason === undefined ? {} : { severityReason };
            report({ subject: objectSubject(object), severity: 'high', ...reason, message: 'm' });
          }
        },
      });
    const grade = (graded: AnyRule, config?: { rules: Record<string, { severity: 'low' }> }) => {
      const [finding] = runAudit(model(objects), {
        rules: [graded],
        today,
        ...(config ? { config } : {}),
      }).findings;
      return [finding?.severity, finding?.baseSeverity, finding?.severityReason];
    };
    const perResult = rule();
    const base = 'critical';
    expect(grade(perResult)).toEqual([
      'high',
      base,
      `the rule grades this case high, not its default ${base}`,
    ]);
    const explained = rule('a case');
    expect(grade(explained)).toEqual(['high', base, 'a case']);
    expect(grade(perResult, { rules: { 'per-result': { severity: 'low' } } })).toEqual([
      'low',
      base,
      `set by the configuration (rules.per-result.severity: low); the rule's default is ${base}`,
    ]);
    // The default itself is no change: no reason.
    const same = defineRule({ ...namingRule, id: 'same' });
    expect(grade(same)).toEqual([namingRule.severity, namingRule.severity, undefined]);
  });

  it('turns invalid rule options into a config error', () => {
    const withOptions = defineRule({
      ...namingRule,
      id: 'with-options',
      parseOptions: (raw: unknown) => {
        if (typeof raw !== 'object' || raw === null || !('n' in raw)) throw new Error('expected n');
        return raw;
      },
    });
    expect(() =>
      runAudit(model([]), {
        rules: [withOptions],
        today,
        config: { rules: { 'with-options': { options: { m: 1 } } } },
      }),
    ).toThrow(/rules\.with-options\.options: expected n/);
  });
});

describe('admission', () => {
  const admitted = defineRule({
    ...namingRule,
    id: 'admitted',
    check({ model: m, report }) {
      for (const object of m.objects) {
        const blocked = object.name === 'blocked';
        report({
          subject: objectSubject(object),
          message: 'gap',
          ...(blocked ? { admission: 'blocked at admission: namespace shop enforces restricted' } : {}),
        });
      }
    },
  });

  it('carries the admission sentence onto the finding, and only where the check gave one', () => {
    const objects = [kubeObject('Deployment', 'blocked'), kubeObject('Deployment', 'open')];
    const result = runAudit(model(objects), { rules: [admitted], today });
    expect(result.findings.map((f) => [f.subject.name, f.admission])).toEqual([
      ['blocked', 'blocked at admission: namespace shop enforces restricted'],
      ['open', undefined],
    ]);
    expect(result.findings.every((f) => f.status === 'fail')).toBe(true);
  });
});

describe('locating findings', () => {
  it('never locates passes, and locates the rest in file, document and List item order', () => {
    const at = (file: string, documentIndex: number, item?: number) => ({
      ...kubeObject('Deployment', `bad-${file}-${documentIndex}-${item ?? 'doc'}`, { file }),
      origin: {
        file,
        documentIndex,
        basePath: item === undefined ? [] : ['items', item],
        at: { file, line: documentIndex * 100 + (item ?? 0) + 1 },
      },
    });
    const objects = [
      at('b.yaml', 1),
      at('a.yaml', 2, 5),
      kubeObject('Deployment', 'good'),
      at('a.yaml', 2, 1),
    ];
    const calls: string[] = [];
    const counted = {
      ...model([...objects, at('a.yaml', 0)]),
      locate: (origin: KubeObject['origin'], path: readonly PathSegment[]) => {
        calls.push(`${origin.file}:${origin.documentIndex}:${String(origin.basePath[1])}:${path.join('.')}`);
        return { file: origin.file, line: origin.at.line + 3 };
      },
    };
    const twice = defineRule({ ...namingRule, id: 'twice' });
    const result = runAudit(counted, { rules: [namingRule, twice], today });
    expect(calls).toEqual([
      'a.yaml:0:undefined:spec.template',
      'a.yaml:0:undefined:spec.template',
      'a.yaml:2:1:spec.template',
      'a.yaml:2:1:spec.template',
      'a.yaml:2:5:spec.template',
      'a.yaml:2:5:spec.template',
      'b.yaml:1:undefined:spec.template',
      'b.yaml:1:undefined:spec.template',
    ]);
    expect(result.findings.map((f) => [f.ruleId, f.subject.name, f.location.line])).toEqual([
      ['no-bad-names', 'bad-a.yaml-0-doc', 4],
      ['no-bad-names', 'bad-a.yaml-2-1', 205],
      ['no-bad-names', 'bad-a.yaml-2-5', 209],
      ['no-bad-names', 'bad-b.yaml-1-doc', 104],
      ['twice', 'bad-a.yaml-0-doc', 4],
      ['twice', 'bad-a.yaml-2-1', 205],
      ['twice', 'bad-a.yaml-2-5', 209],
      ['twice', 'bad-b.yaml-1-doc', 104],
    ]);
  });

  it('wraps a throwing locator as a crash of the rule whose finding it was locating', () => {
    const broken = {
      ...model([kubeObject('Deployment', 'bad')]),
      locate: () => {
        throw new Error('locator bug');
      },
    };
    expect(() => runAudit(broken, { rules: [namingRule], today })).toThrow(RuleCrashedError);
  });
});
