/** @module no-dangerous-subjects: nothing is bound to anonymous, unauthenticated, every authenticated user, or system:masters. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import type { RbacRuleAnalysis, RbacSubject } from '../kit/analyses.js';
import { manifestBindings } from './rbac-report.js';

/** Why each subject is dangerous to bind, by `<kind>:<name>`: a Map, so a subject named `constructor` finds nothing. */
function dangerousSubjects({ groups }: RbacRuleAnalysis): ReadonlyMap<string, string> {
  return new Map([
    [`User:${groups.ANONYMOUS}`, 'every request without credentials'],
    [`Group:${groups.UNAUTHENTICATED}`, 'every request without credentials'],
    [
      `Group:${groups.AUTHENTICATED}`,
      'every identity the cluster accepts: every Entra user of the tenant that can get a token, and every service-account token',
    ],
    [
      `Group:${groups.MASTERS}`,
      'a group that already bypasses RBAC; binding it hides who is meant to be an admin',
    ],
  ]);
}

export default defineRule({
  id: 'no-dangerous-subjects',
  title:
    'Nothing is bound to system:anonymous, system:unauthenticated, system:authenticated or system:masters',
  surface: 'k8s-rbac',
  severity: 'critical',
  rationale:
    'A binding to system:anonymous or system:unauthenticated grants its role to the internet wherever the API ' +
    'server is reachable. system:authenticated is not "our team": it is every identity the cluster accepts, ' +
    'every service-account token of every pod included, so a compromised pod inherits the role. system:masters ' +
    'bypasses RBAC altogether; a binding that names it signals a misunderstanding of who is admin.',
  remediation: {
    summary: 'Bind roles to named Entra groups or dedicated service accounts, never to the system groups.',
    manifest: 'subjects: [{ kind: Group, name: <entra-group-object-id> }]',
  },
  reads: ['manifests'],
  peers: { trivy: ['AVD-KSV-0122', 'AVD-KSV-0123'] },
  references: [
    GUIDANCE.checklist,
    {
      title: 'Kubernetes: Authenticating (anonymous requests, system groups)',
      url: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/',
    },
  ],
  since: '0.1.0',
  needs: ['rbac'],
  check(context) {
    const analysis = context.analyses.rbac;
    const reasons = dangerousSubjects(analysis);
    const reasonFor = (subject: RbacSubject): string | undefined =>
      reasons.get(`${subject.kind}:${subject.name}`);
    for (const item of manifestBindings(analysis)) {
      const resolution = analysis.resolveRoleRef(item.binding);
      const role = resolution.ok
        ? analysis.describeRole(resolution.role)
        : `${item.binding.roleRef.kind}/${item.binding.roleRef.name}`;
      const dangerous = item.binding.subjects.filter((s) => reasonFor(s) !== undefined);
      for (const subject of dangerous) {
        context.report({
          subject: item.subject,
          path: ['subjects', subject.index],
          message: `${item.subject.display} grants ${role} to ${subject.kind} ${subject.name}: ${reasonFor(subject) ?? ''}.`,
        });
      }
      if (dangerous.length === 0) {
        context.report({
          subject: item.subject,
          path: ['subjects'],
          status: 'pass',
          message: `${item.subject.display} names no system group.`,
        });
      }
    }
  },
});
