/**
 * @module What the manifests declare about who talks to whom: Services referenced from env and ConfigMaps,
 * Ingress backends (from the ingress controller), load balancers (from outside), and what existing
 * NetworkPolicies already allow. Hosts outside the cluster are listed, never guessed into an address.
 */
import { parseIp } from '../../model/index.js';
import { NO_PORTS, unionPorts } from '../../analysis/netpol/port-set.js';
import type { PortSet } from '../../analysis/netpol/port-set.js';
import type { KubeObject, SourceLocation, Workload } from '../../model/index.js';
import { arrayAt, numberAt, objectAt, stringAt } from '../../model/index.js';
import type { EdgeSet, GraphEndpoint } from './graph.js';
import type { HostReference } from './host-references.js';
import { singlePort } from './ports.js';
import type { FrontedService, ServicePort } from './services.js';
import { portMapping, portsReferenced, targetPortOn } from './services.js';

/** A host outside the cluster that configuration names: a policy cannot allow a name, only addresses. */
export interface ExternalHost {
  readonly workload: Workload;
  readonly host: string;
  readonly port: number | undefined;
  readonly where: string;
  readonly at: SourceLocation;
}

/** Default ports of the URL schemes configuration commonly uses (`URL` drops a port equal to them). */
const SCHEME_PORTS: Readonly<Record<string, number>> = {
  http: 80,
  https: 443,
  postgres: 5432,
  postgresql: 5432,
  mysql: 3306,
  redis: 6379,
  rediss: 6380,
  amqp: 5672,
  amqps: 5671,
  mongodb: 27017,
  nats: 4222,
};

/** `db`, `db.shop`, `db.shop.svc`, `db.shop.svc.cluster.local` → Service name and namespace. */
function serviceName(
  host: string,
  ownNamespace: string,
): { name: string; namespace: string; bare: boolean } | undefined {
  const parts = host.replace(/\.cluster\.local$/, '').split('.');
  if (parts.length === 1 && parts[0]) return { name: parts[0], namespace: ownNamespace, bare: true };
  if (parts.length === 2 || (parts.length === 3 && parts[2] === 'svc')) {
    const [name, namespace] = parts;
    if (name && namespace) return { name, namespace, bare: false };
  }
  return undefined;
}

/** The pod ports of `workload` a reference to these Service ports reaches. */
function targetPorts(ports: readonly ServicePort[], workload: Workload): PortSet {
  let set = NO_PORTS;
  for (const port of ports) {
    const target = targetPortOn(port, workload);
    if (target !== undefined) set = unionPorts(set, singlePort(port.protocol, target));
  }
  return set;
}

function describePorts(service: FrontedService, ports: readonly ServicePort[], workload: Workload): string {
  return ports
    .map((p) => {
      const target = targetPortOn(p, workload);
      return target === p.port
        ? `${p.port}`
        : portMapping(p.port, target === undefined ? `${String(p.targetPort)} (unresolved)` : target);
    })
    .join(', ');
}

export interface DeclaredGraphInput {
  readonly objects: readonly KubeObject[];
  readonly services: readonly FrontedService[];
  readonly references: readonly HostReference[];
  readonly workloads: readonly Workload[];
}

