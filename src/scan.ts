/** @module scan: the whole pipeline as a library call (inputs → load → model → rules → result). */
import type { AkswardConfig } from './engine/config.js';
import type { AuditResult } from './engine/run-audit.js';
import { runAudit } from './engine/run-audit.js';
import { ConfigError } from './errors.js';
import type { Diagnostic, InputRecord } from './load/diagnostics.js';
import type { LoadOptions } from './load/load-inputs.js';
import type { LoadLimits } from './load/limits.js';
import { loadInputs } from './load/load-inputs.js';
import type { ClusterModel } from './model/index.js';
import type { AnyRule } from './rules/define-rule.js';
import { allRules } from './rules/index.js';

export interface ScanOptions extends LoadOptions {
  readonly config?: AkswardConfig;
  readonly rules?: readonly AnyRule[];
  readonly baseline?: ReadonlySet<string>;
  /** YYYY-MM-DD; defaults to today (UTC). */
  readonly today?: string;
}

export interface ScanResult {
  readonly result: AuditResult;
  readonly model: ClusterModel;
  readonly inputs: readonly InputRecord[];
  readonly diagnostics: readonly Diagnostic[];
  /** True when an input could not be read or rendered (exit code 3). */
  readonly incomplete: boolean;
}

/** Rejects config entries that name rules that do not exist: a typo must not silently disable nothing. */
export function validateConfigRules(config: AkswardConfig, rules: readonly AnyRule[]): void {
  const ids = new Set(rules.map((r) => r.id));
  const unknown = Object.keys(config.rules ?? {}).filter((id) => !ids.has(id));
  if (unknown.length > 0) {
    throw new ConfigError('config-unknown-rule', `config names unknown rule(s): ${unknown.join(', ')}`);
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

export async function scan(paths: readonly string[], options: ScanOptions): Promise<ScanResult> {
  const rules = options.rules ?? allRules;
  const config = options.config ?? {};
  validateConfigRules(config, rules);
  const limits = configuredLimits(config, options.limits);
  const loaded = await loadInputs(paths, { ...options, limits });
  const result = runAudit(loaded.model, {
    rules,
    config,
    ...(options.baseline ? { baseline: options.baseline } : {}),
    today: options.today ?? new Date().toISOString().slice(0, 10),
  });
  return {
    result,
    model: loaded.model,
    inputs: loaded.inputs,
    diagnostics: loaded.diagnostics,
    incomplete: loaded.diagnostics.some((d) => d.level === 'error'),
  };
}
