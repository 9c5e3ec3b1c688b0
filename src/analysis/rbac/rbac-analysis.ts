/** @module The RBAC analysis of a model over both planes, and its memoised accessor for the commands. */
import type { ClusterModel } from '../../model/index.js';
import type { AccessReport } from './access.js';
import { accessOf } from './access.js';
import type { AzureContext } from './azure-context.js';
import { buildAzureContext } from './azure-context.js';
import type { Decision } from './decide.js';
import { allows, decide, decidedAlike } from './decide.js';
import type { RbacIndex } from './rbac-index.js';
import { buildRbacIndex } from './rbac-index.js';
import type { AccessRequest, UserInfo } from './types.js';
import type { WhoCanResult } from './who-can.js';
import { whoCan } from './who-can.js';

export interface RbacAnalysis {
  readonly index: RbacIndex;
  readonly azure: AzureContext;
  canI(user: UserInfo, request: AccessRequest): Decision;
  /** `canI(user, request).verdict === 'allowed'`, without building the decision (for probes, mostly denied). */
  allows(user: UserInfo, request: AccessRequest): boolean;
  /** An object shared by the users answered alike for every request (`decidedAlike`); undefined for others. */
  decidedAlike(user: UserInfo): object | undefined;
  whoCan(request: AccessRequest): WhoCanResult;
  access(user: UserInfo): AccessReport;
}

export interface AnalyzeOptions {
  /** The cluster whose Azure settings and role assignments apply (by name); defaults to the first. */
  readonly cluster?: string;
}

/** Memoises by key: rules and commands ask the same questions of the same subjects. */
function memo<A, R>(key: (arg: A) => string, compute: (arg: A) => R): (arg: A) => R {
  const cache = new Map<string, R>();
  return (arg) => {
    const k = key(arg);
    let value = cache.get(k);
    if (value === undefined) {
      value = compute(arg);
      cache.set(k, value);
    }
    return value;
  };
}

const userKey = (user: UserInfo): string => JSON.stringify([user.name, [...user.groups].sort()]);

export function analyzeRbac(model: ClusterModel, options: AnalyzeOptions = {}): RbacAnalysis {
  const index = buildRbacIndex(model.objects);
  const azure = buildAzureContext(model, options.cluster);
  return {
    index,
    azure,
    canI: (user, request) => decide(index, azure, user, request),
    allows: (user, request) => allows(index, azure, user, request),
    decidedAlike: (user) => decidedAlike(index, user),
    whoCan: memo(
      (request: AccessRequest) => JSON.stringify(request),
      (request) => whoCan(index, azure, request),
    ),
    access: memo(userKey, (user) => accessOf(index, azure, user)),
  };
}

const cache = new WeakMap<ClusterModel, RbacAnalysis>();

/**
 * The analysis of a model, computed once per model object, for callers outside a scan (the commands);
 * rules get theirs from the engine, through their context.
 */
export function rbacAnalysisOf(model: ClusterModel): RbacAnalysis {
  let analysis = cache.get(model);
  if (!analysis) {
    analysis = analyzeRbac(model);
    cache.set(model, analysis);
  }
  return analysis;
}
