/** @module no-overprivileged-workload: a workload's own service account cannot read secrets, run code or escalate. */
import type { Capability, UserMatch } from '../../analysis/rbac/capabilities.js';
import {
  CLUSTER_ADMIN,
  ESCALATION,
  POD_CREATE,
  POD_EXEC,
  SECRET_READ,
  WORKLOAD_CREATE,
  describeProbe,
  userCapability,
} from '../../analysis/rbac/capabilities.js';
import { rbacAnalysisOf } from '../../analysis/rbac/rbac-analysis.js';
import type { RbacAnalysis } from '../../analysis/rbac/rbac-analysis.js';
import { tokenMount } from '../../analysis/rbac/workload-identity.js';
import { describeBinding, describeEffectiveRule } from '../../analysis/rbac/types.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import type { WorkloadIdentity } from './workload-subjects.js';
import { workloadIdentities } from './workload-subjects.js';

const CAPABILITIES: readonly Capability[] = [
  CLUSTER_ADMIN,
  SECRET_READ,
  POD_CREATE,
  WORKLOAD_CREATE,
  POD_EXEC,
  ESCALATION,
];

/** `read secrets: get secrets via RoleBinding/shop/x (…) rule 1 of Role/shop/y (…)`. */
function describeCapability(capability: Capability, matches: readonly UserMatch[]): string {
  const [first] = matches;
  const grant = first?.decision.kubernetes.grants[0];
  const why = first?.decision.kubernetes.superuser
    ? 'system:masters'
    : first?.decision.rbacOff
      ? 'Kubernetes RBAC is off'
      : grant
        ? `via ${describeBinding(grant.binding)}, ${describeEffectiveRule(grant.rule)}`
        : 'allowed';
  return `${capability.label} (${matches.map((m) => describeProbe(m.probe)).join(', ')}; ${why})`;
}

function capabilitiesOf(analysis: RbacAnalysis, identity: WorkloadIdentity): string[] {
  const found: string[] = [];
  for (const capability of CAPABILITIES) {
    const matches = userCapability(analysis, identity.user, identity.workload.namespace, capability);
    if (matches.length > 0) found.push(describeCapability(capability, matches));
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
  check(context) {
    const analysis = rbacAnalysisOf(context.model);
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
      const token = tokenMount(analysis.index, workload);
      const mounted =
        token.mounted === false
          ? `its token is not mounted (${token.basis}), but any pod naming the account gets it`
          : `its token is mounted (${token.basis})`;
      context.report({
        ...base,
        ...(token.mounted === false ? { severity: 'medium' as const } : {}),
        message: `${subject.display} runs as ${user.name}, which can ${found.join('; ')}; ${mounted}.`,
      });
    }
  },
});
