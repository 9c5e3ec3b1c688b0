/** @module no-overprivileged-workload: a workload's own service account cannot read secrets, run code or escalate. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import type { Capability, RbacRuleAnalysis, UserMatch } from '../kit/analyses.js';
import type { WorkloadIdentity } from './workload-subjects.js';
import { workloadIdentities } from './workload-subjects.js';

/** `read secrets: get secrets via RoleBinding/shop/x (…) rule 1 of Role/shop/y (…)`. */
function describeCapability(
  analysis: RbacRuleAnalysis,
  capability: Capability,
  matches: readonly UserMatch[],
): string {
  const [first] = matches;
  const grant = first?.decision.kubernetes.grants[0];
  const why = first?.decision.kubernetes.superuser
    ? 'system:masters'
    : first?.decision.rbacOff
      ? 'Kubernetes RBAC is off'
      : grant
        ? `via ${analysis.describeBinding(grant.binding)}, ${analysis.describeEffectiveRule(grant.rule)}`
        : 'allowed';
  return `${capability.label} (${matches.map((m) => analysis.describeProbe(m.probe)).join(', ')}; ${why})`;
}

function capabilitiesOf(analysis: RbacRuleAnalysis, identity: WorkloadIdentity): string[] {
  const { CLUSTER_ADMIN, SECRET_READ, POD_CREATE, WORKLOAD_CREATE, POD_EXEC, ESCALATION } = analysis.probes;
  const found: string[] = [];
  for (const capability of [CLUSTER_ADMIN, SECRET_READ, POD_CREATE, WORKLOAD_CREATE, POD_EXEC, ESCALATION]) {
    const matches = analysis.userCapability(identity.user, identity.workload.namespace, capability);
    if (matches.length > 0) found.push(describeCapability(analysis, capability, matches));
    if (capability === CLUSTER_ADMIN && matches.length > 0) break;
  }
  return found;
}

export default defineRule({
  id: 'no-overprivileged-workload',
  title: "A workload's own service account cannot read secrets, create pods, exec or escalate",
  surface: 'k8s-rbac',
  severity: 'critical',
  rationale:
    'A compromised pod hands the attacker its service account token. If that account can read secrets, create ' +
    'pods or workloads, exec into pods or escalate, one exploited container becomes every credential of the ' +
    "namespace, or the cluster: the hardening guidance's worked breach. Service accounts get no opinion from Azure RBAC, so " +
    'Kubernetes RBAC alone decides, through direct bindings and the groups every token carries.',
  remediation: {
    summary:
      'Give the workload a dedicated service account bound to only the verbs its code uses, and remove secret, pod and escalation grants from it.',
    manifest: 'A Role with the exact verbs, bound to system:serviceaccount:<ns>:<workload> only',
  },
  reads: ['manifests'],
  peers: { kubescape: ['C-0267'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.rolloutOrder,
    GUIDANCE.verification,
    {
      title: 'Kubernetes: RBAC good practices',
      url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    },
  ],
  since: '0.1.0',
  needs: ['rbac'],
  check(context) {
    const analysis = context.analyses.rbac;
    for (const identity of workloadIdentities(analysis)) {
      const { subject, user, workload } = identity;
      const base = { subject, path: identity.serviceAccountPath };
      const found = capabilitiesOf(analysis, identity);
      if (found.length === 0) {
        context.report({
          ...base,
          status: 'pass',
          message: `${subject.display} runs as ${user.name}, which cannot read secrets, run code or escalate.`,
        });
        continue;
      }
      const token = analysis.tokenMount(workload);
      const mounted =
        token.mounted === false
          ? `its token is not mounted (${token.basis}), but any pod naming the account gets it`
          : `its token is mounted (${token.basis})`;
      context.report({
        ...base,
        ...(token.mounted === false
          ? {
              severity: 'medium' as const,
              severityReason: 'the token is not mounted: only a pod that names the account gets the rights',
            }
          : {}),
        message: `${subject.display} runs as ${user.name}, which can ${found.join('; ')}; ${mounted}.`,
      });
    }
  },
});
