/**
 * @module planNetworkPolicies: NetworkPolicies from the real communication graph (manifests, existing
 * policies, flow logs), proven with the reachability engine before anything is written, in the safe order:
 * per namespace the allow policies first, the default-deny last, and never a deny that severs evidence.
 */
import type { WorkloadPeer } from '../../analysis/netpol/index.js';
import type { PortSet } from '../../analysis/netpol/port-set.js';
import type {
  ClusterModel,
  KubeObject,
  ObservedConnection,
  ObservedTraffic,
  Workload,
} from '../../model/index.js';
import { extractWorkloads, groupBy, isApplicationNamespace } from '../../model/index.js';
import {
  addExposureEdges,
  addIngressEdges,
  addReferenceEdges,
  addServiceFallbacks,
} from './declared-graph.js';
import type { ExternalHost, IngressNeed } from './declared-graph.js';
import { EdgeIndex, EdgeSet, describeEndpoint } from './graph.js';
import type { CommunicationEdge } from './graph.js';
import { findHostReferences } from './host-references.js';
import { addObservedEdges } from './observed-edges.js';
import type { UnresolvedObservation } from './observed-edges.js';
import { addPolicyEdges, hasDefaultDeny, isolatedFor, policyConnections } from './existing-policies.js';
import type { PolicyPair } from './existing-policies.js';
import { renderPolicy, toKubeObject } from './render.js';
import type { RenderedPolicy } from './render.js';
import { frontedServices } from './services.js';
import { blockedPairs, forEachClosedConnection, reachesDns, simulate } from './simulate.js';
import type { BlockedPair, ClosedConnection, ClosedEnd, Simulation } from './simulate.js';
import { selectPods } from './stable-labels.js';
import type { PodSelection } from './stable-labels.js';
import { allowPolicy, defaultDenyPolicy, foldCoveredCidrs } from './synthesize.js';
import type { Direction, GeneratedPolicy, SynthesisContext } from './synthesize.js';
import {
  allowedCommand,
  closedCommand,
  closesPortServed,
  crossNamespaceCommand,
  dnsCommand,
} from './verification.js';
import type { CommandContext, VerificationCommand } from './verification.js';
import { RULES_CLOSED_BY_ALLOW, RULES_CLOSED_BY_DENY } from './rule-closures.js';
import type { RuleClosure } from './rule-closures.js';

export interface NetworkFixOptions {
  /** Observed traffic (`loadFlowLogs`): its forwarded connections join the graph. */
  readonly traffic?: ObservedTraffic;
  /** Namespaces treated as system besides the built-in ones (`.aksward.yaml` `systemNamespaces`). */
  readonly systemNamespaces?: readonly string[];
  /** The most workload-to-workload connections of the existing policies a plan keeps (`MAX_POLICY_CONNECTIONS`). */
  readonly maxPolicyConnections?: number;
}

/**
 * The most connections between workloads the inputs' NetworkPolicies may allow for a plan to keep each as
 * an edge. Policies admitting whole namespaces make that number quadratic in the workloads: the 1,000
 * workloads of the medium bench cluster have 462,376 of them (plan built in 48 s, 3 GB peak, a 67 MB
 * plan.md); its 10,000-workload size has 51,971,638, and the plan ran out of memory. Past the limit no
 * network step is planned, and the plan says so as a decision.
 */
export const MAX_POLICY_CONNECTIONS = 250_000;

export interface NetworkFixStep {
  /** `network-allow:shop`, `network-default-deny:shop`. */
  readonly id: string;
  readonly kind: 'allow' | 'default-deny';
  readonly namespace: string;
  readonly title: string;
  readonly policies: readonly RenderedPolicy[];
  readonly closes: readonly RuleClosure[];
  readonly verify: readonly VerificationCommand[];
  /** How many connections the step closes (the default-deny step; the allow step closes only what its policies isolate). */
  readonly connectionsClosed: number;
  readonly dependsOn: readonly string[];
  /** What breaks when this step is applied before the steps it depends on. */
  readonly breaksIfEarly: string;
}

