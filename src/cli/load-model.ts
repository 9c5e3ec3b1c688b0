/** @module Loads the inputs of the analysis commands (can-i, who-can, access, reach) into the model. */
import { loadConfig } from '../load/load-config.js';
import type { LoadOptions } from '../load/load-inputs.js';
import { loadInputs } from '../load/load-inputs.js';
import type { ClusterModel } from '../model/index.js';
import { configuredLimits } from '../scan.js';
import type { Streams } from './io.js';
import { readStdin, writeDiagnostics } from './io.js';

export interface InputFlags {
  readonly input?: readonly string[];
  readonly config?: string;
  readonly kubectl?: string;
  readonly allowRemoteBases?: boolean;
  readonly followSymlinks?: boolean;
}

/** The input flags every command shares, as load options. */
export function inputOptions(
  flags: InputFlags,
): Pick<LoadOptions, 'kubectl' | 'allowRemoteBases' | 'followSymlinks'> {
  return {
    ...(flags.kubectl ? { kubectl: flags.kubectl } : {}),
    ...(flags.allowRemoteBases === true ? { allowRemoteBases: true } : {}),
    ...(flags.followSymlinks === true ? { followSymlinks: true } : {}),
  };
}

/**
 * The same inputs as `scan`. Diagnostics go to stderr; an incomplete load is said loudly, since an
 * answer over part of the cluster can miss the binding or policy that decides it.
 */
export async function loadModel(
  paths: readonly string[],
  flags: InputFlags,
  streams: Streams,
  cwd: string,
): Promise<ClusterModel> {
  const { config } = loadConfig({ cwd, ...(flags.config ? { explicit: flags.config } : {}) });
  const loaded = await loadInputs(paths.length > 0 ? paths : ['.'], {
    cwd,
    readStdin,
    limits: configuredLimits(config),
    ...inputOptions(flags),
  });
  writeDiagnostics(loaded.diagnostics, streams);
  if (loaded.diagnostics.some((d) => d.level === 'error')) {
    streams.err('aksward: warning: some inputs could not be read; answers cover only what was read\n');
  }
  return loaded.model;
}
