/**
 * @module Workload → node: pod settings that hand the container its node. A privileged container, the
 * host PID namespace (nsenter into PID 1), a hostPath of the root or the container runtime socket, or an
 * added capability such as SYS_ADMIN each let a process in the pod act as root on the node. Only the
 * containers that run alongside the app count (regular and ephemeral), not init containers.
 */
import type { Workload } from '../../model/index.js';
import { arrayAt, booleanAt, objectAt, stringAt } from '../../model/index.js';

export interface Breakout {
  readonly evidence: string;
  readonly control: string;
}

const DANGEROUS_PATHS = [
  '/',
  '/var/run/docker.sock',
  '/run/containerd/containerd.sock',
  '/var/run/containerd/containerd.sock',
  '/var/run',
  '/run',
  '/etc',
  '/proc',
  '/var/lib/kubelet',
];
const DANGEROUS_CAPABILITIES = new Set([
  'SYS_ADMIN',
  'SYS_PTRACE',
  'SYS_MODULE',
  'DAC_READ_SEARCH',
  'NET_ADMIN',
  'ALL',
]);

function normalizePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/** Every setting of the workload that breaks out to the node, with the control that forbids it. */
export function breakoutsOf(workload: Workload): Breakout[] {
  const out: Breakout[] = [];
  const spec = workload.podSpec;
  if (booleanAt(spec, 'hostPID') === true)
    out.push({ evidence: `${workload.display} sets hostPID: true`, control: 'no-host-namespaces' });
  for (const volume of arrayAt(spec, 'volumes')) {
    const path = stringAt(objectAt(volume, 'hostPath'), 'path');
    if (path !== undefined && DANGEROUS_PATHS.includes(normalizePath(path)))
      out.push({ evidence: `${workload.display} mounts hostPath ${path}`, control: 'no-host-path' });
  }
  for (const container of workload.containers) {
    // An init container runs to completion before the app starts: whoever compromises the served
    // container never shares it. Its privilege is an escalation at pod creation (no-privileged says so).
    if (container.kind === 'init') continue;
    const context = objectAt(container.body, 'securityContext');
    if (booleanAt(context, 'privileged') === true)
      out.push({
        evidence: `${workload.display} container ${container.name} is privileged`,
        control: 'no-privileged',
      });
    const added = arrayAt(objectAt(context, 'capabilities'), 'add').filter(
      (c): c is string => typeof c === 'string',
    );
    const dangerous = added.filter((c) => DANGEROUS_CAPABILITIES.has(c.toUpperCase().replace(/^CAP_/, '')));
    if (dangerous.length > 0)
      out.push({
        evidence: `${workload.display} container ${container.name} adds ${dangerous.join(', ')}`,
        control: 'no-added-capabilities',
      });
  }
  return out;
}
