/**
 * @module Every analysis a rule reads from `context.analyses` is one it declared in `needs`, and every one it
 * declared is read: each rule runs over the examples with every analysis on offer, behind a proxy that
 * records which ones it reads.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AnalysisRun } from '../../src/engine/analyses.js';
import { ANALYSIS_NAMES, analysisRun } from '../../src/engine/analyses.js';
import { loadInputs } from '../../src/load/load-inputs.js';
import type { AnyRule } from '../../src/rules/define-rule.js';
import { DEFAULT_RULE_SETTINGS, defineRule } from '../../src/rules/define-rule.js';
import { allRules } from '../../src/rules/index.js';
import { runAudit } from '../../src/engine/run-audit.js';
import type { AnalysisName, Analyses } from '../../src/rules/kit/analyses.js';
import type { ClusterModel } from '../../src/model/index.js';

const EXAMPLES = ['unhardened', 'hardened', 'multi-tenant'] as const;

const example = (name: string): string => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));

const isAnalysisName = (key: string | symbol): key is AnalysisName =>
  typeof key === 'string' && (ANALYSIS_NAMES as readonly string[]).includes(key);

/** Every analysis, computed on first read; `reads` gets the name of each property read. */
function recordingAnalyses(run: AnalysisRun, reads: Set<string>): Analyses {
  return new Proxy({} as Analyses, {
    get(_target, key) {
      reads.add(String(key));
      return isAnalysisName(key) ? run.get(key) : undefined;
    },
  });
}

/** What a rule declared (the registry erases the rules' types). */
const needsOf = (rule: AnyRule): readonly string[] => (rule.needs ?? []) as readonly AnalysisName[];

/** The analyses one rule reads from its context on one model. */
function readsOf(rule: AnyRule, model: ClusterModel, run: AnalysisRun): Set<string> {
  const reads = new Set<string>();
  const options: unknown = rule.parseOptions ? rule.parseOptions({}) : {};
  rule.check({
    model,
    options,
    settings: DEFAULT_RULE_SETTINGS,
    analyses: recordingAnalyses(run, reads),
    report: () => undefined,
  });
  return reads;
}

describe('analysis needs', () => {
  it('records the reads of a rule that reads an analysis (the proxy sees through helpers)', async () => {
    const loaded = await loadInputs([example('unhardened')], { cwd: example('unhardened'), kubectl: false });
    const rule = allRules.find((r) => r.id === 'no-exposed-path-to-secrets');
    expect(rule).toBeDefined();
    if (rule)
      expect([...readsOf(rule, loaded.model, analysisRun(loaded.model))].sort()).toEqual([
        'attackGraph',
        'rbac',
      ]);
  });

  it('holds for every rule on the examples: reads within needs, and every need read', async () => {
    const read = new Map<string, Set<string>>(allRules.map((r) => [r.id, new Set<string>()]));
    for (const name of EXAMPLES) {
      const loaded = await loadInputs([example(name)], { cwd: example(name), kubectl: false });
      const run = analysisRun(loaded.model);
      for (const rule of allRules) {
        for (const key of readsOf(rule, loaded.model, run)) read.get(rule.id)?.add(key);
      }
    }
    const undeclared: string[] = [];
    const unread: string[] = [];
    for (const rule of allRules) {
      const needs = new Set(needsOf(rule));
      const reads = read.get(rule.id) ?? new Set<string>();
      for (const key of reads) if (!needs.has(key)) undeclared.push(`${rule.id} reads ${key}`);
      for (const key of needs) if (!reads.has(key)) unread.push(`${rule.id} declares ${key}`);
    }
    expect(undeclared).toEqual([]);
    expect(unread).toEqual([]);
  });

  it('declares only known analyses, each once', () => {
    for (const rule of allRules) {
      const needs = needsOf(rule);
      expect(needs.filter((n) => !(ANALYSIS_NAMES as readonly string[]).includes(n))).toEqual([]);
      expect(new Set(needs).size).toBe(needs.length);
    }
  });

  it('types context.analyses with exactly the declared analyses, and hands over no other', async () => {
    const meta = {
      title: 'a rule for types',
      surface: 'network',
      severity: 'low',
      rationale: '',
      remediation: { summary: '' },
      reads: ['manifests'],
      peers: {},
      references: [],
      since: '0.1.0',
    } as const;
    const seen: string[][] = [];
    const declared = defineRule({
      ...meta,
      id: 'declares-dns',
      needs: ['dns'],
      check(context) {
        expectTypeOf(context.analyses).toEqualTypeOf<Pick<Analyses, 'dns'>>();
        seen.push(Object.keys(context.analyses));
        // @ts-expect-error rbac was not declared
        expect(context.analyses.rbac).toBeUndefined();
      },
    });
    const none = defineRule({
      ...meta,
      id: 'declares-none',
      check(context) {
        expectTypeOf<keyof typeof context.analyses>().toEqualTypeOf<never>();
        seen.push(Object.keys(context.analyses));
        // @ts-expect-error nothing was declared
        expect(context.analyses.dns).toBeUndefined();
      },
    });
    const loaded = await loadInputs([example('hardened')], { cwd: example('hardened'), kubectl: false });
    const result = runAudit(loaded.model, { rules: [declared, none], today: '2026-11-23' });
    expect(result.rulesRun).toEqual(['declares-dns', 'declares-none']);
    expect(seen).toEqual([['dns'], []]);
  });

  it('computes each analysis once per run', async () => {
    const loaded = await loadInputs([example('hardened')], { cwd: example('hardened'), kubectl: false });
    const run = analysisRun(loaded.model);
    expect(run.pick(['rbac']).rbac).toBe(run.get('rbac'));
    expect(run.get('attackGraph')).toBe(run.get('attackGraph'));
    expect(analysisRun(loaded.model).get('rbac')).not.toBe(run.get('rbac'));
  });
});
