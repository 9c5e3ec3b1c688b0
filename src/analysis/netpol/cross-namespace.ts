/**
 * @module Reach from other namespaces that no policy names: through a destination no ingress policy
 * isolates, or through a rule open to every peer or every namespace (`from` empty, `namespaceSelector: {}`).
 */
import type { CompiledRule } from './compile.js';
import { resolvePorts } from './evaluate.js';
import { NO_PORTS, intersectPorts, isEmptyPorts } from './port-set.js';
import type { PortSet } from './port-set.js';
import type { Reachability } from './reachability.js';

export interface UnnamedReach {
  /** A source class that gets through. */
  readonly source: number;
  readonly ports: PortSet;
  /** `undefined`: the destination is not isolated for ingress; otherwise the wildcard rule that lets the source in. */
  readonly rule: CompiledRule | undefined;
}

function isWildcard(rule: CompiledRule): boolean {
  if (rule.allPeers) return true;
  return (rule.rule.peers ?? []).some(
    (p) => p.kind === 'pods' && p.namespaceSelector?.requirements.length === 0,
  );
}

/** The sources a wildcard rule admits (every class for `from` empty). */
function* admitted(result: Reachability, rule: CompiledRule): Generator<number> {
  if (rule.allPeers) {
    yield* result.topology.classes.keys();
    return;
  }
  const peers = rule.rule.peers ?? [];
  for (const [i, peer] of peers.entries()) {
    if (peer.kind === 'pods' && peer.namespaceSelector?.requirements.length === 0)
      yield* rule.peerClasses[i]?.members ?? [];
  }
}

/** Every class, those not isolated for egress first (each part in class order), computed once per result. */
const byOpenness = new WeakMap<Reachability, readonly number[]>();

function classesByEgressOpenness(result: Reachability): readonly number[] {
  let found = byOpenness.get(result);
  if (!found) {
    const classes = [...result.topology.classes.keys()];
    const isolated = (c: number): boolean => result.compiled.egress[c] !== undefined;
    found = [...classes.filter((c) => !isolated(c)), ...classes.filter(isolated)];
    byOpenness.set(result, found);
  }
  return found;
}

/**
 * One source, among those `isOther` accepts, that reaches class `dst` without a policy naming it; undefined
 * when every such connection is allowed by a rule that names the source's namespace or pods.
 */
export function findUnnamedReach(
  result: Reachability,
  dst: number,
  isOther: (source: number) => boolean,
): UnnamedReach | undefined {
  // With no engine, nothing is isolated whatever the policies say.
  const profile = result.enforcement.state === 'not-enforced' ? undefined : result.compiled.ingress[dst];
  if (!profile) {
    // Sources not isolated for egress first: they reach an open destination with no further check.
    for (const source of classesByEgressOpenness(result)) {
      if (!isOther(source)) continue;
      const ports = result.classConnection(source, dst);
      if (!isEmptyPorts(ports)) return { source, ports, rule: undefined };
    }
    return undefined;
  }
  const destination = result.topology.classes[dst];
  for (const rule of profile.rules.filter(isWildcard)) {
    for (const source of admitted(result, rule)) {
      if (!isOther(source)) continue;
      const ports = intersectPorts(result.classEgress(source, dst), resolvePorts(rule, destination));
      if (ports !== NO_PORTS && !isEmptyPorts(ports)) return { source, ports, rule };
    }
  }
  return undefined;
}
