/**
 * @module Workloads grouped into peers (what output names) and pod classes (what policies distinguish):
 * one class per distinct (namespace, labels, named ports, hostNetwork[, pod IPs]), however many replicas.
 */
import type { IpFamily, KubeObject, Workload } from '../../model/index.js';
import { parseIp } from '../../model/index.js';
import {
  arrayAt,
  extractNamespaces,
  extractWorkloads,
  groupBy,
  isObject,
  objectAt,
  stringAt,
} from '../../model/index.js';
import { isProtocol } from './port-set.js';
import type { Protocol } from './port-set.js';
import type { ResolvedOptions } from './options.js';

export interface NamedPort {
  readonly name: string;
  readonly protocol: Protocol;
  readonly port: number;
}

export interface PodClass {
  readonly index: number;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly hostNetwork: boolean;
  readonly namedPorts: readonly NamedPort[];
  /** Pod IPs the input states, kept only when ipBlocks may match pods. */
  readonly ips: readonly { readonly family: IpFamily; readonly value: bigint }[];
  /** Selectors select it and policies isolate it: false for hostNetwork pods treated as the node. */
  readonly selectable: boolean;
  /** The peers with pods in this class. */
  readonly peers: readonly number[];
}

/** One line of output: a workload, or the controller of bare Pods (`kube-system/coredns-6d4b75cb6d`). */
export interface WorkloadPeer {
  readonly index: number;
  /** `namespace/name`. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
  readonly workloads: readonly Workload[];
  readonly classes: readonly number[];
  readonly hostNetwork: boolean;
}

export interface Topology {
  readonly peers: readonly WorkloadPeer[];
  readonly classes: readonly PodClass[];
  /** Namespace name → labels (with `kubernetes.io/metadata.name`), for every namespace with pods or policies. */
  readonly namespaces: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** The class of each workload. */
  readonly classOf: ReadonlyMap<Workload, number>;
}

/**
 * A bare Pod is shown as its controller (`ownerReferences[]` with `controller: true`, not a Node, i.e.
 * not a static pod), so the replicas of a ReplicaSet or DaemonSet dumped from a live cluster are one peer.
 */
function peerIdentity(workload: Workload): { name: string; kind: string } {
  if (workload.kind !== 'Pod') return { name: workload.name, kind: workload.kind };
  const owner = arrayAt(workload.object.body['metadata'], 'ownerReferences').find(
    (ref) => isObject(ref) && ref['controller'] === true && stringAt(ref, 'kind') !== 'Node',
  );
  const name = stringAt(owner, 'name');
  return name === undefined
    ? { name: workload.name, kind: 'Pod' }
    : { name, kind: stringAt(owner, 'kind') ?? 'Pod' };
}

/** Ports of the app containers, which name the ports a NetworkPolicy can refer to. */
function namedPortsOf(workload: Workload): NamedPort[] {
  const out: NamedPort[] = [];
  for (const container of workload.containers) {
    if (container.kind !== 'container') continue;
    for (const p of container.ports) {
      if (p.name === undefined || !isProtocol(p.protocol)) continue;
      out.push({ name: p.name, protocol: p.protocol, port: p.containerPort });
    }
  }
  return out.sort(
    (a, b) => a.name.localeCompare(b.name) || a.protocol.localeCompare(b.protocol) || a.port - b.port,
  );
}

function podIps(object: KubeObject): { family: IpFamily; value: bigint }[] {
  if (object.kind !== 'Pod') return [];
  const status = objectAt(object.body, 'status');
  const texts = new Set([
    stringAt(status, 'podIP'),
    ...arrayAt(status, 'podIPs').map((e) => stringAt(e, 'ip')),
  ]);
  return [...texts].flatMap((text) => (text === undefined ? [] : (parseIp(text) ?? [])));
}