/** Edges for the env/ConfigMap references to Services; returns the hosts that name something outside. */
export function addReferenceEdges(input: DeclaredGraphInput, edges: EdgeSet): ExternalHost[] {
  const external: ExternalHost[] = [];
  const byName = new Map(input.services.map((s) => [`${s.namespace}/${s.name}`, s]));
  for (const ref of input.references) {
    const named = serviceName(ref.host, ref.workload.namespace);
    const service = named ? byName.get(`${named.namespace}/${named.name}`) : undefined;
    // A bare word is a Service only when written as a URL or host:port (`api:8080`), not as any value.
    if (service && named && (!named.bare || ref.explicit)) {
      const port = ref.port ?? (ref.scheme === undefined ? undefined : SCHEME_PORTS[ref.scheme]);
      let ports = portsReferenced(service, port);
      if (ports.length === 0 && port !== undefined) ports = service.ports.filter((p) => p.port === port);
      for (const target of service.workloads) {
        if (target === ref.workload) continue;
        const portSet =
          ports.length === 0 && port !== undefined
            ? singlePort('TCP', port)
            : targetPorts(ports.length > 0 ? ports : service.ports, target);
        edges.add(
          { kind: 'workload', workload: ref.workload },
          { kind: 'workload', workload: target },
          portSet,
          {
            source: 'manifest',
            text: `Service ${service.namespace}/${service.name} port ${describePorts(service, ports.length > 0 ? ports : service.ports, target)}; ${ref.where}`,
            at: [ref.at, service.object.origin.at],
          },
        );
      }
      continue;
    }
    if (!ref.explicit || named?.bare === true) continue;
    const ip = parseIp(ref.host);
    if (ip && ref.port !== undefined) {
      const cidr = `${ref.host}/${ip.family === 4 ? 32 : 128}`;
      edges.add(
        { kind: 'workload', workload: ref.workload },
        { kind: 'cidr', cidr },
        singlePort('TCP', ref.port),
        {
          source: 'manifest',
          text: `address ${ref.host}:${ref.port} in ${ref.where}`,
          at: [ref.at],
        },
      );
      continue;
    }
    if (ref.host.includes('.') && !ref.host.endsWith('.svc') && !named)
      external.push({ workload: ref.workload, host: ref.host, port: ref.port, where: ref.where, at: ref.at });
  }
  return external;
}

/** Load balancers and node ports take connections from outside the cluster. */
export function addExposureEdges(services: readonly FrontedService[], edges: EdgeSet): void {
  for (const service of services) {
    if (service.type !== 'LoadBalancer' && service.type !== 'NodePort') continue;
    const sources =
      service.loadBalancerSourceRanges.length > 0
        ? service.loadBalancerSourceRanges
        : service.internalLoadBalancer
          ? ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']
          : ['0.0.0.0/0'];
    const how =
      service.loadBalancerSourceRanges.length > 0
        ? 'its loadBalancerSourceRanges'
        : service.internalLoadBalancer
          ? 'an internal load balancer: private ranges (narrow to the VNet address space)'
          : 'open to the internet';
    for (const workload of service.workloads) {
      for (const cidr of sources) {
        edges.add(
          { kind: 'cidr', cidr },
          { kind: 'workload', workload },
          targetPorts(service.ports, workload),
          {
            // Private ranges for an internal load balancer are a guess at the VNet: an assumption to narrow.
            source:
              service.internalLoadBalancer && service.loadBalancerSourceRanges.length === 0
                ? 'assumption'
                : 'manifest',
            text: `Service ${service.namespace}/${service.name} type ${service.type} port ${describePorts(service, service.ports, workload)} (${how})`,
            at: [service.object.origin.at],
          },
        );
      }
    }
  }
}

/** Images and labels of the ingress controllers aksward recognises. */
const CONTROLLER_IMAGE =
  /ingress-nginx\/controller|nginx-ingress-controller|kubernetes-ingress-controller|traefik|haproxy-ingress|contour/;
const CONTROLLER_NAMES = new Set(['ingress-nginx', 'nginx-ingress', 'traefik', 'haproxy-ingress', 'contour']);

export function isIngressController(workload: Workload): boolean {
  const name = workload.podLabels['app.kubernetes.io/name'] ?? '';
  return (
    CONTROLLER_NAMES.has(name) ||
    workload.containers.some((c) => c.image !== undefined && CONTROLLER_IMAGE.test(c.image))
  );
}

/** Where an Ingress class's controller runs when the input does not hold it (AKS app routing, ingress-nginx). */
function controllerNamespace(className: string | undefined): string | undefined {
  if (className === 'webapprouting.kubernetes.azure.com') return 'app-routing-system';
  if (className === 'azure-application-gateway') return undefined;
  return 'ingress-nginx';
}

interface Backend {
  readonly service: string;
  readonly port: number | string | undefined;
}

