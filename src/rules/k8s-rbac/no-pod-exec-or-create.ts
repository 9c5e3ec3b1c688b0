/** @module no-pod-exec-or-create: pod creation, exec, attach and workload-controller creation are limited. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import type { Capability, RbacRuleAnalysis } from '../kit/analyses.js';
import { bindingScope, checkBindingCapability, describeMatches, describeSubjects } from './rbac-report.js';

/** Creating a Deployment, Job or CronJob creates pods through the controller: the same power. */
function runCode({ probes }: RbacRuleAnalysis): Capability {
  return {
    id: 'run-code',
    label: 'create pods, workload controllers, or exec and attach into pods',
    probes: [...probes.POD_CREATE.probes, ...probes.WORKLOAD_CREATE.probes, ...probes.POD_EXEC.probes],
  };
}

export default defineRule({
  id: 'no-pod-exec-or-create',
  title: 'Creating pods or workloads, and exec or attach into pods, are limited',
  surface: 'k8s-rbac',
  severity: 'high',
  rationale:
    'Whoever can create a pod (directly, or through a Deployment, StatefulSet, DaemonSet, Job or CronJob in ' +
    'the apps and batch groups) chooses its service account, mounts any secret or ConfigMap of the namespace ' +
    'and, without admission control, runs privileged on a node. Exec and attach give a shell in running pods ' +
    'with their tokens and data. Each is a path from a developer credential to every identity of the namespace.',
  remediation: {
    summary:
      'Deploy through a pipeline identity scoped to its namespace; give people read access, and exec only through a time-bound break-glass role.',
    manifest: "rules: [{ apiGroups: [''], resources: [pods, pods/log], verbs: [get, list, watch] }]",
  },
  reads: ['manifests'],
  peers: { cis: ['4.1.4'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Kubernetes: RBAC good practices (workload creation)',
      url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation',
    },
  ],
  since: '0.1.0',
  needs: ['rbac'],
  check(context) {
    const analysis = context.analyses.rbac;
    checkBindingCapability(context, runCode(analysis), { what: 'run code' }, (item, matches) => {
      context.report({
        subject: item.subject,
        path: ['roleRef'],
        message: `${item.subject.display} lets ${describeSubjects(analysis, item.binding)} run code ${bindingScope(item.binding)}: ${describeMatches(analysis, matches)}.`,
      });
    });
  },
});
