/** @module Baseline checks on what a pod shares with its node: host namespaces, privilege, hostPath, host ports, HostProcess, probe hosts. */
import { arrayAt, isObject, numberAt, objectAt, stringAt } from '../../model/index.js';
import type { PodView } from './pod-view.js';
import { atContainer, containerContext, contextPath } from './pod-view.js';
import type { Problem } from './types.js';

/** spec.hostNetwork, hostPID, hostIPC: allowed undefined or false. */
export function hostNamespaces(pod: PodView): Problem[] {
  return (['hostNetwork', 'hostPID', 'hostIPC'] as const)
    .filter((key) => pod.spec[key] === true)
    .map((key) => ({ path: [...pod.specPath, key], detail: `${key}=true` }));
}

/** securityContext.privileged on every container: allowed undefined or false. */
export function privileged(pod: PodView): Problem[] {
  return pod.containers
    .filter((c) => containerContext(c)?.['privileged'] === true)
    .map((c) => atContainer(c, contextPath(c, 'privileged'), `container "${c.name}" is privileged`));
}

/** spec.volumes[*].hostPath: allowed undefined. */
export function hostPathVolumes(pod: PodView): Problem[] {
  const problems: Problem[] = [];
  arrayAt(pod.spec, 'volumes').forEach((volume, i) => {
    if (!isObject(volume) || !isObject(volume['hostPath'])) return;
    const name = stringAt(volume, 'name') ?? `volumes[${i}]`;
    problems.push({ path: [...pod.specPath, 'volumes', i, 'hostPath'], detail: `hostPath volume "${name}"` });
  });
  return problems;
}

/** containers[*].ports[*].hostPort: allowed undefined or 0 (PSA has no allow-list). */
export function hostPorts(pod: PodView): Problem[] {
  const problems: Problem[] = [];
  for (const c of pod.containers) {
    arrayAt(c.body, 'ports').forEach((port, j) => {
      const hostPort = numberAt(port, 'hostPort');
      if (hostPort === undefined || hostPort === 0) return;
      problems.push(atContainer(c, [...c.path, 'ports', j, 'hostPort'], `hostPort ${hostPort}`));
    });
  }
  return problems;
}

/** securityContext.windowsOptions.hostProcess at pod and container level: allowed undefined or false. */
export function windowsHostProcess(pod: PodView): Problem[] {
  const problems: Problem[] = [];
  if (objectAt(pod.podContext, 'windowsOptions')?.['hostProcess'] === true) {
    problems.push({
      path: [...pod.podContextPath, 'windowsOptions', 'hostProcess'],
      detail: 'pod is HostProcess',
    });
  }
  for (const c of pod.containers) {
    if (objectAt(containerContext(c), 'windowsOptions')?.['hostProcess'] !== true) continue;
    problems.push(
      atContainer(c, contextPath(c, 'windowsOptions', 'hostProcess'), `container "${c.name}" is HostProcess`),
    );
  }
  return problems;
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;
const HANDLERS = ['httpGet', 'tcpSocket'] as const;

/** (v1.34+) probes and lifecycle handlers must not set `host`: it would aim the kubelet at another address. */
export function hostProbesAndHostLifecycle(pod: PodView): Problem[] {
  const problems: Problem[] = [];
  for (const c of pod.containers) {
    const handlers = [
      ...PROBES.map((probe) => ({ at: [...c.path, probe], body: objectAt(c.body, probe) })),
      ...HOOKS.map((hook) => ({
        at: [...c.path, 'lifecycle', hook],
        body: objectAt(objectAt(c.body, 'lifecycle'), hook),
      })),
    ];
    for (const handler of handlers) {
      for (const kind of HANDLERS) {
        const host = stringAt(objectAt(handler.body, kind), 'host');
        if (host === undefined || host === '') continue;
        problems.push(atContainer(c, [...handler.at, kind, 'host'], `probe or lifecycle host "${host}"`));
      }
    }
  }
  return problems;
}
