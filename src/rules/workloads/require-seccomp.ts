/** @module require-seccomp: every Linux container runs under the RuntimeDefault or a Localhost seccomp profile. */
import type { Container, Workload } from '../../model/index.js';
import { objectAt, stringAt } from '../../model/index.js';
import type { CheckId } from '../kit/analyses.js';
import type { RuleContext, RuleOptions } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import type { ContainerResult } from './grouped-report.js';
import { reportGrouped } from './grouped-report.js';
import { windowsBasis } from './pod-platform.js';
import { AKS_POD_SECURITY, POD_SECURITY_STANDARDS } from './references.js';
import {
  PRIVILEGED_FIX,
  containerContext,
  isPrivileged,
  podContext,
  podContextPath,
} from './security-context.js';
import type { WorkloadContainer } from './workload-containers.js';
import { workloadContainers, workloadsOf } from './workload-containers.js';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';
const SECCOMP_CHECKS = ['seccompProfile_restricted', 'seccompProfile_baseline'] as const;

const profileType = (context: unknown) => {
  const profile = objectAt(context, 'seccompProfile');
  return profile === undefined ? undefined : (stringAt(profile, 'type') ?? '(no type)');
};

function annotationPath(workload: Workload, key: string) {
  const metadata =
    workload.kind === 'Pod' ? ['metadata'] : [...workload.podSpecPath.slice(0, -1), 'metadata'];
  return [...metadata, 'annotations', key];
}

/** Only the deprecated annotation asks for a profile: Kubernetes ignores it since 1.27, below every AKS version. */
function fromAnnotation(workload: Workload, container: Container) {
  for (const key of [CONTAINER_ANNOTATION + container.name, POD_ANNOTATION]) {
    const value = workload.podAnnotations[key];
    if (value === undefined) continue;
    return {
      where: { path: annotationPath(workload, key) },
      text: `asks for seccomp only through the deprecated annotation ${key}: ${value}, which Kubernetes ignores since 1.27, so it runs Unconfined`,
    };
  }
  return undefined;
}

function resultOf(
  context: RuleContext<RuleOptions, 'podSecurity'>,
  workload: Workload,
  item: WorkloadContainer,
): ContainerResult {
  const { container, label, locate } = item;
  const base = { container: container.name, label };
  const blocked = (checks: readonly CheckId[]) =>
    context.analyses.podSecurity.admissionBlock(workload, checks, [container.name]);
  if (isPrivileged(container)) {
    const text =
      'is privileged, and privileged containers always run Unconfined: the runtime applies no seccomp profile';
    return {
      ...base,
      status: 'fail',
      where: locate('securityContext', 'privileged'),
      text,
      fix: PRIVILEGED_FIX,
      ...blocked(['privileged']),
    };
  }
  const own = profileType(containerContext(container));
  const inherited = profileType(podContext(workload));
  const type = own ?? inherited;
  const where =
    own !== undefined
      ? locate('securityContext', 'seccompProfile', 'type')
      : { path: podContextPath(workload, 'seccompProfile', 'type') };
  if (type === 'RuntimeDefault' || type === 'Localhost') {
    return { ...base, status: 'pass', where, text: `runs under the ${type} seccomp profile` };
  }
  if (type !== undefined) {
    return {
      ...base,
      status: 'fail',
      where,
      text: `runs with seccomp profile ${type}: no system call is filtered`,
      ...blocked(SECCOMP_CHECKS),
    };
  }
  const annotated = fromAnnotation(workload, container);
  if (annotated) return { ...base, status: 'fail', ...annotated, ...blocked(SECCOMP_CHECKS) };
  const text =
    'sets no seccomp profile, at pod or container level: Kubernetes runs it Unconfined (unless the node pool’s kubelet turns on seccompDefault, which AKS leaves off)';
  return { ...base, status: 'fail', where, text, ...blocked(SECCOMP_CHECKS) };
}

export default defineRule({
  id: 'require-seccomp',
  title: 'Containers run under the RuntimeDefault or a Localhost seccomp profile',
  surface: 'workloads',
  severity: 'medium',
  rationale:
    'Without a seccomp profile a container may make every system call the kernel offers, including the rarely ' +
    'needed ones (unshare, keyctl, bpf, mount) behind most container-escape exploits. Kubernetes applies no ' +
    'profile unless asked, so the kernel’s whole attack surface is one compromised process away. RuntimeDefault ' +
    'blocks those calls at no cost to ordinary applications.',
  remediation: {
    summary:
      'Set spec.securityContext.seccompProfile.type: RuntimeDefault (or a Localhost profile) at pod level, and do not override it with Unconfined; replace the deprecated seccomp annotations with the field.',
    manifest: 'spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n',
  },
  reads: ['manifests'],
  peers: { trivy: ['KSV-0104'] },
  references: [
    GUIDANCE.priorityMatrix,
    POD_SECURITY_STANDARDS,
    AKS_POD_SECURITY,
    {
      title: 'Kubernetes: Restrict a Container’s Syscalls with seccomp',
      url: 'https://kubernetes.io/docs/tutorials/security/seccomp/',
    },
  ],
  since: '0.1.0',
  needs: ['podSecurity'],
  check(context) {
    for (const workload of workloadsOf(context.model)) {
      // seccomp is Linux-only; the API server forbids seccompProfile with spec.os.name: windows.
      if (windowsBasis(workload) !== undefined) continue;
      const results = workloadContainers(context.model, workload).map((item) =>
        resultOf(context, workload, item),
      );
      reportGrouped(context, workload, results);
    }
  },
});