export interface SeveredEdge {
  readonly from: string;
  readonly to: string;
  readonly ports: CommunicationEdge['ports'];
  readonly evidence: readonly string[];
  readonly side: BlockedPair['side'];
}

export interface NamespaceNetworkFix {
  readonly namespace: string;
  /** In order: the allow step, then the default-deny step (absent when withheld or already present). */
  readonly steps: readonly NetworkFixStep[];
  /** Why the default-deny is not emitted: the evidence it would sever, or a default-deny already in place. */
  readonly defaultDenyWithheld?: { readonly reason: string; readonly severed: readonly SeveredEdge[] };
}

export interface NetworkProof {
  readonly enforcement: string;
  readonly edgesChecked: number;
  /** Edges the final policies still block (blocked already by the inputs' own policies). */
  readonly severed: readonly SeveredEdge[];
  readonly dns: readonly { readonly workload: string; readonly udp: boolean; readonly tcp: boolean }[];
  /** The first `MAX_LISTED_CLOSED` connections the policies close, in the order found. */
  readonly closed: readonly ClosedConnection[];
  /** How many connections the policies close. */
  readonly closedCount: number;
}

/** Closed connections listed in the proof; the rest are counted (a flat cluster of 10,000 has 10^8). */
export const MAX_LISTED_CLOSED = 10_000;

/**
 * Closed connections kept per namespace and probe rank, in the order found, to pick the default-deny step's
 * three probes from: a probe is made for nearly every one, so 64 of a rank leave plenty to choose from.
 */
const PROBE_CANDIDATES = 64;

/** What the policies close that touches one namespace: how many, and the candidates for its probes by rank. */
interface NamespaceClosed {
  count: number;
  /** Rank 0: a port the destination serves; 1: traffic leaving the cluster; 2: the rest. */
  readonly candidates: [ClosedConnection[], ClosedConnection[], ClosedConnection[]];
}

export interface NetworkFixResult {
  readonly evidence: {
    readonly manifests: true;
    readonly flowRecords: number;
    readonly observedConnections: number;
  };
  readonly graph: readonly CommunicationEdge[];
  readonly namespaces: readonly NamespaceNetworkFix[];
  readonly skippedNamespaces: readonly { readonly namespace: string; readonly reason: string }[];
  /** The application namespaces left without a network step, and why: the existing policies allow too many connections. */
  readonly notPlanned?: { readonly reason: string; readonly namespaces: readonly string[] };
  /** Hosts outside the cluster that configuration names without an address: a NetworkPolicy cannot allow a name. */
  readonly externalHosts: readonly ExternalHost[];
  /** Workloads whose egress will be limited to the cluster (and the addresses shown), with why they may need more. */
  readonly externalEgressBlocked: readonly { readonly workload: string; readonly reason: string }[];
  readonly ingressNeeds: readonly IngressNeed[];
  readonly unresolvedObservations: readonly UnresolvedObservation[];
  /** Connections the cluster already dropped: not preserved, listed for review. */
  readonly droppedObservations: readonly ObservedConnection[];
  readonly notes: readonly string[];
  readonly proof: NetworkProof;
}

const ENFORCEMENT =
  'simulated with NetworkPolicy enforcement on: the plan enables a network policy engine before any policy step';

interface Plan {
  readonly policies: GeneratedPolicy[];
  readonly dropped: Set<string>;
  readonly withheld: Map<string, SeveredEdge[]>;
}

const policyKey = (namespace: string, workload: Workload | undefined, direction: Direction | 'deny') =>
  `${namespace}|${workload?.display ?? ''}|${direction}`;

function severedOf(edge: CommunicationEdge, pair: BlockedPair): SeveredEdge {
  return {
    from: pair.from === 'external' ? describeEndpoint(edge.from) : pair.from.id,
    to: pair.to === 'external' ? describeEndpoint(edge.to) : pair.to.id,
    ports: edge.ports,
    evidence: edge.evidence.map((e) => e.text),
    side: pair.side,
  };
}