function keyOf(workload: Workload, ports: readonly NamedPort[], ips: readonly { value: bigint }[]): string {
  const labels = Object.entries(workload.podLabels).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([
    workload.namespace,
    labels,
    workload.hostNetwork,
    ports.map((p) => `${p.name}/${p.protocol}/${p.port}`),
    ips.map((ip) => ip.value.toString()),
  ]);
}

interface Entry {
  readonly workload: Workload;
  readonly peerId: string;
  readonly peer: { readonly name: string; readonly kind: string };
  readonly classKey: string;
  readonly ports: NamedPort[];
  readonly ips: { family: IpFamily; value: bigint }[];
}

function entryOf(workload: Workload, options: ResolvedOptions): Entry {
  const peer = peerIdentity(workload);
  const ports = namedPortsOf(workload);
  const ips = options.ipBlockMatchesPods ? podIps(workload.object) : [];
  const classKey = keyOf(workload, ports, ips);
  return { workload, peerId: `${workload.namespace}/${peer.name}`, peer, classKey, ports, ips };
}

function namespaceLabels(
  objects: readonly KubeObject[],
  used: Iterable<string>,
): Map<string, Record<string, string>> {
  const map = new Map<string, Record<string, string>>(
    extractNamespaces(objects).map((ns) => [ns.name, { ...ns.labels }]),
  );
  // A namespace only implied (objects without metadata.namespace live in `default`) still has its name label.
  for (const name of used) if (!map.has(name)) map.set(name, { 'kubernetes.io/metadata.name': name });
  return map;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function buildClasses(
  keys: readonly string[],
  byClass: Map<string, Entry[]>,
  peerIndex: Map<string, number>,
  options: ResolvedOptions,
) {
  return keys.map((key, index): PodClass => {
    const members = byClass.get(key) ?? [];
    const first = members[0] as Entry;
    const { workload } = first;
    return {
      index,
      namespace: workload.namespace,
      labels: workload.podLabels,
      hostNetwork: workload.hostNetwork,
      namedPorts: first.ports,
      ips: first.ips,
      selectable: !(workload.hostNetwork && options.hostNetwork === 'node'),
      peers: [...new Set(members.map((m) => peerIndex.get(m.peerId) ?? -1))].sort((a, b) => a - b),
    };
  });
}

/** Peers and classes sorted by name and key, so nothing depends on the order of the input objects. */
export function buildTopology(objects: readonly KubeObject[], options: ResolvedOptions): Topology {
  const entries = extractWorkloads(objects).map((w) => entryOf(w, options));
  const byPeer = groupBy(entries, (e) => e.peerId);
  const byClass = groupBy(entries, (e) => e.classKey);
  const peerIds = [...byPeer.keys()].sort(byText);
  const peerIndex = new Map(peerIds.map((id, i) => [id, i]));
  const classKeys = [...byClass.keys()].sort(byText);
  const classes = buildClasses(classKeys, byClass, peerIndex, options);
  const classIndex = new Map(classKeys.map((key, i) => [key, i]));
  const peers = peerIds.map((id, index): WorkloadPeer => {
    const members = [...(byPeer.get(id) ?? [])].sort((a, b) =>
      byText(a.workload.display, b.workload.display),
    );
    const first = members[0] as Entry;
    return {
      index,
      id,
      namespace: first.workload.namespace,
      name: first.peer.name,
      kind: first.peer.kind,
      workloads: members.map((m) => m.workload),
      classes: [...new Set(members.map((m) => classIndex.get(m.classKey) ?? -1))].sort((a, b) => a - b),
      hostNetwork: members.some((m) => m.workload.hostNetwork),
    };
  });
  const policyNamespaces = objects
    .filter((o) => o.kind === 'NetworkPolicy')
    .map((o) => o.namespace ?? 'default');
  const used = new Set([...classes.map((c) => c.namespace), ...policyNamespaces]);
  const classOf = new Map(entries.map((e) => [e.workload, classIndex.get(e.classKey) ?? -1]));
  return { peers, classes, namespaces: namespaceLabels(objects, used), classOf };
}
