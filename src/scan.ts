/** @module scan: the whole pipeline as a library call (inputs → load → model → rules → result). */
import type { AnalysisRun } from './engine/analyses.js';
import { analysisRun } from './engine/analyses.js';
import type { AkswardConfig } from './engine/config.js';
import type { AuditResult } from './engine/run-audit.js';
import { runScopedAudit } from './engine/scoped-audit.js';
import type { Timings } from './engine/timings.js';
import { timed } from './engine/timings.js';
import { ConfigError } from './errors.js';
import type { Diagnostic, InputRecord } from './load/diagnostics.js';
import type { ClusterScope, ClusterScopeMode, LoadOptions, LoadResult } from './load/load-inputs.js';
import type { LoadLimits } from './load/limits.js';
import { loadInputs } from './load/load-inputs.js';
import type { ClusterModel } from './model/index.js';
import type { LandingSummary } from './analysis/paths/landings.js';
import { landingSummaries } from './analysis/paths/landings.js';
import type { AnyRule } from './rules/define-rule.js';
import { allRules } from './rules/index.js';
import { describeUnknownRules } from './rules/suggest-rule.js';

export interface ScanOptions extends LoadOptions {
  readonly config?: AkswardConfig;
  readonly rules?: readonly AnyRule[];
  readonly baseline?: ReadonlySet<string>;
  /** YYYY-MM-DD; defaults to today (UTC). */
  readonly today?: string;
  /** Where the scan's time goes, when the caller keeps it (`scan --timings`). */
  readonly timings?: Timings;
}

export interface ScanResult {
  readonly result: AuditResult;
  /** Every input as one model (same-content duplicates kept once); the rules ran on `scopes`. */
  readonly model: ClusterModel;
  /** The clusters the inputs form (`--cluster-scope`), each audited on its own. */
  readonly scopes: readonly ClusterScope[];
  readonly clusterScope: ClusterScopeMode;
  readonly inputs: readonly InputRecord[];
  readonly diagnostics: readonly Diagnostic[];
  /** True when an input could not be read or rendered, or the inputs held nothing to check (exit code 3). */
  readonly incomplete: boolean;
  /** Each internet-exposed workload's blast radius; undefined when every attack-path rule is off. */
  readonly blastRadius?: readonly LandingSummary[];
  /** The scan's analyses (computed on first need): what a later step over the same model reuses. */
  readonly analyses: AnalysisRun;
}

/**
 * Rejects config entries that name rules that do not exist, under `rules:` and in `suppressions[].rule`
 * (a glob such as `no-host-*` is matched later): a typo must not silently disable or suppress nothing.
 */
export function validateConfigRules(config: AkswardConfig, rules: readonly AnyRule[]): void {
  const ids = [...new Set([...rules, ...allRules].map((r) => r.id))];
  const known = new Set(ids);
  const unknown = Object.keys(config.rules ?? {}).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const names = describeUnknownRules(unknown, ids);
    throw new ConfigError('config-unknown-rule', `config names unknown rule(s): ${names}`);
  }
  const suppressed = (config.suppressions ?? [])
    .map((s) => s.rule)
    .filter((id) => !id.includes('*') && !known.has(id));
  if (suppressed.length > 0) {
    const names = describeUnknownRules([...new Set(suppressed)], ids);
    throw new ConfigError('config-unknown-rule', `suppressions[].rule names unknown rule(s): ${names}`);
  }
}

/** The input limits of `.aksward.yaml`, overridden by the caller's, with unset ones left to the defaults. */
export function configuredLimits(
  config: AkswardConfig,
  override: Partial<LoadLimits> = {},
): Partial<LoadLimits> {
  return Object.fromEntries(
    Object.entries({ ...config.limits, ...override }).filter(([, v]) => v !== undefined),
  );
}

/**
 * An input that yields nothing to check (an empty file or folder, a folder of nothing aksward reads) would
 * otherwise pass with every control unexamined: CI must not read that as a clean cluster. It is an error
 * (scan incomplete, exit 3) unless an error already says why nothing was read.
 */
function emptyInputDiagnostic(paths: readonly string[], loaded: LoadResult): Diagnostic | undefined {
  const { model, diagnostics } = loaded;
  const found =
    model.objects.length +
    model.clusters.length +
    model.roleAssignments.length +
    model.roleDefinitions.length;
  if (found > 0 || diagnostics.some((d) => d.level === 'error')) return undefined;
  return {
    code: 'no-input-objects',
    level: 'error',
    message: 'no Kubernetes objects or cluster definitions found in the inputs; nothing was checked',
    file: paths.map((p) => (p === '-' ? '<stdin>' : p)).join(', '),
  };
}

export async function scan(paths: readonly string[], options: ScanOptions): Promise<ScanResult> {
  const rules = options.rules ?? allRules;
  const config = options.config ?? {};
  validateConfigRules(config, rules);
  const limits = configuredLimits(config, options.limits);
  const { timings } = options;
  const read = await loadInputs(paths, { ...options, limits });
  const empty = emptyInputDiagnostic(paths, read);
  const loaded = empty ? { ...read, diagnostics: [...read.diagnostics, empty] } : read;
  const { result, runs } = runScopedAudit(loaded.scopes, loaded.model, {
    rules,
    config,
    ...(options.baseline ? { baseline: options.baseline } : {}),
    today: options.today ?? new Date().toISOString().slice(0, 10),
    ...(timings === undefined ? {} : { timings }),
  });
  const attackPaths = rules.some((r) => r.surface === 'attack-paths' && result.rulesRun.includes(r.id));
  return {
    result,
    model: loaded.model,
    scopes: loaded.scopes,
    clusterScope: loaded.clusterScope,
    inputs: loaded.inputs,
    diagnostics: loaded.diagnostics,
    incomplete: loaded.diagnostics.some((d) => d.level === 'error'),
    // One cluster: its run is the whole model's; several: the whole model's analyses, computed when first read.
    analyses:
      runs.length === 1 && runs[0]?.scope.model === loaded.model
        ? runs[0].analyses
        : analysisRun(loaded.model),
    ...(attackPaths
      ? {
          blastRadius: timed(timings, 'audit', 'blast radius', () =>
            runs.flatMap(({ scope, analyses }) =>
              landingSummaries(scope.model, analyses.get('attackGraph').graph),
            ),
          ),
        }
      : {}),
  };
}