function buildGraph(
  model: ClusterModel,
  workloads: readonly Workload[],
  before: Simulation,
  options: NetworkFixOptions,
  policyPairs: readonly PolicyPair[],
) {
  const services = frontedServices(model.objects, workloads);
  const edges = new EdgeSet();
  const input = {
    objects: model.objects,
    services,
    workloads,
    references: findHostReferences(model.objects, workloads),
  };
  const externalHosts = addReferenceEdges(input, edges);
  addExposureEdges(services, edges);
  const ingressNeeds = addIngressEdges(input, edges);
  addPolicyEdges(before, policyPairs, edges);
  const unresolved = options.traffic ? addObservedEdges(options.traffic, workloads, services, edges) : [];
  addServiceFallbacks(services, edges);
  return { services, graph: foldCoveredCidrs(edges.list()), externalHosts, ingressNeeds, unresolved };
}

export function planNetworkPolicies(model: ClusterModel, options: NetworkFixOptions = {}): NetworkFixResult {
  const workloads = extractWorkloads(model.objects);
  const system = options.systemNamespaces ?? [];
  const byNamespace = groupBy(workloads, (w) => w.namespace);
  const probeNamespaces = (graphNamespaces: readonly string[]) =>
    graphNamespaces.filter((ns) => !byNamespace.has(ns));
  const initialBefore = simulate(model.objects, model.clusters, []);
  const limit = options.maxPolicyConnections ?? MAX_POLICY_CONNECTIONS;
  const pairs = policyConnections(initialBefore, workloads, limit);
  const tooMany = pairs === undefined;
  const built = buildGraph(model, workloads, initialBefore, options, pairs ?? []);
  const probes = probeNamespaces([
    ...new Set(
      built.graph
        .flatMap((e) => [e.from, e.to])
        .flatMap((e) => (e.kind === 'namespace' ? [e.namespace] : [])),
    ),
  ]);
  // The first simulation is this one when no namespace is probed.
  const before = probes.length === 0 ? initialBefore : simulate(model.objects, model.clusters, probes);

  const skipped: { namespace: string; reason: string }[] = [];
  const hardened: string[] = [];
  /** Application namespaces left without a network step: the existing policies allow too many connections. */
  const unplanned: string[] = [];
  const unplannedReason = tooManyReason(limit);
  for (const [namespace, list] of [...byNamespace].sort(([a], [b]) => a.localeCompare(b))) {
    if (!isApplicationNamespace(namespace, system)) {
      skipped.push({
        namespace,
        reason:
          'system namespace: AKS-managed components the inputs do not hold run there; a default-deny would cut them off',
      });
      continue;
    }
    if (list.every((w) => w.hostNetwork)) {
      skipped.push({ namespace, reason: 'only hostNetwork workloads: NetworkPolicies do not select them' });
      continue;
    }
    if (tooMany) {
      skipped.push({ namespace, reason: unplannedReason });
      unplanned.push(namespace);
      continue;
    }
    hardened.push(namespace);
  }

  const selections = new Map<Workload, PodSelection>();
  const selectionOf = (w: Workload): PodSelection => {
    let s = selections.get(w);
    if (!s) selections.set(w, (s = selectPods(w, built.services, byNamespace.get(w.namespace) ?? [])));
    return s;
  };
  const existingNames = new Set(
    model.objects
      .filter((o) => o.kind === 'NetworkPolicy')
      .map((o) => `${o.namespace ?? 'default'}/${o.name}`),
  );
  const context: SynthesisContext = { selectionOf, existingNames };

  const index = new EdgeIndex(built.graph);
  // Idempotence: a workload already isolated whose edges (and DNS) already pass needs no new policy.
  const needsPolicy = (w: Workload, direction: Direction) => {
    if (!isolatedFor(before, w, direction)) return true;
    // An assumption never overrides a decision the inputs' own policies already made for this workload.
    const own = (direction === 'ingress' ? index.to(w) : index.from(w)).filter((e) =>
      e.evidence.some((x) => x.source !== 'assumption'),
    );
    if (own.some((e) => blockedPairs(before, e).some((pair) => pair.side === direction))) return true;
    if (direction === 'egress') {
      const dns = reachesDns(before, w);
      return !dns.udp || !dns.tcp;
    }
    return false;
  };

  const taken = new Set<string>();
  const plan: Plan = { policies: [], dropped: new Set(), withheld: new Map() };
  for (const namespace of hardened) {
    for (const w of byNamespace.get(namespace) ?? []) {
      if (w.hostNetwork) continue;
      for (const direction of ['ingress', 'egress'] as const) {
        if (!needsPolicy(w, direction)) continue;
        const policy = allowPolicy(w, direction, index, context, taken);
        if (policy) plan.policies.push(policy);
      }
    }
    if (!hasDefaultDeny(before, namespace)) plan.policies.push(defaultDenyPolicy(namespace, context));
  }

  const after = proveAndWithhold(model, built.graph, plan, probes, before);
  const result = assemble(
    model,
    workloads,
    built,
    index,
    plan,
    before,
    after,
    hardened,
    skipped,
    context,
    options,
  );
  return unplanned.length === 0
    ? result
    : { ...result, notPlanned: { reason: unplannedReason, namespaces: unplanned } };
}

