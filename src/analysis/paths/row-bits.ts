/**
 * @module A source class's row (`Reachability.classRow`) as bits over peers: where it opens a connection,
 * and where on every port. The network layer asks it once per row key, so it is decided one ingress
 * profile at a time, not one class at a time (row keys × classes port sets grew with the square of the
 * cluster: 2,467 × 30,001 on the xlarge bench), and the profiles whose answer is the same for every source
 * are decided once.
 */
import { unionClassSets } from '../netpol/class-set.js';
import type { PodClass, WorkloadPeer } from '../netpol/classes.js';
import type { CompiledRule, Profile } from '../netpol/compile.js';
import { ruleMatchesClass, sourceVerdict, verdictPorts } from '../netpol/evaluate.js';
import type { SourceVerdict } from '../netpol/evaluate.js';
import type { Reachability } from '../netpol/index.js';
import { ALL_PORTS, NO_PORTS, isAllPorts, isEmptyPorts, unionPorts } from '../netpol/port-set.js';
import type { PortSet } from '../netpol/port-set.js';

/** One class's row as bits over peers: where it opens a connection, and where every port of it. */
export interface ClassBits {
  readonly open: Uint32Array;
  readonly flat: Uint32Array;
}

/**
 * Classes of one ingress profile with the same named ports: a rule naming a port resolves to the same
 * ports on each of them, so one computation decides them all.
 */
interface PortGroup {
  readonly first: PodClass;
  readonly classes: readonly number[];
}

interface Destinations {
  /** Ingress profiles whose verdict depends on the source, with their classes grouped by named ports. */
  readonly varying: readonly { readonly profile: Profile; readonly groups: readonly PortGroup[] }[];
  /** For a source no egress policy isolates: what every such source reaches, whatever its class. */
  readonly base: ClassBits;
}

const isAll = (ports: PortSet): boolean => ports === ALL_PORTS || isAllPorts(ports);

const bitOf = (bits: Uint32Array, i: number): number => ((bits[i >>> 5] ?? 0) >>> (i & 31)) & 1;

const portsKey = (pod: PodClass): string =>
  pod.namedPorts
    .map((p) => `${p.name}/${p.protocol}/${p.port}`)
    .sort()
    .join(',');

/** Sets the bits of a class's peers: open, and flat when every port is. */
function mark(bits: ClassBits, pod: PodClass | undefined, all: boolean): void {
  const { open, flat } = bits;
  for (const t of pod?.peers ?? []) {
    open[t >>> 5] = (open[t >>> 5] ?? 0) | (1 << (t & 31));
    if (all) flat[t >>> 5] = (flat[t >>> 5] ?? 0) | (1 << (t & 31));
  }
}

function markGroups(
  bits: ClassBits,
  classes: readonly PodClass[],
  groups: readonly PortGroup[],
  portsOf: (group: PortGroup) => PortSet,
): void {
  for (const group of groups) {
    const ports = portsOf(group);
    if (isEmptyPorts(ports)) continue;
    const all = isAll(ports);
    for (const d of group.classes) mark(bits, classes[d], all);
  }
}

/**
 * A profile's verdict is the same for every source when each of its rules picks every class, or when the
 * rules that do already open every port (a union with everything is everything, named ports or not).
 */
function fixedPorts(profile: Profile, size: number): ((group: PortGroup) => PortSet) | undefined {
  const picksAll = (r: CompiledRule): boolean => r.allPeers || r.classes.members.length === size;
  const always = profile.rules.filter(picksAll);
  const numbered = always.reduce((ports, r) => unionPorts(ports, r.numbered), NO_PORTS);
  if (isAll(numbered)) return () => ALL_PORTS;
  if (always.length < profile.rules.length) return undefined;
  const verdict: SourceVerdict = { numbered, named: always.filter((r) => r.named.length > 0) };
  return (group) => verdictPorts(verdict, group.first);
}

