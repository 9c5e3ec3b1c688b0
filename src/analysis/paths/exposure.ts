/**
 * @module Internet → workload: which workloads an outsider can connect to. A LoadBalancer Service gets a
 * public IP unless annotated internal (cloud-provider-azure); an Ingress publishes its backend Services;
 * a NodePort or a hostNetwork pod is reachable where nodes carry public IPs (`enableNodePublicIP`).
 */
import type { AksCluster, KubeObject, Workload } from '../../model/index.js';
import { arrayAt, groupBy, objectAt, stringAt, stringMapAt } from '../../model/index.js';
import type { GraphEdge } from './types.js';
import { INTERNET, workloadId } from './types.js';

const INTERNAL = 'service.beta.kubernetes.io/azure-load-balancer-internal';

/** A Service with its selector read once: its position among its namespace's Services keeps their order. */
interface SelectingService {
  readonly service: KubeObject;
  readonly position: number;
  readonly selector: Readonly<Record<string, string>>;
  readonly keys: readonly string[];
}

function selects({ selector, keys }: SelectingService, workload: Workload): boolean {
  // A Service without a selector has manually managed endpoints: it selects no pods we can see.
  return keys.length > 0 && keys.every((key) => workload.podLabels[key] === selector[key]);
}

/**
 * A namespace's Services indexed by their first selector label (key, then value): a workload's candidates
 * are those indexed under one of its pod labels, a handful instead of every Service of the namespace.
 */
class ServiceIndex {
  readonly #byLabel = new Map<string, Map<string, SelectingService[]>>();

  constructor(services: readonly KubeObject[]) {
    services.forEach((service, position) => {
      const selector = stringMapAt(service.body['spec'], 'selector');
      const keys = Object.keys(selector);
      const [key] = keys;
      if (key === undefined) return;
      const entry = { service, position, selector, keys };
      let byValue = this.#byLabel.get(key);
      if (!byValue) this.#byLabel.set(key, (byValue = new Map<string, SelectingService[]>()));
      const value = selector[key] ?? '';
      const list = byValue.get(value);
      if (list) list.push(entry);
      else byValue.set(value, [entry]);
    });
  }

  /** The Services selecting the workload's pods, in the namespace's order. */
  selecting(workload: Workload): KubeObject[] {
    const found: SelectingService[] = [];
    for (const [key, value] of Object.entries(workload.podLabels))
      for (const entry of this.#byLabel.get(key)?.get(value) ?? [])
        if (selects(entry, workload)) found.push(entry);
    return found.sort((a, b) => a.position - b.position).map((e) => e.service);
  }
}

/** Whether any node pool of any cluster is stated or defaulted to get public IPs. */
export function publicNodePools(clusters: readonly AksCluster[]): string[] {
  const names: string[] = [];
  for (const cluster of clusters) {
    if (cluster.nodePools.state === 'unknown') continue;
    for (const pool of cluster.nodePools.value) {
      const ip = pool.enableNodePublicIP;
      if (ip.state !== 'unknown' && ip.value) names.push(`${cluster.name}/${pool.name}`);
    }
  }
  return names;
}

function ingressServiceNames(ingress: KubeObject): Set<string> {
  const names = new Set<string>();
  const spec = ingress.body['spec'];
  const fallback = stringAt(objectAt(objectAt(spec, 'defaultBackend'), 'service'), 'name');
  if (fallback !== undefined) names.add(fallback);
  for (const rule of arrayAt(spec, 'rules')) {
    for (const entry of arrayAt(objectAt(rule, 'http'), 'paths')) {
      const name = stringAt(objectAt(objectAt(entry, 'backend'), 'service'), 'name');
      if (name !== undefined) names.add(name);
    }
  }
  return names;
}

function serviceEdge(
  service: KubeObject,
  workload: Workload,
  publicPools: readonly string[],
): GraphEdge | undefined {
  const type = stringAt(service.body['spec'], 'type') ?? 'ClusterIP';
  const to = workloadId(workload.namespace, workload.name);
  const svc = `Service/${service.namespace ?? 'default'}/${service.name}`;
  if (type === 'LoadBalancer' && service.annotations[INTERNAL]?.toLowerCase() !== 'true') {
    const evidence = `${svc} is type LoadBalancer without ${INTERNAL}: "true" (public IP)`;
    return { from: INTERNET, to, kind: 'exposed', evidence, control: 'no-public-load-balancer' };
  }
  if ((type === 'NodePort' || type === 'LoadBalancer') && publicPools.length > 0) {
    const evidence = `${svc} opens a NodePort on nodes with public IPs (${publicPools.join(', ')})`;
    return { from: INTERNET, to, kind: 'exposed', evidence, control: 'no-node-public-ip' };
  }
  return undefined;
}

function byNamespace(objects: readonly KubeObject[], kind: string): Map<string, KubeObject[]> {
  return groupBy(
    objects.filter((o) => o.kind === kind),
    (o) => o.namespace ?? 'default',
  );
}

/** Every internet → workload edge of the inputs. A Service and an Ingress reach only their own namespace. */
export function exposureEdges(
  objects: readonly KubeObject[],
  workloads: readonly Workload[],
  clusters: readonly AksCluster[],
): GraphEdge[] {
  const publicPools = publicNodePools(clusters);
  const services = new Map(
    [...byNamespace(objects, 'Service')].map(([ns, list]) => [ns, new ServiceIndex(list)]),
  );
  const ingresses = [...byNamespace(objects, 'Ingress')].map(
    ([ns, list]) => [ns, list.map((ingress) => ({ ingress, names: ingressServiceNames(ingress) }))] as const,
  );
  const ingressesIn = new Map(ingresses);
  const edges: GraphEdge[] = [];
  for (const workload of workloads) {
    const to = workloadId(workload.namespace, workload.name);
    const selecting = services.get(workload.namespace)?.selecting(workload) ?? [];
    for (const service of selecting) {
      const edge = serviceEdge(service, workload, publicPools);
      if (edge) edges.push(edge);
    }
    for (const { ingress, names } of ingressesIn.get(workload.namespace) ?? []) {
      const backend = selecting.find((s) => names.has(s.name));
      if (!backend) continue;
      const evidence = `Ingress/${ingress.namespace ?? 'default'}/${ingress.name} routes to Service/${workload.namespace}/${backend.name}`;
      edges.push({ from: INTERNET, to, kind: 'exposed', evidence, control: 'require-ingress-tls' });
    }
    if (workload.hostNetwork && publicPools.length > 0) {
      const evidence = `${workload.display} uses hostNetwork on nodes with public IPs (${publicPools.join(', ')})`;
      edges.push({ from: INTERNET, to, kind: 'exposed', evidence, control: 'no-node-public-ip' });
    }
  }
  return edges;
}