/** Why no network step is planned when the existing policies allow more connections than `limit`. */
function tooManyReason(limit: number): string {
  return (
    `the inputs' NetworkPolicies allow more than ${limit.toLocaleString('en-US')} connections between workloads ` +
    '(a policy that admits whole namespaces admits every workload of them); a plan keeps each connection with ' +
    'its own policy rule and verification command, so past this many it takes gigabytes and no one can review ' +
    'it: no NetworkPolicy step is planned'
  );
}

function active(plan: Plan): GeneratedPolicy[] {
  return plan.policies.filter(
    (p) => !plan.dropped.has(policyKey(p.namespace, p.workload, p.direction ?? 'deny')),
  );
}

/**
 * Simulates the inputs plus the active policies; each edge the policies sever (and the inputs allowed)
 * drops the policy of the blocking side and withholds that namespace's default-deny. Repeats until stable.
 */
function proveAndWithhold(
  model: ClusterModel,
  graph: readonly CommunicationEdge[],
  plan: Plan,
  probes: readonly string[],
  before: Simulation,
): Simulation {
  // No policy to add (none needed, or none planned): the cluster after is the cluster before.
  if (active(plan).length === 0) return before;
  for (;;) {
    const after = simulate([...model.objects, ...active(plan).map(toKubeObject)], model.clusters, probes);
    let changed = false;
    for (const edge of graph) {
      if (blockedPairs(before, edge).length > 0) continue; // blocked already by the inputs' policies
      for (const pair of blockedPairs(after, edge)) {
        const peer = pair.side === 'egress' ? pair.from : pair.to;
        if (peer === 'external') continue;
        for (const workload of peer.workloads) {
          const key = policyKey(workload.namespace, workload, pair.side);
          const deny = policyKey(workload.namespace, undefined, 'deny');
          const severed = severedOf(edge, pair);
          const list = plan.withheld.get(workload.namespace) ?? [];
          if (!list.some((s) => JSON.stringify(s) === JSON.stringify(severed))) list.push(severed);
          plan.withheld.set(workload.namespace, list);
          for (const k of [key, deny]) {
            if (plan.dropped.has(k)) continue;
            plan.dropped.add(k);
            changed = true;
          }
        }
      }
    }
    if (!changed) return after;
  }
}

