/** @module The public API: the pipeline the CLI uses, callable from TypeScript. */
export { scan, validateConfigRules } from './scan.js';
export type { ScanOptions, ScanResult } from './scan.js';
export { loadInputs } from './load/load-inputs.js';
export type { LoadOptions, LoadResult } from './load/load-inputs.js';
export { loadConfig, findConfigFile } from './load/load-config.js';
export type { Diagnostic, InputRecord } from './load/diagnostics.js';
export { runAudit } from './engine/run-audit.js';
export { Timings } from './engine/timings.js';
export type { TimingEntry, TimingGroup } from './engine/timings.js';
export type { AuditOptions, AuditResult } from './engine/run-audit.js';
export type { Finding, Coverage } from './engine/finding.js';
export type { AkswardConfig } from './engine/config.js';
export { createBaseline, parseBaseline } from './engine/baseline.js';
export { reach, parsePort } from './engine/reach.js';
export type { ReachResult, ReachConnections, ReachFocus, PortRef } from './engine/reach.js';
export type { ReachabilityOptions, Connection, ConnectionEntry, PairExplanation } from './engine/reach.js';
export { canI } from './engine/can-i.js';
export type { CanIQuery, CanIAnswer, Decision, Verdict } from './engine/can-i.js';
export { whoCan } from './engine/who-can.js';
export type { WhoCanQuery, WhoCanAnswer, WhoCanResult } from './engine/who-can.js';
export { access } from './engine/access.js';
export type { AccessQuery, AccessReport } from './engine/access.js';
export { paths } from './engine/paths.js';
export type { PathsOptions, PathsResult, LandingReport } from './engine/paths.js';
export { diff, diffModels, savedReportOf, sideFromModel, sideFromSaved } from './engine/diff.js';
export type { Delta, DiffResult, DiffSide, ModelDiff, SavedReport } from './engine/diff.js';
export { fix } from './fix.js';
export type { FixOptions } from './fix.js';
export type {
  ClosedFinding,
  Decision as FixDecision,
  FixOutput,
  FixPlan,
  PlanPhase,
  PlanProof,
  PlanStep,
  StepKind,
  VerifyCommand,
} from './fix/plan/types.js';
export { renderPlanJson, renderPlanMarkdown } from './report/fix/index.js';
export { allRules, findRule } from './rules/index.js';
export { defineRule } from './rules/define-rule.js';
export type { Rule, RuleContext, ReportInput } from './rules/define-rule.js';
export type { Analyses, AnalysisName } from './rules/kit/analyses.js';
export { analysisRun } from './engine/analyses.js';
export type { AnalysisRun } from './engine/analyses.js';
export type { Severity, Surface, Status } from './rules/types.js';
export { formatters, FORMAT_NAMES } from './report/index.js';
export type { Formatter, ReportContext } from './report/index.js';
export type { Render } from './report/render.js';
export { REACH_FORMATS, reachRenderers, explainRenderers } from './report/reach/index.js';
export { RBAC_FORMATS, canIRenderers, whoCanRenderers, accessRenderers } from './report/rbac/index.js';
export { PATHS_FORMATS, pathsRenderers } from './report/paths/index.js';
export { DIFF_FORMATS, diffRenderers } from './report/diff/index.js';
export * from './model/index.js';
export { VERSION } from './version.js';
