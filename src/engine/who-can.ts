/** @module The `who-can` verb: every subject (and the workloads running as it) that may make a request, with evidence. */
import type { ClusterModel } from '../model/index.js';
import { analyzeRbac } from '../analysis/rbac/rbac-analysis.js';
import type { WhoCanResult } from '../analysis/rbac/who-can.js';
import type { RequestWords } from './rbac-request.js';
import { requestOf } from './rbac-request.js';

export type { WhoCanResult } from '../analysis/rbac/who-can.js';

export interface WhoCanQuery extends Omit<RequestWords, 'name'> {
  /** The cluster whose Azure settings and role assignments apply (by name), when the inputs hold several. */
  readonly cluster?: string;
}

/** The subjects, and what was assumed reading the request. */
export type WhoCanAnswer = WhoCanResult & { readonly warnings: readonly string[] };

export function whoCan(model: ClusterModel, query: WhoCanQuery): WhoCanAnswer {
  const { request, warnings } = requestOf(query);
  const analysis = analyzeRbac(model, query.cluster === undefined ? {} : { cluster: query.cluster });
  return { ...analysis.whoCan(request), warnings };
}