function assemble(
  model: ClusterModel,
  workloads: readonly Workload[],
  built: ReturnType<typeof buildGraph>,
  index: EdgeIndex,
  plan: Plan,
  before: Simulation,
  after: Simulation,
  hardened: readonly string[],
  skipped: { namespace: string; reason: string }[],
  context: SynthesisContext,
  options: NetworkFixOptions,
): NetworkFixResult {
  const kept = active(plan);
  const commands: CommandContext = { services: built.services, selectionOf: context.selectionOf };
  const byId = new Map<string, Workload>();
  for (const w of workloads) {
    const peer = after.peerOf.get(w.object);
    if (peer && !byId.has(peer.id)) byId.set(peer.id, w);
  }
  const closed = summarizeClosed(before, after, workloads, new Set(kept.map((p) => p.namespace)), byId);
  const edges = { index, namedFrom: namespacesNamedFrom(built.graph) };
  const namespaces = hardened.map((namespace) =>
    namespaceFix(
      namespace,
      kept,
      plan,
      before,
      closed.byNamespace.get(namespace),
      edges,
      commands,
      byId,
      workloads,
    ),
  );
  const severed = built.graph.flatMap((edge) =>
    blockedPairs(before, edge).length > 0
      ? []
      : blockedPairs(after, edge).map((pair) => severedOf(edge, pair)),
  );
  const egressPolicies = kept.filter((p) => p.direction === 'egress' && p.workload);
  const external = new Set(
    built.graph.flatMap((e) => (e.from.kind === 'workload' && e.to.kind === 'cidr' ? [e.from.workload] : [])),
  );
  const externalEgressBlocked = egressPolicies.flatMap((p) => {
    const w = p.workload as Workload;
    if (external.has(w)) return [];
    const hosts = built.externalHosts.filter((h) => h.workload === w).map((h) => h.host);
    const reason =
      hosts.length > 0
        ? `its configuration names ${hosts.join(', ')}: give their address ranges (or use a CiliumNetworkPolicy toFQDNs rule)`
        : 'no evidence of traffic leaving the cluster: external egress will be blocked';
    return [{ workload: w.display, reason }];
  });
  const traffic = options.traffic;
  return {
    evidence: {
      manifests: true,
      flowRecords: traffic?.counts.records ?? 0,
      observedConnections: traffic?.connections.length ?? 0,
    },
    graph: built.graph,
    namespaces,
    skippedNamespaces: skipped,
    externalHosts: built.externalHosts,
    externalEgressBlocked,
    ingressNeeds: built.ingressNeeds,
    unresolvedObservations: built.unresolved,
    droppedObservations: traffic?.dropped ?? [],
    notes: notesOf(workloads, hardened, built.graph, model.objects),
    proof: {
      enforcement: ENFORCEMENT,
      edgesChecked: built.graph.length,
      severed,
      dns: egressPolicies.map((p) => ({
        workload: (p.workload as Workload).display,
        ...reachesDns(after, p.workload as Workload),
      })),
      closed: closed.listed,
      closedCount: closed.count,
    },
  };
}

