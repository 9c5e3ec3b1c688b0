/** @module no-cluster-admin-binding: nobody but break-glass holds `*` on `*` (cluster-admin or an equivalent role). */
import * as z from 'zod';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { bindingScope, checkBindingCapability, describeMatches } from './rbac-report.js';

const Options = z.object({
  /** Break-glass subjects allowed to hold it: `Group/aks-break-glass`, `User/alice`, `ServiceAccount/ns/name`. */
  allowedSubjects: z.array(z.string()).default([]),
});

export default defineRule({
  id: 'no-cluster-admin-binding',
  title: 'cluster-admin, or any role that holds `*` on `*`, is bound to nobody but break-glass',
  surface: 'k8s-rbac',
  severity: 'critical',
  rationale:
    'A subject that holds every verb on every resource can read every secret, run any pod on any node and ' +
    'rewrite RBAC itself: whoever steals its credential, token or kubeconfig owns the cluster. The hardening ' +
    'guidance reserves cluster-admin for break-glass, bound to no one by default; binding it (or a home-made `*`/`*`/`*` ' +
    'role) to a group "to unblock the team" is how clusters end up with many unintended admins. Through a ' +
    'RoleBinding it makes the subject admin of that namespace, secrets and service accounts included.',
  remediation: {
    summary:
      'Bind a narrow Role scoped to the namespace and verbs the subject needs; keep cluster-admin for a break-glass group outside daily use.',
    manifest: 'roleRef: { kind: Role, name: <narrow-role> }   # instead of ClusterRole/cluster-admin',
  },
  reads: ['manifests'],
  peers: { kubescape: ['C-0035'], cis: ['4.1.1'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.rolloutOrder,
    {
      title: 'Kubernetes: RBAC good practices',
      url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    },
  ],
  since: '0.1.0',
  parseOptions: (raw) => Options.parse(raw ?? {}),
  needs: ['rbac'],
  check(context) {
    const analysis = context.analyses.rbac;
    const allowed = new Set(context.options.allowedSubjects);
    checkBindingCapability(
      context,
      analysis.probes.CLUSTER_ADMIN,
      { what: 'do every verb on every resource', namespacedSeverity: 'high' },
      (item, matches, role) => {
        const { binding } = item;
        const namespaced = binding.kind === 'RoleBinding';
        for (const subject of binding.subjects) {
          const key =
            subject.kind === 'ServiceAccount'
              ? `ServiceAccount/${subject.namespace ?? binding.namespace ?? ''}/${subject.name}`
              : `${subject.kind}/${subject.name}`;
          const who = analysis.describeSubject(subject, binding.namespace);
          const base = { subject: item.subject, path: ['subjects', subject.index] };
          if (allowed.has(key)) {
            context.report({
              ...base,
              status: 'pass',
              message: `${who} is an allowed break-glass subject of ${analysis.describeRole(role)}.`,
            });
            continue;
          }
          context.report({
            ...base,
            ...(namespaced
              ? {
                  severity: 'high' as const,
                  severityReason: 'a RoleBinding grants every verb in one namespace only, not cluster-wide',
                }
              : {}),
            message: `${item.subject.display} gives ${who} every verb on every resource ${bindingScope(binding)}: ${describeMatches(analysis, matches)}.`,
          });
        }
      },
    );
  },
});
