/** @module Finds and reads `.aksward.yaml`: from the working directory up to the repository root, or `--config`. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { AkswardConfig } from '../engine/config.js';
import { configSchema, describeConfigIssues } from '../engine/config.js';
import { ConfigError } from '../errors.js';

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
    raw = parse(text) ?? {};
  } catch (cause) {
    throw new ConfigError('config-invalid', `${file}: not valid YAML: ${String(cause)}`, { cause });
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError('config-invalid', `${file}:\n${describeConfigIssues(parsed.error)}`);
  }
  return { config: parsed.data, file };
}
