/** @module Loads the inputs of the analysis commands (can-i, who-can, access, reach) into the model. */
import { Option } from 'commander';
import { UsageError } from '../errors.js';
import { loadConfig } from '../load/load-config.js';
import type { LoadOptions } from '../load/load-inputs.js';
import { loadInputs } from '../load/load-inputs.js';
import type { ClusterScope } from '../load/load-inputs.js';
import { CLUSTER_SCOPE_MODES } from '../load/scopes/assign-scopes.js';
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
  /** `--var-file <file>`, repeatable. */
  readonly varFile?: readonly string[];
  /** `--var name=value`, repeatable. */
  readonly var?: readonly string[];
  /** `--cluster-scope` (a program option; commander checked it is one of the modes). */
  readonly clusterScope?: string;
  /** `--parameters <file>` (repeatable). */
  readonly parameters?: readonly string[];
  /**
   * `--namespace`: the namespace of input objects that name none. can-i and who-can keep `-n, --namespace` for
   * the request's namespace and take this one as `--input-namespace` (`requestFlags`).
   */
  readonly namespace?: string;
}

/** `--var name=value` as Terraform takes it: the name up to the first `=`. */
function parseVars(specs: readonly string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const name = spec.slice(0, eq);
    // The value is never echoed: it may be a secret.
    if (eq <= 0 || !/^[A-Za-z_][\w-]*$/.test(name))
      throw new UsageError('--var expects <name>=<value> with a Terraform variable name');
    vars[name] = spec.slice(eq + 1);
  }
  return vars;
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
  const { varFile, var: vars, clusterScope, parameters } = flags;
  return {
    ...(input === undefined ? {} : { input }),
    ...(config === undefined ? {} : { config }),
    ...(kubectl === undefined ? {} : { kubectl }),
    ...(allowRemoteBases === undefined ? {} : { allowRemoteBases }),
    ...(followSymlinks === undefined ? {} : { followSymlinks }),
    ...(varFile === undefined ? {} : { varFile }),
    ...(vars === undefined ? {} : { var: vars }),
    ...(clusterScope === undefined ? {} : { clusterScope }),
    ...(parameters === undefined ? {} : { parameters }),
    ...(inputNamespace === undefined ? {} : { namespace: inputNamespace }),
  };
}

/** A namespace name is a DNS label (RFC 1123), as the API server requires. */
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The input flags every command shares, as load options; `TF_VAR_` values come from `env`. */
export function inputOptions(
  flags: InputFlags,
  env: Streams['env'],
): Pick<
  LoadOptions,
  | 'kubectl'
  | 'allowRemoteBases'
  | 'followSymlinks'
  | 'varFiles'
  | 'vars'
  | 'environment'
  | 'clusterScope'
  | 'parameters'
  | 'namespace'
> {
  const clusterScope = CLUSTER_SCOPE_MODES.find((mode) => mode === flags.clusterScope);
  const namespace = flags.namespace;
  if (namespace !== undefined && !DNS_LABEL.test(namespace))
    throw new UsageError(
      `--namespace expects a namespace name (lower-case letters, digits and '-', at most 63), got "${namespace}"`,
    );
  return {
    ...(clusterScope === undefined ? {} : { clusterScope }),
    ...(flags.kubectl ? { kubectl: flags.kubectl } : {}),
    ...(flags.allowRemoteBases === true ? { allowRemoteBases: true } : {}),
    ...(flags.followSymlinks === true ? { followSymlinks: true } : {}),
    ...(flags.varFile && flags.varFile.length > 0 ? { varFiles: flags.varFile } : {}),
    ...(flags.var && flags.var.length > 0 ? { vars: parseVars(flags.var) } : {}),
    environment: env,
    ...(flags.parameters && flags.parameters.length > 0 ? { parameters: flags.parameters } : {}),
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
): Promise<{ model: ClusterModel; scopes: readonly ClusterScope[]; unread: UnreadInput[] }> {
  const { config } = loadConfig({ cwd, ...(flags.config ? { explicit: flags.config } : {}) });
  const loaded = await loadInputs(paths.length > 0 ? paths : ['.'], {
    cwd,
    readStdin,
    limits: configuredLimits(config),
    ...inputOptions(flags, streams.env),
  });
  writeDiagnostics(loaded.diagnostics, streams);
  return { model: loaded.model, scopes: loaded.scopes, unread: unreadInputs(loaded.diagnostics) };
}