function destinationsOf(reach: Reachability, words: number): Destinations {
  const { classes } = reach.topology;
  const base: ClassBits = { open: new Uint32Array(words), flat: new Uint32Array(words) };
  const groupsOf = new Map<Profile, Map<string, { first: PodClass; classes: number[] }>>();
  reach.compiled.ingress.forEach((profile, d) => {
    const pod = classes[d];
    // A class no ingress policy isolates takes any source its egress lets out.
    if (!profile || !pod) {
      mark(base, pod, true);
      return;
    }
    let groups = groupsOf.get(profile);
    if (!groups) groupsOf.set(profile, (groups = new Map<string, { first: PodClass; classes: number[] }>()));
    const key = portsKey(pod);
    const group = groups.get(key);
    if (group) group.classes.push(d);
    else groups.set(key, { first: pod, classes: [d] });
  });
  const varying: Destinations['varying'][number][] = [];
  for (const [profile, byKey] of groupsOf) {
    const groups = [...byKey.values()];
    const fixed = fixedPorts(profile, classes.length);
    if (fixed) markGroups(base, classes, groups, fixed);
    else varying.push({ profile, groups });
  }
  return { varying, base };
}

/**
 * The row of each source class as bits, for `words` words of peers. A peer with pods in several classes is
 * reached on the union of their ports: open on every port when that union is, even if no one class is.
 */
export function rowBits(reach: Reachability, words: number): (source: number) => ClassBits {
  const { classes, peers } = reach.topology;
  const multiClass: readonly WorkloadPeer[] = peers.filter((p) => p.classes.length > 1);
  const enforced = reach.enforcement.state !== 'not-enforced';
  let destinations: Destinations | undefined;
  /** An egress-isolated source, class by class over the classes its egress rules pick. */
  const egressBits = (source: number, rules: readonly CompiledRule[], bits: ClassBits): void => {
    if (rules.length === 0) return;
    const targets = rules.some((r) => r.allPeers)
      ? classes.keys()
      : unionClassSets(
          classes.length,
          rules.map((r) => r.classes),
        ).members;
    for (const d of targets) {
      const ports = reach.classConnection(source, d);
      if (!isEmptyPorts(ports)) mark(bits, classes[d], isAll(ports));
    }
  };
  /** A source no egress policy isolates: the base, and each profile whose verdict depends on it. */
  const ingressBits = (source: number, bits: ClassBits): void => {
    destinations ??= destinationsOf(reach, words);
    bits.open.set(destinations.base.open);
    bits.flat.set(destinations.base.flat);
    for (const { profile, groups } of destinations.varying) {
      // The numbered ports of the rules picking the source, without a verdict object per profile.
      let numbered = NO_PORTS;
      let named = false;
      for (const rule of profile.rules) {
        if (!ruleMatchesClass(rule, source)) continue;
        numbered = unionPorts(numbered, rule.numbered);
        named ||= rule.named.length > 0;
      }
      if (!named && isEmptyPorts(numbered)) continue;
      const verdict = named ? sourceVerdict(profile, source) : undefined;
      markGroups(bits, classes, groups, (group) => (verdict ? verdictPorts(verdict, group.first) : numbered));
    }
  };
  return (source) => {
    const bits: ClassBits = { open: new Uint32Array(words), flat: new Uint32Array(words) };
    const egress = reach.compiled.egress[source];
    if (!enforced) for (const pod of classes) mark(bits, pod, true);
    else if (egress) egressBits(source, egress.rules, bits);
    else ingressBits(source, bits);
    for (const peer of multiClass) {
      const t = peer.index;
      if (bitOf(bits.open, t) === 0 || bitOf(bits.flat, t) === 1) continue;
      let ports = NO_PORTS;
      for (const d of peer.classes) ports = unionPorts(ports, reach.classConnection(source, d));
      if (isAll(ports)) bits.flat[t >>> 5] = (bits.flat[t >>> 5] ?? 0) | (1 << (t & 31));
    }
    return bits;
  };
}