/** The closed connections counted, the first listed, and per namespace (either end's) counted and ranked. */
function summarizeClosed(
  before: Simulation,
  after: Simulation,
  workloads: readonly Workload[],
  changed: ReadonlySet<string>,
  byId: ReadonlyMap<string, Workload>,
): { count: number; listed: ClosedConnection[]; byNamespace: Map<string, NamespaceClosed> } {
  const listed: ClosedConnection[] = [];
  const byNamespace = new Map<string, NamespaceClosed>();
  let count = 0;
  // Kept per peer (its index in the simulation after) and read per connection, 10^8 times when a cluster of
  // 10,000 workloads gets its default-denies: its namespace's entry, and the last closed set met towards it
  // with whether that set closes a port it serves (a destination meets few distinct sets: on a flat cluster,
  // every port from every source). Nothing is allocated for a connection that is only counted.
  const peers = after.result.peers.length;
  const entries = new Array<NamespaceClosed | undefined>(peers).fill(undefined);
  const lastPorts = new Array<PortSet | undefined>(peers).fill(undefined);
  const lastServed = new Uint8Array(peers);
  const entryOf = (peer: WorkloadPeer): NamespaceClosed => {
    let entry = entries[peer.index];
    if (entry === undefined) {
      entry = byNamespace.get(peer.namespace);
      if (!entry) byNamespace.set(peer.namespace, (entry = { count: 0, candidates: [[], [], []] }));
      entries[peer.index] = entry;
    }
    return entry;
  };
  const servesClosed = (ports: PortSet, peer: WorkloadPeer): boolean => {
    if (lastPorts[peer.index] !== ports) {
      lastPorts[peer.index] = ports;
      lastServed[peer.index] = closesPortServed(ports, byId.get(peer.id)) ? 1 : 0;
    }
    return lastServed[peer.index] === 1;
  };
  const closedOf = (from: ClosedEnd, to: ClosedEnd, ports: PortSet): ClosedConnection => ({
    from: from === 'external' ? from : from.id,
    to: to === 'external' ? to : to.id,
    ports,
  });
  /**
   * Counts the connection in the namespace of `peer` (one of its ends), and keeps it if its rank has room:
   * `closed` is the connection's object when an earlier list keeps it already; the object, made when first
   * kept, is returned.
   */
  const add = (
    peer: WorkloadPeer,
    from: ClosedEnd,
    to: ClosedEnd,
    ports: PortSet,
    closed: ClosedConnection | undefined,
  ): ClosedConnection | undefined => {
    const entry = entryOf(peer);
    entry.count += 1;
    const [served, external, other] = entry.candidates;
    let bucket: ClosedConnection[];
    if (to === 'external') bucket = external;
    else if (served.length >= PROBE_CANDIDATES && other.length >= PROBE_CANDIDATES) return closed;
    else bucket = servesClosed(ports, to) ? served : other;
    if (bucket.length >= PROBE_CANDIDATES) return closed;
    const kept = closed ?? closedOf(from, to, ports);
    bucket.push(kept);
    return kept;
  };
  forEachClosedConnection(before, after, workloads, changed, (from, to, ports) => {
    count += 1;
    let closed: ClosedConnection | undefined;
    if (listed.length < MAX_LISTED_CLOSED) listed.push((closed = closedOf(from, to, ports)));
    if (from !== 'external') closed = add(from, from, to, ports, closed);
    if (to !== 'external' && (from === 'external' || to.namespace !== from.namespace))
      add(to, from, to, ports, closed);
  });
  return { count, listed, byNamespace };
}

function notesOf(
  workloads: readonly Workload[],
  hardened: readonly string[],
  graph: readonly CommunicationEdge[],
  objects: readonly KubeObject[],
): string[] {
  const notes: string[] = [];
  for (const w of workloads) {
    if (w.hostNetwork && hardened.includes(w.namespace))
      notes.push(
        `${w.display} uses hostNetwork: NetworkPolicies neither select nor isolate it; its traffic is the node's.`,
      );
  }
  if (graph.some((e) => e.evidence.some((x) => x.source === 'assumption')))
    notes.push(
      'Some edges rest on an assumption (marked `assumption` in the graph): confirm them, or give flow logs.',
    );
  if (objects.some((o) => o.kind === 'NetworkPolicy'))
    notes.push(
      'Existing NetworkPolicies stay in place; what they allow between workloads is kept as edges of the graph.',
    );
  return notes;
}

/** The namespaces some edge starts from (its workload's, or every pod of it). */
function namespacesNamedFrom(graph: readonly CommunicationEdge[]): Set<string> {
  return new Set(
    graph.flatMap((e) =>
      e.from.kind === 'namespace'
        ? [e.from.namespace]
        : e.from.kind === 'workload'
          ? [e.from.workload.namespace]
          : [],
    ),
  );
}

/**
 * A probe from a namespace no edge names (another application namespace, else `default`) to a workload of
 * this namespace that nothing outside reaches: after the default-deny it must time out.
 */
