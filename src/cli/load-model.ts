/** @module Loads the inputs of the analysis commands (can-i, who-can, access, reach) into the model. */
import { Option } from 'commander';
import { UsageError } from '../errors.js';
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
  /**
   * `--namespace`: the namespace of input objects that name none. can-i and who-can keep `-n, --namespace` for
   * the request's namespace and take this one as `--input-namespace` (`requestFlags`).
   */
  readonly namespace?: string;
}

/** The `--namespace` option of every command that reads inputs (but can-i and who-can). */
export function namespaceOption(flag = '--namespace <ns>'): Option {
  return new Option(
    flag,
    'namespace of input objects that name none, as `kubectl apply -n` (default: default, said in the inputs)',
  );
}

/** can-i and who-can: `-n` is the request's namespace; the inputs' one is `--input-namespace`. */
export function requestFlags(flags: InputFlags & { readonly inputNamespace?: string }): InputFlags {
  const { input, config, kubectl, allowRemoteBases, followSymlinks, inputNamespace } = flags;
  return {
    ...(input === undefined ? {} : { input }),
    ...(config === undefined ? {} : { config }),
    ...(kubectl === undefined ? {} : { kubectl }),
    ...(allowRemoteBases === undefined ? {} : { allowRemoteBases }),
    ...(followSymlinks === undefined ? {} : { followSymlinks }),
    ...(inputNamespace === undefined ? {} : { namespace: inputNamespace }),
  };
}

/** A namespace name is a DNS label (RFC 1123), as the API server requires. */
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The input flags every command shares, as load options. */
export function inputOptions(
  flags: InputFlags,
): Pick<LoadOptions, 'kubectl' | 'allowRemoteBases' | 'followSymlinks' | 'namespace'> {
  const namespace = flags.namespace;
  if (namespace !== undefined && !DNS_LABEL.test(namespace))
    throw new UsageError(
      `--namespace expects a namespace name (lower-case letters, digits and '-', at most 63), got "${namespace}"`,
    );
  return {
    ...(flags.kubectl ? { kubectl: flags.kubectl } : {}),
    ...(flags.allowRemoteBases === true ? { allowRemoteBases: true } : {}),
    ...(flags.followSymlinks === true ? { followSymlinks: true } : {}),
    ...(namespace === undefined ? {} : { namespace }),
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
