/** @module no-added-capabilities: Linux containers drop ALL capabilities and add nothing beyond NET_BIND_SERVICE. */
import type { Container } from '../../model/index.js';
import type { CheckId } from '../kit/analyses.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import type { ReportInput } from '../define-rule.js';
import { windowsBasis } from './pod-platform.js';
import { AKS_POD_SECURITY, POD_SECURITY_STANDARDS, SECURITY_CONTEXT } from './references.js';
import {
  PRIVILEGED_FIX,
  capabilitiesAsWritten,
  isPrivileged,
  normalizeCapability,
} from './security-context.js';
import { workloadContainers, workloadSubject, workloadsOf } from './workload-containers.js';

interface Verdict {
  readonly status: 'pass' | 'fail';
  readonly severity?: ReportInput['severity'];
  readonly severityReason?: string;
  readonly field: readonly string[];
  readonly text: string;
  readonly checks: readonly CheckId[];
  readonly fix?: string;
}

const CAPABILITY_CHECKS: readonly CheckId[] = ['capabilities_baseline', 'capabilities_restricted'];

/** Names the runtime reads as intended but Pod Security Admission, comparing exactly, does not. */
function misspelled(container: Container): string[] {
  const drop = capabilitiesAsWritten(container, 'drop').filter(
    (c) => normalizeCapability(c) === 'ALL' && c !== 'ALL',
  );
  const add = capabilitiesAsWritten(container, 'add').filter(
    (c) => normalizeCapability(c) === 'NET_BIND_SERVICE' && c !== 'NET_BIND_SERVICE',
  );
  return [...drop, ...add];
}

function verdictOf(container: Container): Verdict {
  if (isPrivileged(container)) {
    const text = 'is privileged: it holds every capability, whatever capabilities.add and drop say';
    return { status: 'fail', field: ['privileged'], text, checks: ['privileged'], fix: PRIVILEGED_FIX };
  }
  const added = capabilitiesAsWritten(container, 'add').filter(
    (c) => normalizeCapability(c) !== 'NET_BIND_SERVICE',
  );
  const dropsAll = capabilitiesAsWritten(container, 'drop').some((c) => normalizeCapability(c) === 'ALL');
  const problems = [
    ...(added.length > 0 ? [`adds ${added.join(', ')}`] : []),
    ...(dropsAll
      ? []
      : [
          'does not drop ALL, so it keeps the runtime’s default capabilities (CHOWN, DAC_OVERRIDE, SETUID, SETGID and more)',
        ]),
  ];
  if (problems.length > 0) {
    const field = added.length > 0 ? ['capabilities', 'add'] : ['capabilities', 'drop'];
    return { status: 'fail', field, text: problems.join(' and '), checks: CAPABILITY_CHECKS };
  }
  const spelling = misspelled(container);
  if (spelling.length > 0) {
    const text =
      `drops ALL and adds at most NET_BIND_SERVICE, written ${spelling.map((c) => `"${c}"`).join(', ')}: the runtime ` +
      'reads capability names case-insensitively, but Pod Security Admission compares them exactly, so a ' +
      'namespace enforcing restricted rejects these pods; write ALL and NET_BIND_SERVICE';
    return {
      status: 'fail',
      severity: 'info',
      severityReason:
        'the capabilities are the restricted ones; only their spelling differs from what Pod Security Admission compares',
      field: ['capabilities', 'drop'],
      text,
      checks: ['capabilities_restricted'],
    };
  }
  return {
    status: 'pass',
    field: ['capabilities'],
    text: 'drops ALL and adds at most NET_BIND_SERVICE',
    checks: [],
  };
}

export default defineRule({
  id: 'no-added-capabilities',
  title: 'Containers drop ALL capabilities and add nothing beyond NET_BIND_SERVICE',
  surface: 'workloads',
  severity: 'high',
  rationale:
    'Root in a container is limited by the capabilities it keeps. The runtime’s default set already lets a process ' +
    'change file ownership, bypass file permissions and forge packets; added capabilities such as SYS_ADMIN, ' +
    'NET_ADMIN or SYS_PTRACE are the usual ingredients of a container escape. Dropping ALL and adding back only ' +
    'what the application needs (at most NET_BIND_SERVICE) leaves an attacker with nothing to escalate with.',
  remediation: {
    summary:
      'Set securityContext.capabilities.drop: ["ALL"] on every container and add back only NET_BIND_SERVICE if it binds a port below 1024.',
    manifest:
      'securityContext:\n  capabilities:\n    drop: ["ALL"]\n    add: ["NET_BIND_SERVICE"]  # only if needed\n',
  },
  reads: ['manifests'],
  peers: { checkov: ['CKV_K8S_25', 'CKV_K8S_28'] },
  references: [GUIDANCE.priorityMatrix, POD_SECURITY_STANDARDS, SECURITY_CONTEXT, AKS_POD_SECURITY],
  since: '0.1.0',
  needs: ['podSecurity'],
  check(context) {
    for (const workload of workloadsOf(context.model)) {
      // Linux capabilities do not exist on Windows nodes.
      if (windowsBasis(workload) !== undefined) continue;
      const subject = workloadSubject(workload);
      for (const { container, label, locate } of workloadContainers(context.model, workload)) {
        const verdict = verdictOf(container);
        context.report({
          subject,
          ...locate('securityContext', ...verdict.field),
          status: verdict.status,
          ...(verdict.severity === undefined ? {} : { severity: verdict.severity }),
          ...(verdict.severityReason === undefined ? {} : { severityReason: verdict.severityReason }),
          ...(verdict.fix === undefined ? {} : { fix: verdict.fix }),
          ...(verdict.status === 'pass'
            ? {}
            : context.analyses.podSecurity.admissionBlock(workload, verdict.checks, [container.name])),
          message: `${subject.display}: ${label} ${verdict.text}.`,
        });
      }
    }
  },
});
