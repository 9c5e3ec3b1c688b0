/** @module Why one pair is (not) connected: per direction, which policies isolate the side they select and which rules allow what. */
import type { IpRange } from '../../model/index.js';
import { describeSelector, formatIpRange, formatPath } from '../../model/index.js';
import type { PodClass, WorkloadPeer } from './classes.js';
import { hasClass } from './class-set.js';
import type { CompiledRule, Profile } from './compile.js';
import { resolvePorts } from './evaluate.js';
import type { Enforcement } from './options.js';
import { ALL_PORTS, NO_PORTS, intersectPorts, unionPorts } from './port-set.js';
import type { PortSet } from './port-set.js';
import type { Reachability } from './reachability.js';
import { ipInBlock } from './selection.js';
import type { Direction, Peer } from './types.js';

export type PairSide =
  | { readonly kind: 'workload'; readonly peer: WorkloadPeer }
  | { readonly kind: 'ip'; readonly range: IpRange };

export interface RuleVerdict {
  /** `spec.ingress[0]`. */
  readonly rule: string;
  /** What made the rule apply to the other side (`every peer`, `pods app=web in namespace shop`), or undefined. */
  readonly matchedBy: string | undefined;
  /** What the rule allows for this pair (resolved on the destination); empty when it does not apply. */
  readonly allowed: PortSet;
}

export interface PolicyVerdict {
  /** `namespace/name`. */
  readonly policy: string;
  readonly rules: readonly RuleVerdict[];
  readonly allowed: PortSet;
}

export interface DirectionExplanation {
  readonly direction: Direction;
  /** The side whose policies decide: the source for egress, the destination for ingress. */
  readonly side: string;
  readonly isolated: boolean;
  readonly reason: string;
  readonly policies: readonly PolicyVerdict[];
  readonly allowed: PortSet;
}

export interface PairExplanation {
  readonly src: string;
  readonly dst: string;
  readonly enforcement: Enforcement;
  readonly egress: DirectionExplanation;
  readonly ingress: DirectionExplanation;
  /** Egress AND ingress. */
  readonly allowed: PortSet;
  readonly notes: readonly string[];
}

function describePeer(peer: Peer, policyNamespace: string): string {
  if (peer.kind === 'ipBlock') return `ipBlock ${peer.text}`;
  const pods = `pods ${describeSelector(peer.podSelector)}`;
  return peer.namespaceSelector
    ? `${pods} in namespaces ${describeSelector(peer.namespaceSelector)}`
    : `${pods} in namespace ${policyNamespace}`;
}

function matchedBy(rule: CompiledRule, other: PairSide, otherClass: number | undefined): string | undefined {
  if (rule.allPeers) return `every peer (${rule.rule.direction === 'ingress' ? 'from' : 'to'} is empty)`;
  const peers = rule.rule.peers ?? [];
  const hit = peers.findIndex((peer, i) => {
    if (other.kind === 'ip')
      return peer.kind === 'ipBlock' && ipInBlock(peer, other.range.family, other.range.lo);
    const set = rule.peerClasses[i];
    return otherClass !== undefined && set !== undefined && hasClass(set, otherClass);
  });
  const peer = peers[hit];
  return peer ? describePeer(peer, rule.policy.namespace) : undefined;
}

function explainProfile(
  profile: Profile,
  other: PairSide,
  otherClass: number | undefined,
  dst: PodClass | undefined,
): PolicyVerdict[] {
  return profile.policies.map((policy) => {
    const rules = profile.rules
      .filter((r) => r.policy === policy)
      .map((r): RuleVerdict => {
        const by = matchedBy(r, other, otherClass);
        return {
          rule: formatPath(r.rule.path),
          matchedBy: by,
          allowed: by === undefined ? NO_PORTS : resolvePorts(r, dst),
        };
      });
    const allowed = rules.reduce((acc, r) => unionPorts(acc, r.allowed), NO_PORTS);
    return { policy: policy.id, rules, allowed };
  });
}

interface SideInfo {
  readonly side: PairSide;
  readonly name: string;
  readonly klass: PodClass | undefined;
}

function explainDirection(
  result: Reachability,
  direction: Direction,
  self: SideInfo,
  other: SideInfo,
  dst: PodClass | undefined,
): DirectionExplanation {
  const base = { direction, side: self.name };
  const which = direction === 'ingress' ? 'Ingress' : 'Egress';
  if (result.enforcement.state === 'not-enforced') {
    return {
      ...base,
      isolated: false,
      reason: `NetworkPolicies are not enforced: ${result.enforcement.reason}`,
      policies: [],
      allowed: ALL_PORTS,
    };
  }
  if (!self.klass) {
    return {
      ...base,
      isolated: false,
      reason: 'an external address: no NetworkPolicy applies to it',
      policies: [],
      allowed: ALL_PORTS,
    };
  }
  if (!self.klass.selectable) {
    const reason =
      'a hostNetwork pod, treated as the node: policies do not isolate it (hostNetwork mode "node")';
    return { ...base, isolated: false, reason, policies: [], allowed: ALL_PORTS };
  }
  const profile = (direction === 'ingress' ? result.compiled.ingress : result.compiled.egress)[
    self.klass.index
  ];
  if (!profile) {
    const reason = `no NetworkPolicy with ${which} in its policyTypes selects it: all ${direction} is allowed`;
    return { ...base, isolated: false, reason, policies: [], allowed: ALL_PORTS };
  }
  const policies = explainProfile(profile, other.side, other.klass?.index, dst);
  const allowed = policies.reduce((acc, p) => unionPorts(acc, p.allowed), NO_PORTS);
  const names = policies.map((p) => p.policy).join(', ');
  const reason = `selected by ${names} (${which}): isolated, so only what their rules allow passes`;
  return { ...base, isolated: true, reason, policies, allowed };
}

function sideInfo(result: Reachability, side: PairSide): SideInfo {
  if (side.kind === 'ip') return { side, name: formatIpRange(side.range), klass: undefined };
  return { side, name: side.peer.id, klass: result.topology.classes[side.peer.classes[0] ?? -1] };
}

/** Explains the connection from `src` to `dst`. An IP side is one address range (use an atom for exact answers). */
export function explainPair(result: Reachability, src: PairSide, dst: PairSide): PairExplanation {
  const s = sideInfo(result, src);
  const d = sideInfo(result, dst);
  const egress = explainDirection(result, 'egress', s, d, d.klass);
  const ingress = explainDirection(result, 'ingress', d, s, d.klass);
  const notes: string[] = [];
  for (const side of [src, dst]) {
    if (side.kind === 'workload' && side.peer.classes.length > 1) {
      notes.push(
        `${side.peer.id} has pods with ${side.peer.classes.length} different label sets; this explains the first.`,
      );
    }
  }
  if (result.enforcement.state === 'unknown')
    notes.push(`Enforcement is unknown: ${result.enforcement.reason}.`);
  return {
    src: s.name,
    dst: d.name,
    enforcement: result.enforcement,
    egress,
    ingress,
    allowed: intersectPorts(egress.allowed, ingress.allowed),
    notes,
  };
}
