/** @module no-privilege-escalation: allowPrivilegeEscalation false on every Linux container, and nothing that implies it. */
import type { Container } from '../../model/index.js';
import type { CheckId } from '../kit/analyses.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { windowsBasis } from './pod-platform.js';
import { AKS_POD_SECURITY, POD_SECURITY_STANDARDS, SECURITY_CONTEXT } from './references.js';
import { PRIVILEGED_FIX, addsSysAdmin, containerContext, isPrivileged } from './security-context.js';
import { workloadContainers, workloadSubject, workloadsOf } from './workload-containers.js';

interface Verdict {
  readonly pass: boolean;
  readonly field: 'allowPrivilegeEscalation' | 'privileged' | 'capabilities';
  readonly text: string;
  readonly checks: readonly CheckId[];
  readonly fix?: string;
}

/** The API server rejects allowPrivilegeEscalation: false together with privileged or CAP_SYS_ADMIN. */
const CONTRADICTION = '; allowPrivilegeEscalation: false next to it is rejected by the API server';

function verdictOf(container: Container): Verdict {
  const value = containerContext(container)?.['allowPrivilegeEscalation'];
  const contradiction = value === false ? CONTRADICTION : '';
  if (isPrivileged(container)) {
    return {
      pass: false,
      field: 'privileged',
      text: `is privileged, which always allows privilege escalation${contradiction}`,
      checks: ['privileged', 'allowPrivilegeEscalation'],
      fix: PRIVILEGED_FIX,
    };
  }
  if (addsSysAdmin(container)) {
    return {
      pass: false,
      field: 'capabilities',
      text: `adds CAP_SYS_ADMIN, which always allows privilege escalation${contradiction}`,
      checks: ['capabilities_baseline', 'capabilities_restricted', 'allowPrivilegeEscalation'],
      fix: 'Remove SYS_ADMIN from securityContext.capabilities.add and set allowPrivilegeEscalation: false.',
    };
  }
  if (value === false)
    return {
      pass: true,
      field: 'allowPrivilegeEscalation',
      text: 'sets allowPrivilegeEscalation: false',
      checks: [],
    };
  const text =
    value === true
      ? 'sets allowPrivilegeEscalation: true: setuid binaries and file capabilities can raise its privileges'
      : 'does not set allowPrivilegeEscalation, which defaults to true: setuid binaries and file capabilities can raise its privileges';
  return { pass: false, field: 'allowPrivilegeEscalation', text, checks: ['allowPrivilegeEscalation'] };
}

export default defineRule({
  id: 'no-privilege-escalation',
  title: 'Containers set allowPrivilegeEscalation: false',
  surface: 'workloads',
  severity: 'high',
  rationale:
    'Unless allowPrivilegeEscalation is false, Kubernetes does not set the no_new_privs flag, so a process can ' +
    'gain privileges its parent did not have through setuid binaries or file capabilities. An attacker who lands ' +
    'as a non-root user climbs to root inside the container, the usual first step towards the node. Privileged ' +
    'containers and CAP_SYS_ADMIN always allow escalation, whatever the field says.',
  remediation: {
    summary:
      'Set securityContext.allowPrivilegeEscalation: false on every container (init and ephemeral ones too), and drop privileged and CAP_SYS_ADMIN.',
    manifest: 'securityContext:\n  allowPrivilegeEscalation: false\n',
  },
  reads: ['manifests'],
  peers: { cis: ['4.2.5'] },
  references: [GUIDANCE.priorityMatrix, POD_SECURITY_STANDARDS, SECURITY_CONTEXT, AKS_POD_SECURITY],
  since: '0.1.0',
  needs: ['podSecurity'],
  check(context) {
    for (const workload of workloadsOf(context.model)) {
      // The field does not exist on Windows (the API server forbids it with spec.os.name: windows).
      if (windowsBasis(workload) !== undefined) continue;
      const subject = workloadSubject(workload);
      for (const { container, label, locate } of workloadContainers(context.model, workload)) {
        const verdict = verdictOf(container);
        const field = verdict.field === 'capabilities' ? ['capabilities', 'add'] : [verdict.field];
        context.report({
          subject,
          ...locate('securityContext', ...field),
          ...(verdict.pass
            ? { status: 'pass' as const }
            : context.analyses.podSecurity.admissionBlock(workload, verdict.checks, [container.name])),
          ...(verdict.fix === undefined ? {} : { fix: verdict.fix }),
          message: `${subject.display}: ${label} ${verdict.text}.`,
        });
      }
    }
  },
});
