/** @module The one signature every report format has: results in, text out, no I/O. */
import type { AuditResult } from '../engine/run-audit.js';
import type { Diagnostic, InputRecord } from '../load/diagnostics.js';
import type { AnyRule } from '../rules/define-rule.js';
import type { LandingSummary } from '../engine/blast-radius.js';

/**
 * How much the terminal report shows: `summary` (default: a control table, one line per failing rule,
 * the top findings), `details` (every finding with file:line and fix), `compact` (one line per finding),
 * `quiet` (the verdict and the failing counts).
 */
export type TableView = 'summary' | 'details' | 'compact' | 'quiet';

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
  /** The terminal report's view; `summary` when unset. Other formats ignore it. */
  readonly view?: TableView;
  /** Where the full report is (a file written with `-o`), for a report that is cut. */
  readonly fullReport?: string;
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

/** A format written a piece at a time through `write`: a large report is never held whole. */
export type StreamFormatter = (
  result: AuditResult,
  context: ReportContext,
  write: (text: string) => void,
) => void;
