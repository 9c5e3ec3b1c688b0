/** @module The one signature every report format has: results in, text out, no I/O. */
import type { AuditResult } from '../engine/run-audit.js';
import type { Diagnostic, InputRecord } from '../load/diagnostics.js';
import type { AnyRule } from '../rules/define-rule.js';
import type { LandingSummary } from '../engine/blast-radius.js';

export interface ReportContext {
  /** Every rule that ran (for SARIF `rules[]`, the terminal coverage line, per-rule metadata). */
  readonly rules: readonly AnyRule[];
  readonly version: string;
  readonly inputs: readonly InputRecord[];
  readonly diagnostics: readonly Diagnostic[];
  /** ANSI colour: only on a TTY and without NO_COLOR; the CLI decides. */
  readonly color: boolean;
  /** The `--fail-on` threshold, for summaries. */
  readonly failOn: string;
  /** The blast radius of each internet-exposed workload; undefined when the attack paths were not computed. */
  readonly blastRadius?: readonly LandingSummary[];
  /** The clusters the inputs form (`--cluster-scope`), when more than one: each was audited on its own. */
  readonly scopes?: readonly ReportScope[];
}

/** A cluster scope as the reports state it. */
export interface ReportScope {
  readonly name: string;
  readonly reason: string;
  readonly files: readonly string[];
}

export type Formatter = (result: AuditResult, context: ReportContext) => string;
