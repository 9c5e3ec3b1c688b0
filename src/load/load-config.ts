/** @module Finds and reads `.aksward.yaml`: from the working directory up to the repository root, or `--config`. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, YAMLError } from 'yaml';
import type { AkswardConfig } from '../engine/config.js';
import { configSchema, describeConfigIssues } from '../engine/config.js';
import { ConfigError } from '../errors.js';
import { describeYamlError } from './parse-errors.js';

export const CONFIG_NAMES = ['.aksward.yaml', '.aksward.yml'] as const;

/** The nearest config file from `cwd` upwards, stopping at the first folder holding `.git`. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (existsSync(path.join(dir, '.git')) || parent === dir) return undefined;
    dir = parent;
  }
}

export interface LoadedConfig {
  readonly config: AkswardConfig;
  readonly file?: string;
}

/**
 * The path of the first `__proto__` key: the YAML parser keeps it as an own key, but schema validation
 * drops it silently, so `rules: {__proto__: off}` would be ignored rather than refused.
 */
function prototypeKeyPath(value: unknown, at: readonly string[]): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const here = [...at, Array.isArray(value) ? `[${key}]` : key];
    if (key === '__proto__' && !Array.isArray(value)) return here.join('.');
    const found = prototypeKeyPath(child, here);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Reads and validates the config; an invalid file is a `ConfigError` (exit code 2), never ignored. */
export function loadConfig(options: { cwd: string; explicit?: string }): LoadedConfig {
  const file = options.explicit ? path.resolve(options.cwd, options.explicit) : findConfigFile(options.cwd);
  if (file === undefined) return { config: {} };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ConfigError('config-invalid', `cannot read config ${file}`, { cause });
  }
  let raw: unknown;
  try {
    // Our own file: YAML 1.2, so `off` stays a string (in YAML 1.1 it would be the boolean false).
    raw = parse(text, { logLevel: 'error' }) ?? {};
  } catch (cause) {
    const where = cause instanceof YAMLError ? `:${String(cause.linePos?.[0].line ?? '')}` : '';
    const what = cause instanceof YAMLError ? describeYamlError(cause) : 'unreadable text';
    throw new ConfigError('config-invalid', `${file}${where}: not valid YAML: ${what}`, { cause });
  }
  const hidden = prototypeKeyPath(raw, []);
  if (hidden !== undefined) {
    throw new ConfigError('config-invalid', `${file}:\n${hidden}: a key named __proto__ is not a setting`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError('config-invalid', `${file}:\n${describeConfigIssues(parsed.error)}`);
  }
  return { config: parsed.data, file };
}
