/**
 * @module NetworkPolicies from the communication graph: per workload and direction one allow policy whose
 * rules are exactly the graph's edges (DNS to kube-dns on every egress policy), then a default-deny per namespace.
 */
import { containsRange, parseCidr } from '../../model/index.js';
import { isSubsetPorts, portRange, unionPorts } from '../../analysis/netpol/port-set.js';
import type { PortSet } from '../../analysis/netpol/port-set.js';
import type { JsonObject, Workload } from '../../model/index.js';
import type { CommunicationEdge, EdgeIndex, GraphEndpoint } from './graph.js';
import { endpointKey } from './graph.js';
import { toPolicyPorts } from './ports.js';
import type { PodSelection } from './stable-labels.js';

export type Direction = 'ingress' | 'egress';

export interface GeneratedPolicy {
  readonly kind: 'allow' | 'default-deny';
  readonly namespace: string;
  readonly name: string;
  /** `network/<namespace>/<name>.yaml`. */
  readonly file: string;
  /** The workload an allow policy selects, and the direction it allows. */
  readonly workload?: Workload;
  readonly direction?: Direction;
  /** The edges the policy's rules allow. */
  readonly edges: readonly CommunicationEdge[];
  /** The plain Kubernetes object, keys in manifest order. */
  readonly object: JsonObject;
}