function backendsOf(ingress: KubeObject): Backend[] {
  const spec = objectAt(ingress.body, 'spec');
  const raw = [objectAt(spec, 'defaultBackend'), objectAt(spec, 'backend')];
  for (const rule of arrayAt(spec, 'rules'))
    for (const path of arrayAt(objectAt(rule, 'http'), 'paths')) raw.push(objectAt(path, 'backend'));
  return raw.flatMap((backend): Backend[] => {
    const service = objectAt(backend, 'service');
    const name = stringAt(service, 'name') ?? stringAt(backend, 'serviceName');
    if (name === undefined) return [];
    const port = objectAt(service, 'port');
    const legacy: unknown = backend?.['servicePort'];
    const value =
      numberAt(port, 'number') ??
      stringAt(port, 'name') ??
      (typeof legacy === 'number' || typeof legacy === 'string' ? legacy : undefined);
    return [{ service: name, port: value }];
  });
}

export interface IngressNeed {
  readonly ingress: string;
  readonly reason: string;
}

/**
 * Ingress backends are reached from the ingress controller: its pods when the input holds them, else every
 * pod of the namespace it usually runs in (said so in the evidence). Returns the Ingresses that need input.
 */
export function addIngressEdges(input: DeclaredGraphInput, edges: EdgeSet): IngressNeed[] {
  const controllers = input.workloads.filter(isIngressController);
  const needs: IngressNeed[] = [];
  for (const ingress of input.objects) {
    if (ingress.kind !== 'Ingress') continue;
    const namespace = ingress.namespace ?? 'default';
    const className =
      stringAt(objectAt(ingress.body, 'spec'), 'ingressClassName') ??
      ingress.annotations['kubernetes.io/ingress.class'];
    const assumed = controllerNamespace(className);
    const sources: { endpoint: GraphEndpoint; text: string }[] =
      controllers.length > 0
        ? controllers.map((c) => ({
            endpoint: { kind: 'workload', workload: c },
            text: `ingress controller ${c.display}`,
          }))
        : assumed
          ? [
              {
                endpoint: { kind: 'namespace', namespace: assumed },
                text: `the ingress controller, assumed in namespace ${assumed} (not in the inputs)`,
              },
            ]
          : [];
    if (sources.length === 0) {
      needs.push({
        ingress: `${namespace}/${ingress.name}`,
        reason: `class ${className ?? '(none)'} is served from outside the cluster: give the Application Gateway subnet CIDR`,
      });
      continue;
    }
    for (const backend of backendsOf(ingress)) {
      const service = input.services.find((s) => s.namespace === namespace && s.name === backend.service);
      if (!service) continue;
      const ports = portsReferenced(service, backend.port);
      for (const workload of service.workloads) {
        for (const source of sources) {
          edges.add(source.endpoint, { kind: 'workload', workload }, targetPorts(ports, workload), {
            source: source.endpoint.kind === 'namespace' ? 'assumption' : 'manifest',
            text: `Ingress ${namespace}/${ingress.name} backend ${service.name}:${describePorts(service, ports, workload)} from ${source.text}`,
            at: [ingress.origin.at],
          });
        }
      }
    }
  }
  return needs;
}

/**
 * A Service nothing is known to call (no reference, Ingress, load balancer, policy or flow) is allowed
 * from its own namespace: the narrowest scope that keeps an undocumented in-namespace client working.
 */
export function addServiceFallbacks(services: readonly FrontedService[], edges: EdgeSet): void {
  for (const service of services) {
    for (const workload of service.workloads) {
      if (edges.reaches(workload)) continue;
      edges.add(
        { kind: 'namespace', namespace: service.namespace },
        { kind: 'workload', workload },
        targetPorts(service.ports, workload),
        {
          source: 'assumption',
          text: `Service ${service.namespace}/${service.name} port ${describePorts(service, service.ports, workload)}: no client named in the manifests or flows, so allowed from its own namespace`,
          at: [service.object.origin.at],
        },
      );
    }
  }
}
