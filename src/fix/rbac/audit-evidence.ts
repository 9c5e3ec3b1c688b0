/**
 * @module Audit events as the requests each identity was allowed, and the ones it was refused. The
 * event shape is declared here structurally (the fix room does not import loaders): the audit-log
 * loader's `AuditLog` satisfies it.
 */
import type { SourceLocation } from '../../model/index.js';
import type { AccessRequest, UserInfo } from '../../analysis/rbac/types.js';
import { splitServiceAccount, userInfo } from '../../analysis/rbac/user-info.js';

interface EvidenceUser {
  readonly username: string;
  readonly groups: readonly string[];
}

export interface AuditEvidenceEvent {
  readonly auditID: string;
  readonly verb: string;
  readonly user: EvidenceUser;
  readonly impersonatedUser?: EvidenceUser;
  readonly objectRef?: {
    readonly apiGroup: string;
    readonly resource: string;
    readonly subresource: string;
    readonly namespace: string;
    readonly name: string;
  };
  readonly requestURI: string;
  readonly responseCode?: number;
  readonly decision?: string;
  readonly timestamp?: string;
  readonly at: SourceLocation;
}

export interface AuditEvidence {
  readonly files: readonly string[];
  readonly events: readonly AuditEvidenceEvent[];
}

/** One request an identity made, aggregated over its events. */
export interface UsedRequest {
  readonly user: UserInfo;
  readonly request: AccessRequest;
  readonly count: number;
  readonly first?: string;
  readonly last?: string;
  /** The first event's line. */
  readonly at: SourceLocation;
}

export interface EvidenceWindow {
  readonly events: number;
  readonly first?: string;
  readonly last?: string;
  readonly files: readonly string[];
}

export interface AuditedUsage {
  readonly window: EvidenceWindow;
  /** Allowed requests (the rights to preserve), in first-seen order. */
  readonly allowed: readonly UsedRequest[];
  /** Requests authorization refused: not rights to preserve, but the identity tried them. */
  readonly forbidden: readonly UsedRequest[];
  /** 401 responses: say nothing about any identity's rights. */
  readonly unauthenticated: number;
}

const BUILT_IN_GROUPS = new Set(['system:authenticated', 'system:unauthenticated']);

function requestOf(event: AuditEvidenceEvent): AccessRequest {
  const ref = event.objectRef;
  if (ref === undefined) {
    const query = event.requestURI.indexOf('?');
    return {
      kind: 'non-resource',
      verb: event.verb,
      path: query < 0 ? event.requestURI : event.requestURI.slice(0, query),
    };
  }
  return {
    kind: 'resource',
    verb: event.verb,
    apiGroup: ref.apiGroup,
    resource: ref.resource,
    subresource: ref.subresource,
    name: ref.name,
    namespace: ref.namespace,
  };
}

/**
 * Impersonation is authorized as its own requests of the caller: `impersonate` on the user (or the
 * service account, in its namespace) and on every group it asserts (`system:authenticated` is added by
 * the API server, not asserted).
 */
function impersonationRequests(target: EvidenceUser): AccessRequest[] {
  const account = splitServiceAccount(target.username);
  const base = { kind: 'resource', verb: 'impersonate', apiGroup: '', subresource: '' } as const;
  const out: AccessRequest[] = [
    account
      ? { ...base, resource: 'serviceaccounts', name: account.name, namespace: account.namespace }
      : { ...base, resource: 'users', name: target.username, namespace: '' },
  ];
  for (const group of target.groups) {
    if (BUILT_IN_GROUPS.has(group) || (account && group.startsWith('system:serviceaccounts'))) continue;
    out.push({ ...base, resource: 'groups', name: group, namespace: '' });
  }
  return out;
}

export const isRefused = (event: AuditEvidenceEvent): boolean =>
  event.decision === 'forbid' || (event.decision === undefined && event.responseCode === 403);

class Tally {
  private readonly items = new Map<string, { -readonly [K in keyof UsedRequest]: UsedRequest[K] }>();

  add(user: EvidenceUser, request: AccessRequest, event: AuditEvidenceEvent): void {
    const key = JSON.stringify([user.username, request]);
    const seen = this.items.get(key);
    const time = event.timestamp;
    if (seen === undefined) {
      this.items.set(key, {
        user: userInfo(user.username, user.groups),
        request,
        count: 1,
        ...(time === undefined ? {} : { first: time, last: time }),
        at: event.at,
      });
      return;
    }
    seen.count += 1;
    if (seen.user.groups.length < user.groups.length) seen.user = userInfo(user.username, user.groups);
    if (time !== undefined) {
      if (seen.first === undefined || time < seen.first) seen.first = time;
      if (seen.last === undefined || time > seen.last) seen.last = time;
    }
  }

  list(): UsedRequest[] {
    return [...this.items.values()];
  }
}

export function auditedUsage(evidence: AuditEvidence): AuditedUsage {
  const allowed = new Tally();
  const forbidden = new Tally();
  let unauthenticated = 0;
  let first: string | undefined;
  let last: string | undefined;
  for (const event of evidence.events) {
    if (event.timestamp !== undefined) {
      if (first === undefined || event.timestamp < first) first = event.timestamp;
      if (last === undefined || event.timestamp > last) last = event.timestamp;
    }
    if (event.responseCode === 401) {
      unauthenticated += 1;
      continue;
    }
    const target = event.impersonatedUser ?? event.user;
    const tally = isRefused(event) ? forbidden : allowed;
    tally.add(target, requestOf(event), event);
    if (event.impersonatedUser && !isRefused(event)) {
      for (const request of impersonationRequests(event.impersonatedUser))
        allowed.add(event.user, request, event);
    }
  }
  return {
    window: {
      events: evidence.events.length,
      ...(first === undefined ? {} : { first }),
      ...(last === undefined ? {} : { last }),
      files: evidence.files,
    },
    allowed: allowed.list(),
    forbidden: forbidden.list(),
    unauthenticated,
  };
}
