/** @module Services and the workloads they front, with each Service port resolved to the pods' target port. */
import { isProtocol } from '../../analysis/netpol/port-set.js';
import type { Protocol } from '../../analysis/netpol/port-set.js';
import type { KubeObject, Workload } from '../../model/index.js';
import { arrayAt, groupBy, isObject, numberAt, objectAt, stringAt, stringMapAt } from '../../model/index.js';

export interface ServicePort {
  readonly name: string | undefined;
  readonly port: number;
  readonly protocol: Protocol;
  /** A number, or a container port name resolved per workload. */
  readonly targetPort: number | string;
}

export interface FrontedService {
  readonly object: KubeObject;
  readonly namespace: string;
  readonly name: string;
  readonly type: string;
  readonly internalLoadBalancer: boolean;
  readonly loadBalancerSourceRanges: readonly string[];
  readonly selector: Readonly<Record<string, string>>;
  readonly ports: readonly ServicePort[];
  readonly workloads: readonly Workload[];
}

function readPorts(spec: unknown): ServicePort[] {
  const out: ServicePort[] = [];
  for (const entry of arrayAt(spec, 'ports')) {
    const port = numberAt(entry, 'port');
    const protocol = stringAt(entry, 'protocol') ?? 'TCP';
    if (port === undefined || !isProtocol(protocol)) continue;
    const target: unknown = isObject(entry) ? entry['targetPort'] : undefined;
    const targetPort =
      typeof target === 'number' || (typeof target === 'string' && target !== '') ? target : port;
    // A numeric string ("8080") is a number to the API server (IntOrString).
    const resolved =
      typeof targetPort === 'string' && /^\d+$/.test(targetPort) ? Number(targetPort) : targetPort;
    out.push({ name: stringAt(entry, 'name'), port, protocol, targetPort: resolved });
  }
  return out;
}

function selects(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/** Every Service with a selector, and the workloads of its namespace whose pods it selects. */
export function frontedServices(
  objects: readonly KubeObject[],
  workloads: readonly Workload[],
): FrontedService[] {
  const out: FrontedService[] = [];
  const byNamespace = groupBy(workloads, (w) => w.namespace);
  for (const object of objects) {
    if (object.kind !== 'Service' || object.apiVersion !== 'v1') continue;
    const spec = objectAt(object.body, 'spec');
    const selector = stringMapAt(spec, 'selector');
    const namespace = object.namespace ?? 'default';
    out.push({
      object,
      namespace,
      name: object.name,
      type: stringAt(spec, 'type') ?? 'ClusterIP',
      internalLoadBalancer:
        object.annotations['service.beta.kubernetes.io/azure-load-balancer-internal'] === 'true',
      loadBalancerSourceRanges: arrayAt(spec, 'loadBalancerSourceRanges').filter(
        (r): r is string => typeof r === 'string',
      ),
      selector,
      ports: readPorts(spec),
      workloads: (byNamespace.get(namespace) ?? []).filter((w) => selects(selector, w.podLabels)),
    });
  }
  return out;
}

/**
 * `80->8080`: a Service port and the pod port it reaches, as evidence texts write it. ASCII on purpose: one
 * character past Latin-1 makes V8 store a whole string at two bytes a character, and these texts fill the
 * annotations of every generated policy (a third of the plan's memory for 3,000 flat workloads).
 */
export function portMapping(port: number, target: number | string): string {
  return `${port}->${target}`;
}

/** The pod port a Service port reaches on one workload; `undefined` when a named target matches no container port. */
export function targetPortOn(port: ServicePort, workload: Workload): number | undefined {
  if (typeof port.targetPort === 'number') return port.targetPort;
  for (const container of workload.containers) {
    if (container.kind !== 'container') continue;
    const hit = container.ports.find((p) => p.name === port.targetPort && p.protocol === port.protocol);
    if (hit) return hit.containerPort;
  }
  return undefined;
}

/** The Service port a reference names: by number, by name, or every port when it names none. */
export function portsReferenced(service: FrontedService, port: number | string | undefined): ServicePort[] {
  if (port === undefined) return [...service.ports];
  return service.ports.filter((p) => (typeof port === 'number' ? p.port === port : p.name === port));
}
