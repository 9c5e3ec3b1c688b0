/** @module Commands that prove a step from the attacker's side: an allowed connection succeeds, a closed one times out. */
import { hasPort } from '../../analysis/netpol/port-set.js';
import type { PortSet, Protocol } from '../../analysis/netpol/port-set.js';
import type { Workload } from '../../model/index.js';
import type { CommunicationEdge } from './graph.js';
import type { FrontedService } from './services.js';
import { targetPortOn } from './services.js';
import type { ClosedConnection } from './simulate.js';
import { PROBE_NAME } from './simulate.js';
import type { PodSelection } from './stable-labels.js';

export interface VerificationCommand {
  readonly description: string;
  readonly command: string;
  /** `connects`: the policy must let it through; `times-out`: the policy must stop it. */
  readonly expect: 'connects' | 'resolves' | 'times-out';
}

const EXEC_TARGET: Readonly<Record<string, string>> = {
  Deployment: 'deploy',
  StatefulSet: 'statefulset',
  DaemonSet: 'daemonset',
  ReplicaSet: 'replicaset',
  Pod: 'pod',
};
const PROBE_IMAGE = 'busybox:1.36';

export interface CommandContext {
  readonly services: readonly FrontedService[];
  readonly selectionOf: (workload: Workload) => PodSelection;
}

/**
 * Runs `argv` as `workload`: `kubectl exec` into it, or (Jobs, CronJobs) a throw-away pod carrying its
 * labels, which the policies select exactly as they select the workload. App images often lack `nc`: a
 * labelled busybox pod is the fallback the description names.
 */
