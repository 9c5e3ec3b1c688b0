/** @module no-host-path: no hostPath volumes; a writable one is critical, a read-only one high. */
import type { Workload } from '../../model/index.js';
import { arrayAt, isObject, objectAt, stringAt } from '../../model/index.js';
import type { RuleContext, RuleOptions } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { AKS_POD_SECURITY, POD_SECURITY_STANDARDS } from './references.js';
import type { WorkloadContainer } from './workload-containers.js';
import { workloadContainers, workloadSubject, workloadsOf } from './workload-containers.js';

interface Mount {
  readonly label: string;
  readonly readOnly: boolean;
  /** `recursiveReadOnly: Enabled` (Kubernetes 1.30+) makes read-only apply to the mounts below too. */
  readonly recursive: boolean;
}

function mountsOf(containers: readonly WorkloadContainer[], volume: string): Mount[] {
  return containers.flatMap(({ container, label }) =>
    arrayAt(container.body, 'volumeMounts')
      .filter((m) => stringAt(m, 'name') === volume)
      .map((m) => ({
        label,
        readOnly: isObject(m) && m['readOnly'] === true,
        recursive: stringAt(m, 'recursiveReadOnly') === 'Enabled',
      })),
  );
}

function describe(hostPath: string, mounts: readonly Mount[]): { critical: boolean; text: string } {
  const writable = mounts.filter((m) => !m.readOnly);
  if (writable.length > 0) {
    const who = writable.map((m) => m.label).join(', ');
    return {
      critical: true,
      text: `mounts the node’s ${hostPath} writable (${who}): it can change the node itself`,
    };
  }
  if (mounts.length === 0) {
    return {
      critical: false,
      text: `declares the node’s ${hostPath} as a volume (mounted by no container yet)`,
    };
  }
  const shallow = mounts.some((m) => !m.recursive)
    ? '; read-only is not recursive unless recursiveReadOnly is Enabled, so mounts below it on the node stay writable'
    : '';
  return {
    critical: false,
    text: `mounts the node’s ${hostPath} read-only: it can read node files${shallow}`,
  };
}

function checkWorkload(context: RuleContext<RuleOptions, 'podSecurity'>, workload: Workload): boolean {
  const subject = workloadSubject(workload);
  const containers = workloadContainers(context.model, workload);
  let found = false;
  arrayAt(workload.podSpec, 'volumes').forEach((volume, index) => {
    const hostPath = objectAt(volume, 'hostPath');
    if (hostPath === undefined) return;
    found = true;
    const name = stringAt(volume, 'name') ?? `volumes[${index}]`;
    const { critical, text } = describe(
      stringAt(hostPath, 'path') ?? '(no path)',
      mountsOf(containers, name),
    );
    context.report({
      subject,
      path: [...workload.podSpecPath, 'volumes', index, 'hostPath'],
      ...(critical
        ? {
            severity: 'critical' as const,
            severityReason: 'a writable mount of a node path lets the container change the node itself',
          }
        : {}),
      message: `${subject.display}: volume "${name}" ${text}.`,
      ...context.analyses.podSecurity.admissionBlock(workload, ['hostPathVolumes', 'restrictedVolumes']),
    });
  });
  return found;
}

export default defineRule({
  id: 'no-host-path',
  title: 'No hostPath volumes (a writable one is critical)',
  surface: 'workloads',
  severity: 'high',
  rationale:
    'A hostPath volume hands the pod a directory of the node. Read-only, it leaks what the node holds: kubelet ' +
    'credentials, other pods’ volumes and logs, the container runtime socket’s neighbourhood. Writable, it is a ' +
    'breakout: write to the node’s cron, systemd units or container runtime socket and the attacker owns the node ' +
    'and every pod on it.',
  remediation: {
    summary:
      'Replace hostPath with emptyDir, a PersistentVolumeClaim, a ConfigMap/Secret or a CSI volume; where a node agent truly needs the host, mount only the file it needs, read-only with recursiveReadOnly: Enabled.',
    manifest:
      'volumes:\n  - name: scratch\n    emptyDir: {}\n# or, for a node agent, read-only:\nvolumeMounts:\n  - name: host-logs\n    mountPath: /host/var/log\n    readOnly: true\n    recursiveReadOnly: Enabled\n',
  },
  reads: ['manifests'],
  peers: { trivy: ['KSV-0023'] },
  references: [
    GUIDANCE.priorityMatrix,
    POD_SECURITY_STANDARDS,
    AKS_POD_SECURITY,
    {
      title: 'Kubernetes: Volumes, hostPath',
      url: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    },
  ],
  since: '0.1.0',
  needs: ['podSecurity'],
  check(context) {
    for (const workload of workloadsOf(context.model)) {
      if (checkWorkload(context, workload)) continue;
      const subject = workloadSubject(workload);
      context.report({
        subject,
        path: workload.podSpecPath,
        status: 'pass',
        message: `${subject.display} mounts no hostPath volume.`,
      });
    }
  },
});
