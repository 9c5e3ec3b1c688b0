/** @module no-wildcard-rules: Roles and ClusterRoles name their verbs and resources instead of `*`. */
import { objectSubject } from '../../model/index.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { manifestRoles } from './rbac-report.js';

/** `*` and `*∕<sub>` are wildcards to the authorizer; `pods/*` is a literal name and grants nothing more. */
const isWildcardResource = (resource: string): boolean => resource === '*' || resource.startsWith('*/');

export default defineRule({
  id: 'no-wildcard-rules',
  title: 'Roles use no `*` verbs or resources',
  surface: 'k8s-rbac',
  severity: 'high',
  rationale:
    'A `*` verb grants escalate, bind, impersonate and every verb added later; a `*` resource covers every ' +
    'subresource (pods/exec, nodes/proxy, serviceaccounts/token) and every custom resource installed in the ' +
    'future. A role written with wildcards silently grows with the cluster, so its blast radius cannot be ' +
    'reviewed: the hardening guidance asks for the narrowest verbs on the narrowest resources.',
  remediation: {
    summary: 'List the verbs and resources the subject needs; never `*`.',
    manifest: 'rules: [{ apiGroups: [apps], resources: [deployments], verbs: [get, list, watch, update] }]',
  },
  reads: ['manifests'],
  peers: { checkov: ['CKV_K8S_49'], cis: ['4.1.3'] },
  references: [
    GUIDANCE.checklist,
    {
      title: 'Kubernetes: RBAC good practices',
      url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    },
  ],
  since: '0.1.0',
  needs: ['rbac'],
  check(context) {
    const analysis = context.analyses.rbac;
    for (const { role, object } of manifestRoles(analysis)) {
      const subject = objectSubject(object);
      // An aggregated ClusterRole's rules are written by the aggregation controller, not by its author.
      if (role.aggregationSelectors !== undefined) continue;
      let flagged = 0;
      for (const [index, rule] of role.rules.entries()) {
        const verbs = rule.verbs.includes('*');
        const resources = rule.resources.some(isWildcardResource);
        if (!verbs && !resources) continue;
        flagged += 1;
        const what = [verbs ? '`*` verbs' : '', resources ? '`*` resources' : '']
          .filter((w) => w !== '')
          .join(' and ');
        const message = `${subject.display} rule ${index + 1} grants ${what}: ${analysis.describeRule(rule)}.`;
        context.report({ subject, path: ['rules', index, verbs ? 'verbs' : 'resources'], message });
      }
      if (flagged === 0) {
        const message = `${subject.display} names its verbs and resources.`;
        context.report({ subject, path: ['rules'], status: 'pass', message });
      }
    }
  },
});
