/** @module no-host-namespaces: pods do not share the node's process, IPC or network namespace. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { AKS_POD_SECURITY, POD_SECURITY_STANDARDS } from './references.js';
import { workloadSubject, workloadsOf } from './workload-containers.js';

/** What each shared namespace hands a compromised container. */
const NAMESPACES = {
  hostPID:
    'sees every process on the node and, as root, can read their memory and environment (other pods’ secrets included)',
  hostIPC: 'shares the node’s System V IPC and POSIX shared memory with every host process',
  hostNetwork:
    'uses the node’s network stack: it bypasses NetworkPolicy, listens on node ports and reaches node-local services such as the kubelet and the instance metadata endpoint',
} as const;

export default defineRule({
  id: 'no-host-namespaces',
  title: 'Pods do not share the node’s PID, IPC or network namespace (hostPID, hostIPC, hostNetwork)',
  surface: 'workloads',
  severity: 'critical',
  rationale:
    'Namespaces are what separate a container from its node. hostPID exposes every process of the node to the ' +
    'pod, hostIPC its shared memory, hostNetwork its network stack, outside any NetworkPolicy. An attacker ' +
    'in such a pod starts halfway out of the container: from there, reading other pods’ secrets or reaching the ' +
    'kubelet and the Azure instance metadata endpoint is one step.',
  remediation: {
    summary:
      'Remove hostPID, hostIPC and hostNetwork (or set them to false); debug nodes with kubectl debug node/... rather than long-running pods.',
    manifest: 'spec:\n  hostPID: false\n  hostIPC: false\n  hostNetwork: false\n',
  },
  reads: ['manifests'],
  peers: { cis: ['4.2.2', '4.2.3', '4.2.4'] },
  references: [GUIDANCE.priorityMatrix, POD_SECURITY_STANDARDS, AKS_POD_SECURITY],
  since: '0.1.0',
  needs: ['podSecurity'],
  check(context) {
    for (const workload of workloadsOf(context.model)) {
      const subject = workloadSubject(workload);
      const shared = (Object.keys(NAMESPACES) as (keyof typeof NAMESPACES)[]).filter(
        (key) => workload.podSpec[key] === true,
      );
      for (const key of shared) {
        context.report({
          subject,
          path: [...workload.podSpecPath, key],
          message: `${subject.display} sets ${key}: true, so each of its pods ${NAMESPACES[key]}.`,
          ...context.analyses.podSecurity.admissionBlock(workload, ['hostNamespaces']),
        });
      }
      if (shared.length > 0) continue;
      context.report({
        subject,
        path: workload.podSpecPath,
        status: 'pass',
        message: `${subject.display} shares no host namespace.`,
      });
    }
  },
});
