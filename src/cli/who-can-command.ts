/** @module `aksward who-can VERB RESOURCE[/SUB] [-n NS]`: every subject that can, over both planes, with evidence. */
import type { ClusterModel } from '../model/index.js';
import { whoCanJson, whoCanText } from '../analysis/rbac/format-answers.js';
import { parseRequest } from '../analysis/rbac/parse-request.js';
import { analyzeRbac } from '../analysis/rbac/rbac-analysis.js';
import type { RbacStreams } from './can-i-command.js';
import { USAGE_ERROR, checkFormat } from './can-i-command.js';

export interface WhoCanArgs {
  readonly verb: string;
  readonly resource: string;
}

export interface WhoCanFlags {
  readonly namespace?: string;
  readonly allNamespaces?: boolean;
  readonly cluster?: string;
  readonly format?: string;
}

export function whoCanCommand(
  model: ClusterModel,
  args: WhoCanArgs,
  flags: WhoCanFlags,
  streams: RbacStreams,
): number {
  if (!checkFormat(flags.format, streams)) return USAGE_ERROR;
  const parsed = parseRequest({
    verb: args.verb,
    resource: args.resource,
    ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
    allNamespaces: flags.allNamespaces === true,
  });
  if (!parsed.ok) {
    streams.err(`aksward: ${parsed.error}\n`);
    return USAGE_ERROR;
  }
  for (const warning of parsed.warnings) streams.err(`aksward: ${warning}\n`);
  const analysis = analyzeRbac(model, flags.cluster === undefined ? {} : { cluster: flags.cluster });
  const result = analysis.whoCan(parsed.request);
  streams.out(
    flags.format === 'json' ? `${JSON.stringify(whoCanJson(result), null, 2)}\n` : whoCanText(result),
  );
  return 0;
}
