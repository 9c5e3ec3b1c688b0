/** @module require-read-only-root: every Linux container mounts its root filesystem read-only. */
import type { Container } from '../../model/index.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { windowsBasis } from './pod-platform.js';
import { AKS_POD_SECURITY, SECURITY_CONTEXT } from './references.js';
import { PRIVILEGED_FIX, containerContext, isPrivileged } from './security-context.js';
import { workloadContainers, workloadSubject, workloadsOf } from './workload-containers.js';

function verdictOf(container: Container): { pass: boolean; text: string } {
  const value = containerContext(container)?.['readOnlyRootFilesystem'];
  if (value === true && isPrivileged(container)) {
    return {
      pass: false,
      text: 'sets readOnlyRootFilesystem but is privileged: with CAP_SYS_ADMIN and no seccomp it can remount its root read-write',
    };
  }
  if (value === true) return { pass: true, text: 'mounts its root filesystem read-only' };
  const how =
    value === false
      ? 'sets readOnlyRootFilesystem: false'
      : 'does not set readOnlyRootFilesystem (default false)';
  return { pass: false, text: `${how}: an attacker can write tools and persistence into its filesystem` };
}

export default defineRule({
  id: 'require-read-only-root',
  title: 'Containers mount their root filesystem read-only (readOnlyRootFilesystem: true)',
  surface: 'workloads',
  severity: 'low',
  rationale:
    'A writable root filesystem lets an attacker who gains code execution download tools, drop binaries and ' +
    'modify the application in place, and keep them until the pod is replaced. With a read-only root the ' +
    'container can only write where the pod spec says (emptyDir or a volume), which narrows both the attack and ' +
    'what to inspect afterwards.',
  remediation: {
    summary:
      'Set securityContext.readOnlyRootFilesystem: true on every container and mount an emptyDir where the application needs to write (/tmp, caches).',
    manifest:
      'securityContext:\n  readOnlyRootFilesystem: true\nvolumeMounts:\n  - name: tmp\n    mountPath: /tmp\n# volumes: [{ name: tmp, emptyDir: {} }]\n',
  },
  reads: ['manifests'],
  peers: { checkov: ['CKV_K8S_22'] },
  references: [GUIDANCE.guide, SECURITY_CONTEXT, AKS_POD_SECURITY],
  since: '0.1.0',
  needs: ['podSecurity'],
  check(context) {
    for (const workload of workloadsOf(context.model)) {
      // Windows containers do not support a read-only root (the API server forbids the field there).
      if (windowsBasis(workload) !== undefined) continue;
      const subject = workloadSubject(workload);
      for (const { container, label, locate } of workloadContainers(context.model, workload)) {
        const verdict = verdictOf(container);
        const privileged = isPrivileged(container);
        context.report({
          subject,
          ...locate('securityContext', 'readOnlyRootFilesystem'),
          ...(verdict.pass ? { status: 'pass' as const } : {}),
          // Pod Security Standards have no read-only-root control; only the privileged case is ever blocked.
          ...(!verdict.pass && privileged
            ? {
                fix: PRIVILEGED_FIX,
                ...context.analyses.podSecurity.admissionBlock(workload, ['privileged'], [container.name]),
              }
            : {}),
          message: `${subject.display}: ${label} ${verdict.text}.`,
        });
      }
    }
  },
});
