/** @module no-secret-read: get, list and watch on secrets are granted only where needed, never cluster-wide. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { bindingScope, checkBindingCapability, describeMatches, describeSubjects } from './rbac-report.js';

export default defineRule({
  id: 'no-secret-read',
  title: 'Secret read (get, list, watch) is granted only where needed, never cluster-wide',
  surface: 'k8s-rbac',
  severity: 'high',
  rationale:
    'A Secret is base64, not encryption: whoever can get, list or watch secrets reads every credential stored ' +
    'there in plain text, and list and watch return whole objects, values included. Service-account token ' +
    'secrets turn that read into the identity of every service account of the namespace. Cluster-wide, it is ' +
    'every credential of every tenant. Restrict secret read to named secrets (resourceNames) in one namespace.',
  remediation: {
    summary:
      'Drop secrets from the role, or grant get on the named secrets the workload reads (resourceNames) through a RoleBinding in its namespace.',
    manifest: "rules: [{ apiGroups: [''], resources: [secrets], resourceNames: [app-config], verbs: [get] }]",
  },
  reads: ['manifests'],
  peers: { checkov: ['CKV2_K8S_5'], cis: ['4.1.2'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.verification,
    {
      title: 'Kubernetes: Good practices for Secrets',
      url: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    },
  ],
  since: '0.1.0',
  needs: ['rbac'],
  check(context) {
    const analysis = context.analyses.rbac;
    checkBindingCapability(
      context,
      analysis.probes.SECRET_READ,
      { what: 'read secrets', namespacedSeverity: 'medium' },
      (item, matches) => {
        const namespaced = item.binding.kind === 'RoleBinding';
        context.report({
          subject: item.subject,
          path: ['roleRef'],
          ...(namespaced
            ? {
                severity: 'medium' as const,
                severityReason: 'a RoleBinding grants the read in one namespace only, not cluster-wide',
              }
            : {}),
          message: `${item.subject.display} lets ${describeSubjects(analysis, item.binding)} read secrets ${bindingScope(item.binding)}: ${describeMatches(analysis, matches)}.`,
        });
      },
    );
  },
});
