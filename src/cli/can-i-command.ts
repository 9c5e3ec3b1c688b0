/** @module `aksward can-i VERB RESOURCE[/SUB] [NAME] --as USER`: yes or no on the first line, then the evidence. */
import type { ClusterModel } from '../model/index.js';
import { canIJson, canIText } from '../analysis/rbac/format-answers.js';
import { parseRequest } from '../analysis/rbac/parse-request.js';
import { analyzeRbac } from '../analysis/rbac/rbac-analysis.js';
import { userInfo } from '../analysis/rbac/user-info.js';

/** The shape of the CLI's streams (structural, so any `Streams` object fits). */
export interface RbacStreams {
  out(s: string): void;
  err(s: string): void;
  readonly stdoutIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface CanIArgs {
  readonly verb: string;
  readonly resource: string;
  readonly name?: string;
}

export interface CanIFlags {
  readonly namespace?: string;
  readonly allNamespaces?: boolean;
  readonly as?: string;
  readonly asGroup?: readonly string[];
  /** The cluster whose Azure settings and role assignments apply, when the inputs hold several. */
  readonly cluster?: string;
  readonly format?: string;
}

export const USAGE_ERROR = 2;

/** Checks `--format`; writes the error and returns false when it is not text or json. */
export function checkFormat(
  format: string | undefined,
  streams: RbacStreams,
): format is 'text' | 'json' | undefined {
  if (format === undefined || format === 'text' || format === 'json') return true;
  streams.err(`aksward: unknown format "${format}" (expected text or json)\n`);
  return false;
}

/** Exit code 0 for yes, 1 for no (an undecided answer is a no, with what would decide it), 2 for usage errors. */
export function canICommand(
  model: ClusterModel,
  args: CanIArgs,
  flags: CanIFlags,
  streams: RbacStreams,
): number {
  if (!checkFormat(flags.format, streams)) return USAGE_ERROR;
  if (flags.as === undefined || flags.as === '') {
    streams.err(
      'aksward: can-i needs --as <username> (service accounts: system:serviceaccount:<ns>:<name>)\n',
    );
    return USAGE_ERROR;
  }
  const parsed = parseRequest({
    verb: args.verb,
    resource: args.resource,
    ...(args.name === undefined ? {} : { name: args.name }),
    ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
    allNamespaces: flags.allNamespaces === true,
  });
  if (!parsed.ok) {
    streams.err(`aksward: ${parsed.error}\n`);
    return USAGE_ERROR;
  }
  for (const warning of parsed.warnings) streams.err(`aksward: ${warning}\n`);
  const analysis = analyzeRbac(model, flags.cluster === undefined ? {} : { cluster: flags.cluster });
  const decision = analysis.canI(userInfo(flags.as, flags.asGroup ?? []), parsed.request);
  streams.out(
    flags.format === 'json' ? `${JSON.stringify(canIJson(decision), null, 2)}\n` : canIText(decision),
  );
  return decision.verdict === 'allowed' ? 0 : 1;
}
