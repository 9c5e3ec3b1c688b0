/** @module `aksward access SUBJECT [--as-group G]...`: everything a subject can do, namespaced and cluster-wide. */
import type { ClusterModel } from '../model/index.js';
import { accessJson, accessText } from '../analysis/rbac/format-access.js';
import { analyzeRbac } from '../analysis/rbac/rbac-analysis.js';
import { userInfo } from '../analysis/rbac/user-info.js';
import type { RbacStreams } from './can-i-command.js';
import { USAGE_ERROR, checkFormat } from './can-i-command.js';

export interface AccessFlags {
  readonly asGroup?: readonly string[];
  readonly cluster?: string;
  readonly format?: string;
}

export function accessCommand(
  model: ClusterModel,
  subject: string,
  flags: AccessFlags,
  streams: RbacStreams,
): number {
  if (!checkFormat(flags.format, streams)) return USAGE_ERROR;
  if (subject.trim() === '') {
    streams.err('aksward: access needs a username (service accounts: system:serviceaccount:<ns>:<name>)\n');
    return USAGE_ERROR;
  }
  const analysis = analyzeRbac(model, flags.cluster === undefined ? {} : { cluster: flags.cluster });
  const report = analysis.access(userInfo(subject.trim(), flags.asGroup ?? []));
  streams.out(
    flags.format === 'json' ? `${JSON.stringify(accessJson(report), null, 2)}\n` : accessText(report),
  );
  return 0;
}
