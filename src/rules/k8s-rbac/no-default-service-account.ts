/** @module no-default-service-account: workloads run as a dedicated service account; the default one has no bindings. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import type { RuleContext } from '../define-rule.js';
import type { RbacRuleAnalysis } from '../kit/analyses.js';
import { manifestBindings } from './rbac-report.js';
import { workloadIdentities } from './workload-subjects.js';

function checkWorkloads(context: RuleContext<unknown>, analysis: RbacRuleAnalysis): void {
  for (const { workload, subject, serviceAccountPath } of workloadIdentities(analysis)) {
    const base = { subject, path: serviceAccountPath };
    if (workload.serviceAccountName !== 'default') {
      context.report({
        ...base,
        status: 'pass',
        message: `${subject.display} runs as its own service account ${workload.serviceAccountName}.`,
      });
      continue;
    }
    const how =
      serviceAccountPath.at(-1) === 'serviceAccountName'
        ? 'names'
        : 'does not name a service account, so it runs as';
    context.report({
      ...base,
      message: `${subject.display} ${how} the default service account of namespace ${workload.namespace}, shared by every pod that names none.`,
    });
  }
}

function checkBindings(context: RuleContext<unknown>, analysis: RbacRuleAnalysis): void {
  for (const item of manifestBindings(analysis)) {
    const namespace = analysis.bindingNamespace(item.binding);
    const defaults = item.binding.subjects.filter(
      (s) => analysis.subjectServiceAccount(s, namespace)?.name === 'default',
    );
    for (const subject of defaults) {
      const account = analysis.subjectServiceAccount(subject, namespace);
      context.report({
        subject: item.subject,
        path: ['subjects', subject.index],
        message: `${item.subject.display} binds ${item.binding.roleRef.kind}/${item.binding.roleRef.name} to the default service account of namespace ${account?.namespace ?? namespace}: every pod there that names no service account inherits it.`,
      });
    }
  }
}

export default defineRule({
  id: 'no-default-service-account',
  title: 'Workloads use a dedicated service account, and the default service account has no bindings',
  surface: 'k8s-rbac',
  severity: 'medium',
  rationale:
    'Every pod that names no service account runs as the namespace default, so a permission granted to the ' +
    'default account is granted to every such pod, today and tomorrow, including the public front end an ' +
    'attacker lands in. The hardening guidance asks for one service account per workload, bound to exactly what its code ' +
    'uses, and a default account with no role bindings, so that inheriting it grants nothing.',
  remediation: {
    summary:
      'Create a ServiceAccount per workload, set spec.serviceAccountName, and remove every binding that names the default service account.',
    manifest: 'spec.template.spec.serviceAccountName: <workload-name>',
  },
  reads: ['manifests'],
  peers: { checkov: ['CKV_K8S_41', 'CKV_K8S_42'], cis: ['4.1.5'] },
  references: [
    GUIDANCE.checklist,
    {
      title: 'Kubernetes: Service accounts',
      url: 'https://kubernetes.io/docs/concepts/security/service-accounts/',
    },
  ],
  since: '0.1.0',
  needs: ['rbac'],
  check(context) {
    const analysis = context.analyses.rbac;
    checkWorkloads(context, analysis);
    checkBindings(context, analysis);
  },
});