function crossProbe(
  namespace: string,
  edges: { readonly index: EdgeIndex; readonly namedFrom: ReadonlySet<string> },
  workloads: readonly Workload[],
  commands: CommandContext,
): VerificationCommand | undefined {
  const others = [...new Set(workloads.map((w) => w.namespace))].filter(
    (ns) => ns !== namespace && !edges.namedFrom.has(ns) && isApplicationNamespace(ns),
  );
  const from = others[0] ?? (namespace === 'default' ? 'kube-public' : 'default');
  const reachedFromOutside = (w: Workload) =>
    edges.index
      .to(w)
      .some(
        (e) =>
          e.from.kind === 'cidr' ||
          (e.from.kind === 'namespace' && e.from.namespace !== namespace) ||
          (e.from.kind === 'workload' && e.from.workload.namespace !== namespace),
      );
  const target = workloads
    .filter((w) => w.namespace === namespace && !w.hostNetwork && !reachedFromOutside(w))
    .at(-1);
  return target ? crossNamespaceCommand(from, target, commands) : undefined;
}

function namespaceFix(
  namespace: string,
  kept: readonly GeneratedPolicy[],
  plan: Plan,
  before: Simulation,
  closed: NamespaceClosed | undefined,
  edges: { readonly index: EdgeIndex; readonly namedFrom: ReadonlySet<string> },
  commands: CommandContext,
  byId: ReadonlyMap<string, Workload>,
  workloads: readonly Workload[],
): NamespaceNetworkFix {
  const own = kept.filter((p) => p.namespace === namespace);
  const allows = own.filter((p) => p.kind === 'allow');
  const deny = own.find((p) => p.kind === 'default-deny');
  const steps: NetworkFixStep[] = [];
  const allowId = `network-allow:${namespace}`;
  if (allows.length > 0) {
    const verify = [
      ...allows.flatMap((p) =>
        p.direction === 'egress' && p.workload ? [dnsCommand(p.workload, commands)] : [],
      ),
      ...allows.flatMap((p) =>
        p.direction === 'egress' ? p.edges.flatMap((e) => allowedCommand(e, commands) ?? []) : [],
      ),
    ];
    steps.push({
      id: allowId,
      kind: 'allow',
      namespace,
      title: `Allow the real traffic of namespace ${namespace} (DNS included)`,
      policies: allows.map(renderPolicy),
      closes: RULES_CLOSED_BY_ALLOW,
      verify,
      connectionsClosed: 0,
      dependsOn: [],
      breaksIfEarly:
        'Nothing breaks: these policies only allow. Apply them before the default-deny of the namespace.',
    });
  }
  const withheldEdges = plan.withheld.get(namespace);
  if (deny) {
    // A port the destination serves first, then traffic leaving the cluster, then the rest.
    const verify = (closed?.candidates.flat() ?? [])
      .map((c) => closedCommand(c, (id) => byId.get(id), commands))
      .filter((c): c is VerificationCommand => c !== undefined)
      .slice(0, 3);
    const cross = crossProbe(namespace, edges, workloads, commands);
    steps.push({
      id: `network-default-deny:${namespace}`,
      kind: 'default-deny',
      namespace,
      title: `Deny by default in namespace ${namespace}`,
      policies: [renderPolicy(deny)],
      closes: RULES_CLOSED_BY_DENY,
      verify: cross ? [...verify, cross] : verify,
      connectionsClosed: closed?.count ?? 0,
      dependsOn: allows.length > 0 ? [allowId] : [],
      breaksIfEarly:
        'Applied before the allow policies, it severs every connection of the namespace, DNS included: the pods cannot resolve names and the application fails in ways that look like application bugs.',
    });
  }
  const base = { namespace, steps };
  if (withheldEdges && withheldEdges.length > 0) {
    return {
      ...base,
      defaultDenyWithheld: {
        reason:
          'the allow policies cannot express evidence flows of this namespace, so no default-deny is emitted without its allow',
        severed: withheldEdges,
      },
    };
  }
  if (!deny && hasDefaultDeny(before, namespace)) {
    return {
      ...base,
      defaultDenyWithheld: { reason: 'the namespace already has a default-deny policy', severed: [] },
    };
  }
  return base;
}
