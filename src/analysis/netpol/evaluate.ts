/**
 * @module The verdict for one direction: what a class's egress allows towards a destination, and what a
 * class's ingress allows from a source. A connection needs both (Kubernetes NetworkPolicy semantics).
 */
import type { PodClass } from './classes.js';
import { hasClass } from './class-set.js';
import type { CompiledRule, Profile } from './compile.js';
import type { IpRange } from '../../model/index.js';
import { ALL_PORTS, NO_PORTS, portRange, unionPorts } from './port-set.js';
import type { PortSet } from './port-set.js';
import { ipInBlock } from './selection.js';

/** Numbered ports, plus named ports resolved on the destination pod (name and protocol must both match). */
export function resolvePorts(rule: CompiledRule, destination: PodClass | undefined): PortSet {
  if (rule.named.length === 0 || !destination) return rule.numbered;
  let ports = rule.numbered;
  for (const { name, protocol } of rule.named) {
    for (const p of destination.namedPorts) {
      if (p.name === name && p.protocol === protocol) ports = unionPorts(ports, portRange(protocol, p.port));
    }
  }
  return ports;
}

/** Whether a rule's peers include a pod class. */
export function ruleMatchesClass(rule: CompiledRule, index: number): boolean {
  return rule.allPeers || hasClass(rule.classes, index);
}

/**
 * Whether a rule's peers include an IP atom. Atoms are cut at every ipBlock boundary, so an atom is wholly
 * inside or outside each block and its first address decides. A pod selector never matches an IP.
 */
export function ruleMatchesAtom(rule: CompiledRule, atom: IpRange): boolean {
  return rule.allPeers || rule.blocks.some((b) => ipInBlock(b, atom.family, atom.lo));
}

/** What `profile` (the destination's ingress, or the source's egress) allows with `peer`; everything when not isolated. */
export function allowedByProfile(
  profile: Profile | undefined,
  matches: (rule: CompiledRule) => boolean,
  destination: PodClass | undefined,
): PortSet {
  if (!profile) return ALL_PORTS;
  let ports = NO_PORTS;
  for (const rule of profile.rules) {
    if (matches(rule)) ports = unionPorts(ports, resolvePorts(rule, destination));
  }
  return ports;
}

/**
 * What a profile's rules allow one source before named ports are resolved: the numbered ports of the
 * rules that match it, and those of its matching rules that name ports (resolved per destination).
 */
export interface SourceVerdict {
  readonly numbered: PortSet;
  readonly named: readonly CompiledRule[];
}

export function sourceVerdict(profile: Profile, src: number): SourceVerdict {
  let numbered = NO_PORTS;
  const named: CompiledRule[] = [];
  for (const rule of profile.rules) {
    if (!ruleMatchesClass(rule, src)) continue;
    numbered = unionPorts(numbered, rule.numbered);
    if (rule.named.length > 0) named.push(rule);
  }
  return { numbered, named };
}

/** The verdict's ports on one destination pod. */
export function verdictPorts(verdict: SourceVerdict, destination: PodClass | undefined): PortSet {
  let ports = verdict.numbered;
  for (const rule of verdict.named) ports = unionPorts(ports, resolvePorts(rule, destination));
  return ports;
}
