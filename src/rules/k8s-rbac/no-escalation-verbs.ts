/** @module no-escalation-verbs: no bind, escalate, impersonate, nodes/proxy, CSR approval, webhooks, tokens or PV creation. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { bindingScope, checkBindingCapability, describeMatches, describeSubjects } from './rbac-report.js';

export default defineRule({
  id: 'no-escalation-verbs',
  title: 'No escalation verbs: bind, escalate, impersonate, nodes/proxy, CSR approval, webhooks, tokens, PVs',
  surface: 'k8s-rbac',
  severity: 'critical',
  rationale:
    'These permissions grant more than they say. bind and escalate let a subject grant itself any role; ' +
    'impersonate makes it any user, group or service account (system:masters included); nodes/proxy reaches the ' +
    'kubelet API and runs commands in every pod of a node past audit and admission; approving CSRs mints client ' +
    'certificates for any identity; webhook configurations read or rewrite every object admitted; ' +
    'serviceaccounts/token mints tokens; a hostPath PersistentVolume opens the node filesystem.',
  remediation: {
    summary:
      'Remove these verbs from every role held by people or workloads; keep them for the control plane and a break-glass role.',
    manifest:
      'Remove rules granting bind/escalate/impersonate, nodes/proxy, certificatesigningrequests/approval, *webhookconfigurations, serviceaccounts/token, persistentvolumes create',
  },
  reads: ['manifests'],
  peers: { cis: ['4.1.7', '4.1.8', '4.1.9', '4.1.10', '4.1.11', '4.1.12'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Kubernetes: RBAC good practices (privilege escalation risks)',
      url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks',
    },
  ],
  since: '0.1.0',
  needs: ['rbac'],
  check(context) {
    const analysis = context.analyses.rbac;
    checkBindingCapability(context, analysis.probes.ESCALATION, { what: 'escalate' }, (item, matches) => {
      context.report({
        subject: item.subject,
        path: ['roleRef'],
        message: `${item.subject.display} lets ${describeSubjects(analysis, item.binding)} escalate ${bindingScope(item.binding)}: ${describeMatches(analysis, matches)}.`,
      });
    });
  },
});
