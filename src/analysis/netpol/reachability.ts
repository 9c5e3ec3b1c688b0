/** @module The reachability result: connections between workloads and with external IP ranges, computed per class. */
import type { PodClass, Topology, WorkloadPeer } from './classes.js';
import type { CompiledPolicies, CompiledRule } from './compile.js';
import {
  allowedByProfile,
  resolvePorts,
  ruleMatchesAtom,
  ruleMatchesClass,
  sourceVerdict,
  verdictPorts,
} from './evaluate.js';
import type { SourceVerdict } from './evaluate.js';
import { forEachConnection } from './enumerate.js';
import type { VisitConnection } from './enumerate.js';
import type { IpRange } from '../../model/index.js';
import type { Enforcement, ResolvedOptions } from './options.js';
import { ALL_PORTS, NO_PORTS, intersectPorts, unionPorts } from './port-set.js';
import type { PortSet } from './port-set.js';
import type { ParsedPolicy, PolicyProblem } from './types.js';

export type Endpoint =
  | { readonly kind: 'workload'; readonly peer: WorkloadPeer }
  | { readonly kind: 'ip'; readonly range: IpRange };

export interface Connection {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly conn: PortSet;
}

/** One side of a connection: a workload, or `ip` for every external address. */
export interface ConnectionScope {
  readonly from?: WorkloadPeer | 'ip';
  readonly to?: WorkloadPeer | 'ip';
}

export interface ReachabilityParts {
  readonly topology: Topology;
  readonly compiled: CompiledPolicies;
  readonly atoms: readonly IpRange[];
  readonly enforcement: Enforcement;
  readonly options: ResolvedOptions;
  readonly problems: readonly PolicyProblem[];
}

export class Reachability {
  readonly topology: Topology;
  readonly compiled: CompiledPolicies;
  /** The IP space cut at every ipBlock boundary: each atom has one verdict towards each class. */
  readonly atoms: readonly IpRange[];
  readonly enforcement: Enforcement;
  readonly options: ResolvedOptions;
  readonly problems: readonly PolicyProblem[];
  readonly #enforced: boolean;
  /** Per class, its row's number (see `rowKey`); built on first use. */
  #rowOf: Int32Array | undefined;

  constructor(parts: ReachabilityParts) {
    this.topology = parts.topology;
    this.compiled = parts.compiled;
    this.atoms = parts.atoms;
    this.enforcement = parts.enforcement;
    this.options = parts.options;
    this.problems = parts.problems;
    this.#enforced = parts.enforcement.state !== 'not-enforced';
  }

  get peers(): readonly WorkloadPeer[] {
    return this.topology.peers;
  }

  get policies(): readonly ParsedPolicy[] {
    return this.compiled.policies;
  }

