/** @module Loads the inputs of the analysis commands (can-i, who-can, access, reach) into the model. */
import { loadConfig } from '../load/load-config.js';
import type { LoadOptions } from '../load/load-inputs.js';
import { loadInputs } from '../load/load-inputs.js';
import type { ClusterModel } from '../model/index.js';
import { configuredLimits } from '../scan.js';
import type { UnreadInput } from './completeness.js';
import { unreadInputs } from './completeness.js';
import type { Streams } from './io.js';
import { readStdin, writeDiagnostics } from './io.js';

export interface InputFlags {
  readonly input?: readonly string[];
  readonly config?: string;
  readonly kubectl?: string;
  readonly allowRemoteBases?: boolean;
  readonly followSymlinks?: boolean;
  /** `--parameters <file>` (repeatable). */
  readonly parameters?: readonly string[];
}

/** The input flags every command shares, as load options. */
export function inputOptions(
  flags: InputFlags,
): Pick<LoadOptions, 'kubectl' | 'allowRemoteBases' | 'followSymlinks' | 'parameters'> {
  return {
    ...(flags.kubectl ? { kubectl: flags.kubectl } : {}),
    ...(flags.allowRemoteBases === true ? { allowRemoteBases: true } : {}),
    ...(flags.followSymlinks === true ? { followSymlinks: true } : {}),
    ...(flags.parameters && flags.parameters.length > 0 ? { parameters: flags.parameters } : {}),
  };
}

/**
 * The same inputs as `scan`. Diagnostics go to stderr; what could not be read comes back with the model,
 * since an answer over part of the cluster can miss the binding or policy that decides it (the command
 * says so in its answer and exits 3).
 */
export async function loadModel(
  paths: readonly string[],
  flags: InputFlags,
  streams: Streams,
  cwd: string,
): Promise<{ model: ClusterModel; unread: UnreadInput[] }> {
  const { config } = loadConfig({ cwd, ...(flags.config ? { explicit: flags.config } : {}) });
  const loaded = await loadInputs(paths.length > 0 ? paths : ['.'], {
    cwd,
    readStdin,
    limits: configuredLimits(config),
    ...inputOptions(flags),
  });
  writeDiagnostics(loaded.diagnostics, streams);
  return { model: loaded.model, unread: unreadInputs(loaded.diagnostics) };
}
