/** @module Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/internal error, 3 answer incomplete (an input could not be read). */
import type { FAIL_ON_LEVELS } from '../engine/config.js';
import type { Finding } from '../engine/finding.js';
import { severityRank } from '../rules/types.js';

export const EXIT = { ok: 0, findings: 1, error: 2, incomplete: 3 } as const;

export type FailOn = (typeof FAIL_ON_LEVELS)[number];

/** Findings that gate: failing (not suppressed, not merely not-assessed, not implied by a root cause) at or above the threshold. */
export function gatingFindings(findings: readonly Finding[], failOn: FailOn): Finding[] {
  if (failOn === 'none') return [];
  const threshold = severityRank(failOn);
  return findings.filter(
    (f) => f.status === 'fail' && f.impliedBy === undefined && severityRank(f.severity) >= threshold,
  );
}

/** An incomplete scan outranks findings: its answer is partial, so CI must not read it as a verdict. */
export function exitCodeFor(options: { gating: number; incomplete: boolean }): number {
  if (options.incomplete) return EXIT.incomplete;
  return options.gating > 0 ? EXIT.findings : EXIT.ok;
}