function runAs(workload: Workload, argv: string, context: CommandContext): string {
  const target = EXEC_TARGET[workload.kind];
  if (target) return `kubectl -n ${workload.namespace} exec ${target}/${workload.name} -- ${argv}`;
  const labels = Object.entries(context.selectionOf(workload).matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return `kubectl -n ${workload.namespace} run ${PROBE_NAME} --rm -i --restart=Never --image=${PROBE_IMAGE} --labels=${labels} -- ${argv}`;
}

function ncFlags(protocol: Protocol): string {
  return protocol === 'UDP' ? '-zuvw3' : '-zvw3';
}

/** The Services in front of each workload, in the order of the list: one pass per list, not per command. */
const frontingByList = new WeakMap<readonly FrontedService[], Map<Workload, FrontedService[]>>();

function servicesFronting(
  workload: Workload,
  services: readonly FrontedService[],
): readonly FrontedService[] {
  let byWorkload = frontingByList.get(services);
  if (byWorkload === undefined) {
    byWorkload = new Map<Workload, FrontedService[]>();
    for (const service of services)
      for (const w of new Set(service.workloads)) {
        const list = byWorkload.get(w);
        if (list === undefined) byWorkload.set(w, [service]);
        else list.push(service);
      }
    frontingByList.set(services, byWorkload);
  }
  return byWorkload.get(workload) ?? [];
}

/** How a client names the workload on this pod port: its Service name and port, or the pod address. */
function addressOf(workload: Workload, port: number, context: CommandContext): string {
  for (const service of servicesFronting(workload, context.services)) {
    const hit = service.ports.find((p) => targetPortOn(p, workload) === port);
    if (hit) return `${service.name}.${service.namespace}.svc.cluster.local ${hit.port}`;
  }
  const selector = Object.entries(context.selectionOf(workload).matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return `$(kubectl -n ${workload.namespace} get pod -l ${selector} -o jsonpath='{.items[0].status.podIP}') ${port}`;
}

function firstPort(edge: CommunicationEdge): { protocol: Protocol; port: number } | undefined {
  for (const protocol of ['TCP', 'UDP', 'SCTP'] as const) {
    const range = edge.ports[protocol][0];
    if (range) return { protocol, port: range[0] };
  }
  return undefined;
}

export function allowedCommand(
  edge: CommunicationEdge,
  context: CommandContext,
): VerificationCommand | undefined {
  const port = firstPort(edge);
  if (edge.from.kind !== 'workload' || port === undefined) return undefined;
  const src = edge.from.workload;
  if (edge.to.kind === 'workload') {
    const dst = edge.to.workload;
    return {
      description: `${src.display} still reaches ${dst.display} on ${port.protocol} ${port.port}`,
      command: runAs(src, `nc ${ncFlags(port.protocol)} ${addressOf(dst, port.port, context)}`, context),
      expect: 'connects',
    };
  }
  if (edge.to.kind === 'cidr') {
    const ip = edge.to.cidr.split('/')[0] ?? edge.to.cidr;
    return {
      description: `${src.display} still reaches ${edge.to.cidr} on ${port.protocol} ${port.port}`,
      command: runAs(src, `nc ${ncFlags(port.protocol)} ${ip} ${port.port}`, context),
      expect: 'connects',
    };
  }
  return undefined;
}

export function dnsCommand(workload: Workload, context: CommandContext): VerificationCommand {
  return {
    description: `${workload.display} still resolves names through kube-dns`,
    command: runAs(workload, 'nslookup kubernetes.default.svc.cluster.local', context),
    expect: 'resolves',
  };
}

/** Ports worth probing: the destination's own, then common service ports. */
const COMMON_PORTS = [443, 80, 22, 8080, 5432, 6379];

function closedPort(
  closed: ClosedConnection,
  dst: Workload | undefined,
): { protocol: Protocol; port: number } | undefined {
  const own = (dst?.containers ?? [])
    .flatMap((c) => c.ports)
    .map((p) => ({ protocol: p.protocol, port: p.containerPort }));
  const candidates = [...own, ...COMMON_PORTS.map((port) => ({ protocol: 'TCP', port }))];
  for (const c of candidates) {
    if ((c.protocol === 'TCP' || c.protocol === 'UDP') && hasPort(closed.ports, c.protocol, c.port))
      return { protocol: c.protocol, port: c.port };
  }
  return undefined;
}

/** Whether the closed `ports` hold a port the destination really serves (the most telling probe). */
export function closesPortServed(ports: PortSet, dst: Workload | undefined): boolean {
  return (dst?.containers ?? []).some((c) =>
    c.ports.some(
      (p) => (p.protocol === 'TCP' || p.protocol === 'UDP') && hasPort(ports, p.protocol, p.containerPort),
    ),
  );
}

/** A probe for a connection the default-deny closes, on a port it really closes. */
export function closedCommand(
  closed: ClosedConnection,
  workloadOf: (peerId: string) => Workload | undefined,
  context: CommandContext,
): VerificationCommand | undefined {
  const src = workloadOf(closed.from);
  const dst = workloadOf(closed.to);
  const probe = closedPort(closed, dst);
  if (!src || probe === undefined) return undefined;
  const { protocol, port } = probe;
  if (closed.to === 'external') {
    return {
      description: `${src.display} can no longer open ${protocol} ${port} to the internet`,
      command: runAs(src, `nc ${ncFlags(protocol)} 1.1.1.1 ${port}`, context),
      expect: 'times-out',
    };
  }
  if (!dst) return undefined;
  return {
    description: `${src.display} can no longer reach ${dst.display} on ${protocol} ${port}`,
    command: runAs(src, `nc ${ncFlags(protocol)} ${addressOf(dst, port, context)}`, context),
    expect: 'times-out',
  };
}

/** From a namespace the graph does not name, nothing reaches the namespace's workloads any more. */
export function crossNamespaceCommand(
  fromNamespace: string,
  dst: Workload,
  context: CommandContext,
): VerificationCommand | undefined {
  const port = dst.containers.flatMap((c) => c.ports).find((p) => p.protocol === 'TCP');
  if (!port) return undefined;
  return {
    description: `a pod in namespace ${fromNamespace} can no longer reach ${dst.display} on TCP ${port.containerPort}`,
    command: `kubectl -n ${fromNamespace} run ${PROBE_NAME} --rm -i --restart=Never --image=${PROBE_IMAGE} -- nc -zvw3 ${addressOf(dst, port.containerPort, context)}`,
    expect: 'times-out',
  };
}
