/**
 * @module Audited identities the model's RBAC does not know: no binding names the user, its service
 * account or one of its own groups (the groups every identity has do not count). Their events stay
 * usable; the diagnostic says the inputs may miss bindings, or the log comes from another cluster.
 */
import type { RbacAnalysis } from '../../analysis/rbac/rbac-analysis.js';
import { bindingsOfUser } from '../../analysis/rbac/rbac-index.js';
import type { UserInfo } from '../../analysis/rbac/types.js';
import {
  ALL_SERVICE_ACCOUNTS,
  AUTHENTICATED,
  MASTERS,
  UNAUTHENTICATED,
} from '../../analysis/rbac/user-info.js';
import type { AuditedUsage, UsedRequest } from './audit-evidence.js';
import type { NarrowingDiagnostic } from './types.js';

const isUniversalGroup = (group: string): boolean =>
  group === AUTHENTICATED ||
  group === UNAUTHENTICATED ||
  group === ALL_SERVICE_ACCOUNTS ||
  group.startsWith(`${ALL_SERVICE_ACCOUNTS}:`);

export function isKnownSubject(analysis: RbacAnalysis, user: UserInfo): boolean {
  if (user.groups.includes(MASTERS)) return true;
  return bindingsOfUser(analysis.index, user).some(
    ({ subject }) => !(subject.kind === 'Group' && isUniversalGroup(subject.name)),
  );
}

/**
 * AKS's own control-plane identities: controllers' service accounts in kube-system, `system:kube-*`,
 * nodes. Their bindings are the cluster's bootstrap RBAC, which no input holds: their events are
 * expected, not a sign of a wrong log (info). Any other identity is a warning.
 */
export function isPlatformIdentity(name: string): boolean {
  return (
    name.startsWith('system:serviceaccount:kube-system:') ||
    name.startsWith('system:kube-') ||
    name.startsWith('system:node:') ||
    name === 'system:apiserver'
  );
}

export function diagnoseSubjects(analysis: RbacAnalysis, usage: AuditedUsage): NarrowingDiagnostic[] {
  const byUser = new Map<string, { first: UsedRequest; events: number }>();
  for (const used of [...usage.allowed, ...usage.forbidden]) {
    const seen = byUser.get(used.user.name);
    if (seen) seen.events += used.count;
    else byUser.set(used.user.name, { first: used, events: used.count });
  }
  const out: NarrowingDiagnostic[] = [];
  for (const [name, { first, events }] of byUser) {
    if (isKnownSubject(analysis, first.user)) continue;
    out.push({
      code: 'unknown-subject',
      ...(isPlatformIdentity(name)
        ? {
            level: 'info' as const,
            message: `${name} (${events} audit events) is a platform identity the inputs hold no binding for (AKS keeps its RBAC); its events are kept`,
          }
        : {
            level: 'warning' as const,
            message: `${name} (${events} audit events) is named by no binding in the inputs: its rights come from objects the inputs lack (or the log is from another cluster); its events are kept`,
          }),
      file: first.at.file,
      line: first.at.line,
      events,
    });
  }
  return out;
}
