/** @module no-privileged: no privileged containers, and no Windows HostProcess containers (their Windows equivalent). */
import type { Workload } from '../../model/index.js';
import { objectAt } from '../../model/index.js';
import type { RuleContext, RuleOptions } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { AKS_POD_SECURITY, POD_SECURITY_STANDARDS, SECURITY_CONTEXT } from './references.js';
import { containerContext, isBoolean, podContext, podContextPath, readField } from './security-context.js';
import { workloadContainers, workloadSubject, workloadsOf } from './workload-containers.js';

/** Windows pods: `windowsOptions.hostProcess` at pod level applies to every container that does not override it. */
function checkHostProcess(context: RuleContext<RuleOptions, 'podSecurity'>, workload: Workload): number {
  const subject = workloadSubject(workload);
  let failures = 0;
  if (objectAt(podContext(workload), 'windowsOptions')?.['hostProcess'] === true) {
    failures += 1;
    context.report({
      subject,
      path: podContextPath(workload, 'windowsOptions', 'hostProcess'),
      message: `${subject.display} runs HostProcess pods: their containers run directly on the Windows node as a host account, with its file system, network and processes.`,
      ...context.analyses.podSecurity.admissionBlock(workload, ['windowsHostProcess']),
    });
  }
  for (const { container, label, locate } of workloadContainers(context.model, workload)) {
    if (objectAt(containerContext(container), 'windowsOptions')?.['hostProcess'] !== true) continue;
    failures += 1;
    context.report({
      subject,
      ...locate('securityContext', 'windowsOptions', 'hostProcess'),
      message: `${subject.display}: ${label} is a Windows HostProcess container, with the node's privileges.`,
      ...context.analyses.podSecurity.admissionBlock(workload, ['windowsHostProcess'], [container.name]),
    });
  }
  return failures;
}

function checkPrivileged(context: RuleContext<RuleOptions, 'podSecurity'>, workload: Workload): number {
  const subject = workloadSubject(workload);
  let failures = 0;
  for (const { container, label, locate } of workloadContainers(context.model, workload)) {
    const privileged = readField(containerContext(container), 'privileged', isBoolean);
    if (privileged.state === 'invalid') {
      failures += 1;
      context.report({
        subject,
        ...locate('securityContext', 'privileged'),
        status: 'not-assessed',
        message: `${subject.display}: ${label} sets privileged to ${JSON.stringify(privileged.raw)}, not a boolean: the API server rejects the object as written.`,
      });
      continue;
    }
    if (privileged.state !== 'set' || !privileged.value) continue;
    failures += 1;
    const what =
      container.kind === 'init'
        ? 'runs privileged before the app starts: an escalation at pod creation, root on the node for whoever ' +
          'can create or change the pod (its image or command), though not reachable from the served container.'
        : 'runs privileged: every capability, every host device, no seccomp or AppArmor confinement. A process ' +
          'in it is root on the node.';
    context.report({
      subject,
      ...locate('securityContext', 'privileged'),
      message: `${subject.display}: ${label} ${what}`,
      ...context.analyses.podSecurity.admissionBlock(workload, ['privileged'], [container.name]),
    });
  }
  return failures;
}

export default defineRule({
  id: 'no-privileged',
  title: 'No privileged containers (and no Windows HostProcess containers)',
  surface: 'workloads',
  severity: 'critical',
  rationale:
    'A privileged container runs with every Linux capability, sees every device of the node and is exempt from ' +
    'seccomp and AppArmor: whoever gets code execution in it can mount the node’s disk, load kernel modules or ' +
    'join the host namespaces, and from the node reach every pod on it and the kubelet’s credentials. It turns ' +
    'one compromised container into a compromised node. On Windows the same is true of HostProcess containers.',
  remediation: {
    summary:
      'Remove securityContext.privileged: true (and windowsOptions.hostProcess: true); grant the one capability the container needs instead, and run node agents only where a reviewed exception allows it.',
    manifest: 'securityContext:\n  privileged: false\n',
  },
  reads: ['manifests'],
  peers: { cis: ['4.2.1'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.priorityMatrix,
    GUIDANCE.verification,
    POD_SECURITY_STANDARDS,
    SECURITY_CONTEXT,
    AKS_POD_SECURITY,
  ],
  since: '0.1.0',
  needs: ['podSecurity'],
  check(context) {
    for (const workload of workloadsOf(context.model)) {
      const failures = checkPrivileged(context, workload) + checkHostProcess(context, workload);
      if (failures > 0) continue;
      const subject = workloadSubject(workload);
      context.report({
        subject,
        path: workload.podSpecPath,
        status: 'pass',
        message: `${subject.display} runs no privileged or HostProcess container.`,
      });
    }
  },
});
