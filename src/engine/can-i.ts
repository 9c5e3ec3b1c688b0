/** @module The `can-i` verb: may this user (with these groups) make this request, over both RBAC planes, with the evidence. */
import type { ClusterModel } from '../model/index.js';
import type { Decision } from '../analysis/rbac/decide.js';
import { analyzeRbac } from '../analysis/rbac/rbac-analysis.js';
import { userInfo } from '../analysis/rbac/user-info.js';
import type { RequestWords } from './rbac-request.js';
import { requestOf } from './rbac-request.js';

export type { Decision, Verdict } from '../analysis/rbac/decide.js';

export interface CanIQuery extends RequestWords {
  /** The username; service accounts are `system:serviceaccount:<ns>:<name>`. */
  readonly user: string;
  readonly groups?: readonly string[];
  /** The cluster whose Azure settings and role assignments apply (by name), when the inputs hold several. */
  readonly cluster?: string;
}

/** The decision (`allowed`, `denied`, or `unknown` with the open questions), and what was assumed reading the request. */
export type CanIAnswer = Decision & { readonly warnings: readonly string[] };

export function canI(model: ClusterModel, query: CanIQuery): CanIAnswer {
  const { request, warnings } = requestOf(query);
  const analysis = analyzeRbac(model, query.cluster === undefined ? {} : { cluster: query.cluster });
  return { ...analysis.canI(userInfo(query.user, query.groups ?? []), request), warnings };
}