  #class(index: number): PodClass | undefined {
    return this.topology.classes[index];
  }

  /** Class to class: the source's egress AND the destination's ingress. */
  classConnection(src: number, dst: number): PortSet {
    if (!this.#enforced) return ALL_PORTS;
    const destination = this.#class(dst);
    const egress = allowedByProfile(this.compiled.egress[src], (r) => ruleMatchesClass(r, dst), destination);
    if (egress === NO_PORTS) return NO_PORTS;
    const ingress = allowedByProfile(
      this.compiled.ingress[dst],
      (r) => ruleMatchesClass(r, src),
      destination,
    );
    return intersectPorts(egress, ingress);
  }

  /** What the source's egress alone allows towards a class (everything when it is not egress-isolated). */
  classEgress(src: number, dst: number): PortSet {
    if (!this.#enforced) return ALL_PORTS;
    return allowedByProfile(this.compiled.egress[src], (r) => ruleMatchesClass(r, dst), this.#class(dst));
  }

  /** An external source reaches a class if the class's ingress allows it (nothing controls the source). */
  ipToClass(atom: IpRange, dst: number): PortSet {
    if (!this.#enforced) return ALL_PORTS;
    return allowedByProfile(this.compiled.ingress[dst], (r) => ruleMatchesAtom(r, atom), this.#class(dst));
  }

  /** A class reaches an external IP if its egress allows it; a named port never matches an IP. */
  classToIp(src: number, atom: IpRange): PortSet {
    if (!this.#enforced) return ALL_PORTS;
    return allowedByProfile(this.compiled.egress[src], (r) => ruleMatchesAtom(r, atom), undefined);
  }

  /** Peer to peer: any pod of the source to any pod of the destination (their classes' union). */
  peerConnection(src: WorkloadPeer, dst: WorkloadPeer): PortSet {
    let ports = NO_PORTS;
    for (const s of src.classes)
      for (const d of dst.classes) ports = unionPorts(ports, this.classConnection(s, d));
    return ports;
  }

  peerToIp(src: WorkloadPeer, atom: IpRange): PortSet {
    return src.classes.reduce((acc, s) => unionPorts(acc, this.classToIp(s, atom)), NO_PORTS);
  }

  ipToPeer(atom: IpRange, dst: WorkloadPeer): PortSet {
    return dst.classes.reduce((acc, d) => unionPorts(acc, this.ipToClass(atom, d)), NO_PORTS);
  }

  /**
   * From one source class to every class, as a row. A non-isolated source costs one pass, and the
   * destination's ingress is decided once per distinct profile (classes selected by the same policies).
   */
  classRow(src: number): PortSet[] {
    const size = this.topology.classes.length;
    if (!this.#enforced) return new Array<PortSet>(size).fill(ALL_PORTS);
    const egress = this.#egressRow(src, size);
    const verdicts = new Array<SourceVerdict | undefined>(this.compiled.ingressProfileCount);
    const row = new Array<PortSet>(size);
    for (let d = 0; d < size; d++) {
      const out = egress ? (egress[d] ?? NO_PORTS) : ALL_PORTS;
      const profile = this.compiled.ingress[d];
      if (out === NO_PORTS || !profile) {
        row[d] = out;
        continue;
      }
      let verdict = verdicts[profile.id];
      if (!verdict) verdicts[profile.id] = verdict = sourceVerdict(profile, src);
      const ingress = verdict.named.length === 0 ? verdict.numbered : verdictPorts(verdict, this.#class(d));
      row[d] = intersectPorts(out, ingress);
    }
    return row;
  }

  /**
   * Two sources with the same key have the same `classRow`: a row depends on the source only through its
   * egress profile and which ingress rules (other than those open to every peer) pick it.
   */
  rowKey(src: number): string {
    if (!this.#enforced) return '';
    this.#rowOf ??= this.#rowPartition();
    return String(this.#rowOf[src] ?? -1);
  }

  /**
   * Classes partitioned by (egress profile, the ingress rules that pick them), by refinement: start with
   * one part per egress profile, then each rule splits every part it cuts into members and the rest. This
   * costs one step per rule member, where listing each class's rules and comparing the lists (the
   * definition) builds a string per class as long as the rules picking it.
   */
  #rowPartition(): Int32Array {
    const size = this.topology.classes.length;
    const part = new Int32Array(size);
    const byEgress = new Map<number, number>();
    for (let c = 0; c < size; c++) {
      const id = this.compiled.egress[c]?.id ?? -1;
      let p = byEgress.get(id);
      if (p === undefined) byEgress.set(id, (p = byEgress.size));
      part[c] = p;
    }
    let parts = byEgress.size;
    // For each old part, the rule that last split it and the part its picked members moved to.
    const splitBy: number[] = [];
    const splitInto: number[] = [];
    const seen = new Set<CompiledRule>();
    for (const profile of new Set(this.compiled.ingress)) {
      for (const rule of profile?.rules ?? []) {
        // A rule that picks every class (every namespace admitted) splits nothing: skipping it keeps the
        // cost to the members of rules that tell classes apart (each such rule was a pass over every class).
        if (rule.allPeers || rule.classes.members.length === size || seen.has(rule)) continue;
        seen.add(rule);
        for (const m of rule.classes.members) {
          const old = part[m] ?? 0;
          if (splitBy[old] !== seen.size) {
            splitBy[old] = seen.size;
            splitInto[old] = parts++;
          }
          part[m] = splitInto[old] ?? old;
        }
      }
    }
    return part;
  }

  /** The source's egress towards every class; `undefined` when it is not isolated for egress. */
  #egressRow(src: number, size: number): PortSet[] | undefined {
    const profile = this.compiled.egress[src];
    if (!profile) return undefined;
    const row = new Array<PortSet>(size).fill(NO_PORTS);
    for (const rule of profile.rules) {
      const targets = rule.allPeers ? row.keys() : rule.classes.members;
      for (const d of targets) row[d] = unionPorts(row[d] ?? NO_PORTS, resolvePorts(rule, this.#class(d)));
    }
    return row;
  }

  /**
   * Visits every allowed connection: workload pairs (never a workload with itself), then external ranges
   * in and out per workload, with adjacent atoms of equal verdict merged. Empty sets are left out.
   * `scope` restricts either side to one workload or to external addresses.
   */
  forEachConnection(visit: VisitConnection, scope: ConnectionScope = {}): void {
    forEachConnection(this, visit, scope);
  }

  /** The connections `forEachConnection` visits, collected. */
  connections(scope: ConnectionScope = {}): Connection[] {
    const out: Connection[] = [];
    forEachConnection(this, (src, dst, conn) => out.push({ src, dst, conn }), scope);
    return out;
  }
}
