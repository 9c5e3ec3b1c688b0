/**
 * @module Policies compiled against the topology: which classes each policy isolates, and for each class
 * the rules that apply to it per direction (shared between classes selected by the same policies).
 */
import type { Topology } from './classes.js';
import type { ClassSet } from './class-set.js';
import { classSetOf, emptyClassSet, unionClassSets } from './class-set.js';
import type { ResolvedOptions } from './options.js';
import { ALL_PORTS, NO_PORTS, unionPorts } from './port-set.js';
import type { PortSet, Protocol } from './port-set.js';
import type { Selection } from './selection.js';
import type { Direction, IpBlockPeer, ParsedPolicy, PolicyRule } from './types.js';

export interface CompiledRule {
  readonly policy: ParsedPolicy;
  readonly rule: PolicyRule;
  /** `from`/`to` absent or empty: every pod and every IP. */
  readonly allPeers: boolean;
  /** Pod classes the peers pick (selectors, and ipBlocks over stated pod IPs when that switch is on). */
  readonly classes: ClassSet;
  /** Per entry of `rule.peers`, the classes it picks (for explanations). */
  readonly peerClasses: readonly ClassSet[];
  readonly blocks: readonly IpBlockPeer[];
  /** The numbered part of `ports` (every port when `ports` is absent or empty). */
  readonly numbered: PortSet;
  /** Named ports, resolved on each destination pod. */
  readonly named: readonly { readonly protocol: Protocol; readonly name: string }[];
}

/** The policies selecting a class for one direction (so it is isolated), and their rules. */
export interface Profile {
  /** Index among the profiles of its direction (for per-row caches). */
  readonly id: number;
  readonly policies: readonly ParsedPolicy[];
  readonly rules: readonly CompiledRule[];
}

export interface CompiledPolicies {
  readonly policies: readonly ParsedPolicy[];
  /** Per policy (same order), the classes its podSelector selects. */
  readonly selected: readonly (readonly number[])[];
  /** Per class: `undefined` when no policy isolates it for that direction (everything allowed). */
  readonly ingress: readonly (Profile | undefined)[];
  readonly egress: readonly (Profile | undefined)[];
  /** How many distinct ingress profiles there are. */
  readonly ingressProfileCount: number;
}

/** The empty list compiled rules share: most have no ipBlock and no named port. */
const NONE: readonly never[] = [];

function compileRule(
  policy: ParsedPolicy,
  rule: PolicyRule,
  selection: Selection,
  size: number,
  options: ResolvedOptions,
): CompiledRule {
  const peers = rule.peers ?? [];
  const blocks = peers.some((peer) => peer.kind === 'ipBlock')
    ? peers.filter((peer) => peer.kind === 'ipBlock')
    : NONE;
  const sets = peers.map((peer) => {
    if (peer.kind === 'pods') return selection.podPeer(peer, policy.namespace);
    return options.ipBlockMatchesPods ? classSetOf(size, selection.ipBlockPods(peer)) : emptyClassSet(size);
  });
  let numbered = rule.ports === undefined ? ALL_PORTS : NO_PORTS;
  const named: { protocol: Protocol; name: string }[] = [];
  for (const port of rule.ports ?? []) {
    if (port.kind === 'numbered') numbered = unionPorts(numbered, port.ports);
    else named.push({ protocol: port.protocol, name: port.name });
  }
  return {
    policy,
    rule,
    allPeers: rule.peers === undefined,
    classes: sets.length === 0 ? emptyClassSet(size) : unionClassSets(size, sets),
    peerClasses: sets,
    blocks,
    numbered,
    named: named.length === 0 ? NONE : named,
  };
}

function profilesFor(
  direction: Direction,
  compiled: ReadonlyMap<ParsedPolicy, readonly CompiledRule[]>,
  selecting: readonly (readonly ParsedPolicy[])[],
): (Profile | undefined)[] {
  // Classes selected by the same policies share one profile object.
  const shared = new Map<string, Profile>();
  const order = new Map([...compiled.keys()].map((p, i) => [p, i]));
  return selecting.map((policies) => {
    const own = policies.filter((p) => (direction === 'ingress' ? p.affectsIngress : p.affectsEgress));
    if (own.length === 0) return undefined;
    const key = own.map((p) => order.get(p)).join(',');
    let profile = shared.get(key);
    if (!profile) {
      const rules = own.flatMap((p) => (compiled.get(p) ?? []).filter((r) => r.rule.direction === direction));
      profile = { id: shared.size, policies: own, rules };
      shared.set(key, profile);
    }
    return profile;
  });
}

/** Policies sorted by id, so the result does not depend on input order. */
export function compilePolicies(
  parsed: readonly ParsedPolicy[],
  topology: Topology,
  selection: Selection,
  options: ResolvedOptions,
): CompiledPolicies {
  const policies = [...parsed].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const size = topology.classes.length;
  const selecting: ParsedPolicy[][] = topology.classes.map(() => []);
  const compiled = new Map<ParsedPolicy, CompiledRule[]>();
  const selected = policies.map((policy) => {
    const chosen = policy.podSelector ? selection.podsIn(policy.namespace, policy.podSelector) : [];
    for (const c of chosen) selecting[c]?.push(policy);
    const rules = [...policy.ingress, ...policy.egress];
    compiled.set(
      policy,
      chosen.length === 0 ? [] : rules.map((r) => compileRule(policy, r, selection, size, options)),
    );
    return chosen;
  });
  const ingress = profilesFor('ingress', compiled, selecting);
  return {
    policies,
    selected,
    ingress,
    egress: profilesFor('egress', compiled, selecting),
    ingressProfileCount: new Set(ingress.filter((p) => p !== undefined)).size,
  };
}
