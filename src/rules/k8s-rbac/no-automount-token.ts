/** @module no-automount-token: pods whose service account has no permission do not mount its token. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { ownGrants, workloadIdentities } from './workload-subjects.js';

export default defineRule({
  id: 'no-automount-token',
  title: 'Pods that do not call the API do not mount a service-account token',
  surface: 'k8s-rbac',
  severity: 'high',
  rationale:
    'Every pod gets its service account token mounted unless told otherwise, and the token is the identity an ' +
    'attacker inherits the instant the pod is compromised: a bearer credential valid against the API server ' +
    '(for up to a year with the default token extension). A pod whose service account holds no permission ' +
    'does not call the API, so the token is pure exposure; set automountServiceAccountToken: false.',
  remediation: {
    summary:
      'Set automountServiceAccountToken: false on the pod spec (or on its ServiceAccount) for pods that do not call the Kubernetes API.',
    manifest: 'spec.template.spec.automountServiceAccountToken: false',
  },
  reads: ['manifests'],
  peers: { checkov: ['CKV_K8S_38'], cis: ['4.1.6'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.verification,
    {
      title: 'Kubernetes: Configure Service Accounts for Pods (opt out of automounting)',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    },
  ],
  since: '0.1.0',
  needs: ['rbac'],
  check(context) {
    const analysis = context.analyses.rbac;
    for (const identity of workloadIdentities(analysis)) {
      const { workload, subject, user } = identity;
      const token = analysis.tokenMount(workload);
      const path = [...workload.podSpecPath, 'automountServiceAccountToken'];
      const base = { subject, path };
      if (token.mounted === undefined) {
        context.report({
          ...base,
          status: 'not-assessed',
          message: `${subject.display}: ${token.basis}, so whether the token is mounted is unknown.`,
        });
        continue;
      }
      if (!token.mounted) {
        context.report({
          ...base,
          status: 'pass',
          message: `${subject.display} does not mount its token (${token.basis}).`,
        });
        continue;
      }
      const grants = ownGrants(analysis, user);
      if (grants.rules.length > 0) {
        const message = `${subject.display} mounts the token of ${user.name}, which holds permissions, so the pods presumably call the API (see no-overprivileged-workload).`;
        context.report({ ...base, status: 'pass', message });
      } else if (grants.unresolved.length > 0) {
        const message = `${subject.display} mounts the token of ${user.name}; its bindings reference roles missing from the inputs (${grants.unresolved.map((u) => u.reason).join('; ')}).`;
        context.report({ ...base, status: 'not-assessed', message });
      } else {
        const message = `${subject.display} mounts the token of ${user.name} (${token.basis}), which holds no permission: the pods do not call the API, and the token only serves an attacker.`;
        context.report({ ...base, message });
      }
    }
  },
});
