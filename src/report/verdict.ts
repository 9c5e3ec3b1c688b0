/**
 * @module The verdict of a scan, decided once for every report and the exit code: FAIL, PASS or DONE when
 * the scan could decide, INCOMPLETE when part of the input was not read, NOT ASSESSED when little or nothing
 * could be decided. A scan that could not look never says PASS.
 */
import type { AuditResult } from '../engine/run-audit.js';
import type { Severity } from '../rules/types.js';
import type { ReportContext } from './formatter.js';
import { countFailedBySeverity, countFailing, parseFailOn, sumCounts, totalCoverage } from './summarize.js';
import { plural } from './text.js';

export type VerdictKind = 'fail' | 'pass' | 'done' | 'incomplete' | 'not-assessed';

export interface Verdict {
  readonly kind: VerdictKind;
  /** The word the reports print: FAIL, PASS, DONE, INCOMPLETE, NOT ASSESSED. */
  readonly word: string;
  /** What follows the word, with the counts. */
  readonly text: string;
  /** Failing findings at or above `--fail-on` (0 with `--fail-on none`). */
  readonly failing: number;
}

const WORDS: Readonly<Record<VerdictKind, string>> = {
  fail: 'FAIL',
  pass: 'PASS',
  done: 'DONE',
  incomplete: 'INCOMPLETE',
  'not-assessed': 'NOT ASSESSED',
};

/**
 * The cluster definitions whose cluster-setting checks were mostly not assessed: a cluster file was found
 * but its values could not be read (unresolved ARM expressions, Terraform variables). A cluster subject
 * counts when more than half of the cluster-only rules that ran could not decide it.
 */
export function mostlyUnassessedClusters(result: AuditResult, context: ReportContext): string[] {
  const clusterRules = new Set(
    context.rules
      .filter((r) => r.reads.includes('cluster') && !r.reads.includes('manifests'))
      .map((r) => r.id),
  );
  if (clusterRules.size === 0) return [];
  const unassessed = new Map<string, Set<string>>();
  for (const f of result.findings) {
    if (f.status !== 'not-assessed' || !clusterRules.has(f.ruleId)) continue;
    const rules = unassessed.get(f.subject.display) ?? new Set<string>();
    unassessed.set(f.subject.display, rules.add(f.ruleId));
  }
  return [...unassessed]
    .filter(([, rules]) => rules.size * 2 > clusterRules.size)
    .map(([subject]) => subject);
}

function failText(failing: number, threshold: Severity): string {
  return `${plural(failing, 'finding')} at or above ${threshold}`;
}

/** What the scan concluded relative to `--fail-on`, and whether it could conclude at all. */
export function decideVerdict(result: AuditResult, context: ReportContext): Verdict {
  const threshold = parseFailOn(context.failOn);
  const failing = countFailing(result, context.failOn);
  const failed = sumCounts(countFailedBySeverity(result.findings));
  const found = threshold === undefined ? plural(failed, 'finding') : failText(failing, threshold);
  const errors = context.diagnostics.filter((d) => d.level === 'error').length;
  const make = (kind: VerdictKind, text: string): Verdict => ({ kind, word: WORDS[kind], text, failing });
  if (errors > 0) {
    const what = `${plural(errors, 'input error')}: part of the input was not scanned (see Diagnostics)`;
    const partial = `${plural(errors, 'input error')} (see Diagnostics); ${found} in what was read`;
    return make('incomplete', failed === 0 ? what : partial);
  }
  const coverage = totalCoverage(result);
  if (coverage.assessed === 0) {
    const none = `no check could be decided (${coverage.notAssessed} not assessed)`;
    return make('not-assessed', none);
  }
  const unassessed = mostlyUnassessedClusters(result, context);
  if (unassessed.length > 0) {
    const what = `most cluster checks of ${unassessed.join(', ')} could not be decided (${coverage.notAssessed} not assessed, ${coverage.assessed} assessed)`;
    return make('not-assessed', failed === 0 ? what : `${what}; ${found}`);
  }
  if (threshold === undefined) return make('done', `${plural(failed, 'finding')}; fail-on is none`);
  if (failing > 0) return make('fail', found);
  const rest = failed === 0 ? '' : ` (${plural(failed, 'finding')} below it)`;
  return make('pass', `no findings at or above ${threshold}${rest}`);
}
