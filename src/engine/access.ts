/** @module The `access` verb: everything a user or service account may do, namespaced and cluster-wide, over both RBAC planes. */
import type { ClusterModel } from '../model/index.js';
import type { AccessReport } from '../analysis/rbac/access.js';
import { analyzeRbac } from '../analysis/rbac/rbac-analysis.js';
import { userInfo } from '../analysis/rbac/user-info.js';

export type { AccessReport } from '../analysis/rbac/access.js';

export interface AccessQuery {
  /** The username; service accounts are `system:serviceaccount:<ns>:<name>`. */
  readonly user: string;
  readonly groups?: readonly string[];
  /** The cluster whose Azure settings and role assignments apply (by name), when the inputs hold several. */
  readonly cluster?: string;
}

export function access(model: ClusterModel, query: AccessQuery): AccessReport {
  const analysis = analyzeRbac(model, query.cluster === undefined ? {} : { cluster: query.cluster });
  return analysis.access(userInfo(query.user.trim(), query.groups ?? []));
}