export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'aksward' } as const;
const EVIDENCE_ANNOTATION = 'aksward.io/evidence';
const NAME_LABEL = 'kubernetes.io/metadata.name';
const DNS_PORTS: PortSet = unionPorts(portRange('UDP', 53, 53), portRange('TCP', 53, 53));
const DNS_PEER = {
  namespaceSelector: { matchLabels: { [NAME_LABEL]: 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};

export interface SynthesisContext {
  readonly selectionOf: (workload: Workload) => PodSelection;
  /** `namespace/name` of NetworkPolicies already in the inputs: a generated name never replaces one. */
  readonly existingNames: ReadonlySet<string>;
}

function peerOf(endpoint: GraphEndpoint, context: SynthesisContext): JsonObject {
  switch (endpoint.kind) {
    case 'workload':
      return {
        namespaceSelector: { matchLabels: { [NAME_LABEL]: endpoint.workload.namespace } },
        podSelector: { matchLabels: { ...context.selectionOf(endpoint.workload).matchLabels } },
      };
    case 'namespace':
      return { namespaceSelector: { matchLabels: { [NAME_LABEL]: endpoint.namespace } } };
    case 'cidr':
      return { ipBlock: { cidr: endpoint.cidr } };
    case 'cluster-dns':
      return DNS_PEER;
  }
}

/** A CIDR edge that a wider CIDR edge of the same workload already covers adds nothing: fold it in. */
export function foldCoveredCidrs(edges: readonly CommunicationEdge[]): CommunicationEdge[] {
  const out = [...edges];
  const far = (e: CommunicationEdge, side: 'from' | 'to') => (side === 'from' ? e.from : e.to);
  for (const side of ['from', 'to'] as const) {
    const near = side === 'from' ? 'to' : 'from';
    for (let i = 0; i < out.length; i++) {
      const edge = out[i] as CommunicationEdge;
      const endpoint = far(edge, side);
      if (endpoint.kind !== 'cidr') continue;
      const range = parseCidr(endpoint.cidr);
      const cover = out.findIndex((other, j) => {
        const o = far(other, side);
        if (j === i || o.kind !== 'cidr' || endpointKey(other[near]) !== endpointKey(edge[near]))
          return false;
        const wide = parseCidr(o.cidr);
        return (
          range &&
          wide &&
          o.cidr !== endpoint.cidr &&
          containsRange(wide, range) &&
          isSubsetPorts(edge.ports, other.ports)
        );
      });
      if (cover === -1) continue;
      const target = out[cover] as CommunicationEdge;
      out[cover] = { ...target, evidence: [...target.evidence, ...edge.evidence] };
      out.splice(i, 1);
      i -= 1;
    }
  }
  return out;
}

/** Orders peers as `localeCompare` does, with one collator for every comparison. */
const COLLATOR = new Intl.Collator();

/** Rules grouped by port set: peers with the same ports share one rule, in a stable order. */
function rulesOf(peers: readonly { peer: JsonObject; ports: PortSet }[], key: 'from' | 'to'): JsonObject[] {
  // Each peer by its JSON text, the first of equal ones kept: a workload reached by a thousand peers.
  const groups = new Map<string, { ports: PortSet; peers: Map<string, JsonObject> }>();
  for (const { peer, ports } of peers) {
    const id = JSON.stringify(toPolicyPorts(ports) ?? 'all');
    let group = groups.get(id);
    if (group === undefined) groups.set(id, (group = { ports, peers: new Map() }));
    const text = JSON.stringify(peer);
    if (!group.peers.has(text)) group.peers.set(text, peer);
  }
  return [...groups.values()].map(({ ports, peers: byText }) => {
    const sorted = [...byText].sort(([a], [b]) => COLLATOR.compare(a, b)).map(([, peer]) => peer);
    const policyPorts = toPolicyPorts(ports);
    return policyPorts === undefined ? { [key]: sorted } : { [key]: sorted, ports: policyPorts };
  });
}

function evidenceText(edges: readonly CommunicationEdge[]): string {
  const texts = new Set<string>();
  for (const edge of edges) for (const e of edge.evidence) texts.add(e.text);
  return [...texts].join('; ');
}

function policyName(
  workload: Workload,
  direction: Direction,
  context: SynthesisContext,
  taken: Set<string>,
): string {
  let name = `allow-${workload.name}-${direction}`;
  if (taken.has(`${workload.namespace}/${name}`))
    name = `allow-${workload.name}-${workload.kind.toLowerCase()}-${direction}`;
  if (context.existingNames.has(`${workload.namespace}/${name}`)) name = `aksward-${name}`;
  taken.add(`${workload.namespace}/${name}`);
  return name;
}

/** The allow policy of one workload and direction; `undefined` when it would allow nothing and need no DNS. */
export function allowPolicy(
  workload: Workload,
  direction: Direction,
  edges: EdgeIndex,
  context: SynthesisContext,
  taken: Set<string>,
): GeneratedPolicy | undefined {
  const own =
    direction === 'ingress'
      ? edges.to(workload).filter((e) => !(e.from.kind === 'workload' && e.from.workload === workload))
      : edges.leaving(workload).filter((e) => !(e.to.kind === 'workload' && e.to.workload === workload));
  if (direction === 'ingress' && own.length === 0) return undefined;
  const far = (e: CommunicationEdge) => (direction === 'ingress' ? e.from : e.to);
  const peers = own
    .filter((e) => far(e).kind !== 'cluster-dns')
    .map((e) => ({ peer: peerOf(far(e), context), ports: e.ports }));
  const dnsExtra = own
    .filter((e) => far(e).kind === 'cluster-dns')
    .reduce((p, e) => unionPorts(p, e.ports), DNS_PORTS);
  const key = direction === 'ingress' ? 'from' : 'to';
  const rules =
    direction === 'egress'
      ? [{ to: [DNS_PEER], ports: toPolicyPorts(dnsExtra) ?? [] }, ...rulesOf(peers, key)]
      : rulesOf(peers, key);
  const selection = context.selectionOf(workload);
  const name = policyName(workload, direction, context, taken);
  const evidence = evidenceText(own) || 'cluster DNS for every workload with restricted egress';
  return {
    kind: 'allow',
    namespace: workload.namespace,
    name,
    file: `network/${workload.namespace}/${name}.yaml`,
    workload,
    direction,
    edges: own,
    object: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name,
        namespace: workload.namespace,
        labels: { ...MANAGED_BY },
        annotations: { [EVIDENCE_ANNOTATION]: `${evidence} (pods selected by ${selection.basis})` },
      },
      spec: {
        podSelector: { matchLabels: { ...selection.matchLabels } },
        policyTypes: [direction === 'ingress' ? 'Ingress' : 'Egress'],
        [direction]: rules,
      },
    },
  };
}

export function defaultDenyPolicy(namespace: string, context: SynthesisContext): GeneratedPolicy {
  const name = context.existingNames.has(`${namespace}/default-deny`)
    ? 'aksward-default-deny'
    : 'default-deny';
  return {
    kind: 'default-deny',
    namespace,
    name,
    file: `network/${namespace}/${name}.yaml`,
    edges: [],
    object: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name,
        namespace,
        labels: { ...MANAGED_BY },
        annotations: {
          [EVIDENCE_ANNOTATION]: `default-deny for namespace ${namespace}: applied after the allow policies of this namespace`,
        },
      },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
  };
}
