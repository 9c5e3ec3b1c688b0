/** @module NetworkPolicy objects read defensively from `KubeObject.body`: a malformed part is ignored and recorded, never thrown. */
import type { IpRange, KubeObject, LabelSelector, PathSegment } from '../../model/index.js';
import { containsRange, isObject, parseCidr, parseLabelSelector } from '../../model/index.js';
import { MAX_PORT, MIN_PORT, isProtocol, portRange } from './port-set.js';
import type { Protocol } from './port-set.js';
import type { Direction, Peer, ParsedPolicy, PolicyProblem, PolicyRule, PortMatch } from './types.js';

/** Records a problem; returns `null`, the value of an unusable part. */
type Report = (path: readonly PathSegment[], message: string, level?: PolicyProblem['level']) => null;

/** IANA_SVC_NAME, as the API validates a named port: ≤ 15 lowercase alphanumerics or '-', with a letter. */
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

function selectorAt(value: unknown, at: readonly PathSegment[], report: Report): LabelSelector | null {
  return parseLabelSelector(value, (path, message) => report([...at, ...path], message));
}

function parseIpBlock(
  value: unknown,
  index: number,
  at: readonly PathSegment[],
  report: Report,
): Peer | null {
  if (!isObject(value)) return report(at, 'ipBlock is not a map');
  const { cidr: rawCidr, except: rawExcept = [] } = value;
  const cidr = typeof rawCidr === 'string' ? parseCidr(rawCidr) : undefined;
  if (!cidr || typeof rawCidr !== 'string')
    return report([...at, 'cidr'], `cidr ${JSON.stringify(rawCidr)} is not a CIDR`);
  if (!Array.isArray(rawExcept)) return report([...at, 'except'], 'except is not a list');
  const except: IpRange[] = [];
  for (const [i, text] of rawExcept.entries()) {
    const range = typeof text === 'string' ? parseCidr(text) : undefined;
    // The API requires each except to be a strict subset of cidr.
    const strict = range && containsRange(cidr, range) && (range.lo !== cidr.lo || range.hi !== cidr.hi);
    if (!range || !strict)
      return report(
        [...at, 'except', i],
        `except ${JSON.stringify(text)} is not a CIDR strictly inside ${rawCidr}`,
      );
    except.push(range);
  }
  const text = except.length === 0 ? rawCidr : `${rawCidr} except ${(rawExcept as string[]).join(', ')}`;
  return { kind: 'ipBlock', index, cidr, except, text };
}

function parsePeer(value: unknown, at: readonly PathSegment[], index: number, report: Report): Peer | null {
  if (!isObject(value)) return report(at, 'a peer is not a map');
  const { ipBlock, podSelector, namespaceSelector } = value;
  const hasSelector = podSelector !== undefined || namespaceSelector !== undefined;
  if (ipBlock !== undefined && hasSelector)
    return report(at, 'a peer may not combine ipBlock with a selector');
  if (ipBlock !== undefined) return parseIpBlock(ipBlock, index, [...at, 'ipBlock'], report);
  if (!hasSelector) return report(at, 'a peer must set podSelector, namespaceSelector or ipBlock');
  const pods = selectorAt(podSelector, [...at, 'podSelector'], report);
  const namespaces =
    namespaceSelector === undefined
      ? undefined
      : selectorAt(namespaceSelector, [...at, 'namespaceSelector'], report);
  if (!pods || namespaces === null) return null;
  return { kind: 'pods', index, podSelector: pods, namespaceSelector: namespaces };
}

function parseNumberedPort(
  value: Readonly<Record<string, unknown>>,
  protocol: Protocol,
  at: readonly PathSegment[],
  report: Report,
) {
  const { port, endPort } = value;
  if (port === undefined) {
    if (endPort !== undefined) return report([...at, 'endPort'], 'endPort needs a numeric port');
    return portRange(protocol);
  }
  if (typeof port !== 'number' || !Number.isInteger(port) || port < MIN_PORT || port > MAX_PORT) {
    return report([...at, 'port'], `port ${JSON.stringify(port)} is not 1-65535`);
  }
  if (endPort === undefined) return portRange(protocol, port);
  if (typeof endPort !== 'number' || !Number.isInteger(endPort) || endPort < port || endPort > MAX_PORT) {
    return report([...at, 'endPort'], `endPort ${JSON.stringify(endPort)} is not between port and 65535`);
  }
  return portRange(protocol, port, endPort);
}

function parsePort(value: unknown, at: readonly PathSegment[], report: Report): PortMatch | null {
  if (!isObject(value)) return report(at, 'a port entry is not a map');
  const protocol = value['protocol'] ?? 'TCP';
  // The API accepts only these spellings (case-sensitive); the default is TCP.
  if (typeof protocol !== 'string' || !isProtocol(protocol)) {
    return report([...at, 'protocol'], `protocol ${JSON.stringify(protocol)} is not TCP, UDP or SCTP`);
  }
  const { port } = value;
  if (typeof port === 'string') {
    if (value['endPort'] !== undefined)
      return report([...at, 'endPort'], 'endPort cannot follow a named port');
    if (!PORT_NAME.test(port))
      return report([...at, 'port'], `port ${JSON.stringify(port)} is not a valid port name`);
    return { kind: 'named', protocol, name: port };
  }
  const ports = parseNumberedPort(value, protocol, at, report);
  return ports && { kind: 'numbered', ports };
}

/**
 * A list field: absent/null/empty is `undefined` (every peer or port); `[]` when every entry was unusable;
 * `null` when the field is not a list.
 */
function parseList<T>(
  value: unknown,
  at: readonly PathSegment[],
  report: Report,
  parse: (entry: unknown, at: readonly PathSegment[], index: number) => T | null,
): readonly T[] | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return report(at, `${String(at[at.length - 1])} is not a list`);
  if (value.length === 0) return undefined;
  // `map` sizes the list exactly; one grown by `push` keeps room for 16 more, and the policies of a large
  // cluster keep hundreds of thousands of these lists (two per rule).
  const out = value.map((entry, index) => parse(entry, [...at, index], index));
  return out.includes(null) ? out.filter((parsed): parsed is T => parsed !== null) : (out as T[]);
}

function parseRule(value: unknown, direction: Direction, index: number, report: Report): PolicyRule | null {
  const path = ['spec', direction, index];
  if (!isObject(value)) return report(path, `${direction} rule is not a map`);
  const peerKey = direction === 'ingress' ? 'from' : 'to';
  const peers = parseList(value[peerKey], [...path, peerKey], report, (e, at, i) =>
    parsePeer(e, at, i, report),
  );
  const ports = parseList(value['ports'], [...path, 'ports'], report, (e, at) => parsePort(e, at, report));
  // A list of the wrong type drops the whole rule: reading it as "every peer" would invent access.
  if (peers === null || ports === null) return null;
  return { direction, index, path, peers, ports };
}

function parseRules(
  spec: Readonly<Record<string, unknown>>,
  direction: Direction,
  report: Report,
): PolicyRule[] {
  const raw = spec[direction];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    report(['spec', direction], `${direction} is not a list`);
    return [];
  }
  return raw.flatMap((rule, index) => parseRule(rule, direction, index, report) ?? []);
}

/**
 * `policyTypes`, or when omitted (or empty, which the API defaults the same way) the inferred value:
 * Ingress always, Egress only when the policy has egress rules.
 */
function effectiveTypes(spec: Readonly<Record<string, unknown>>, report: Report) {
  const raw = spec['policyTypes'];
  const stated = Array.isArray(raw) ? raw : [];
  if (raw !== undefined && raw !== null && !Array.isArray(raw))
    report(['spec', 'policyTypes'], 'policyTypes is not a list');
  stated.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress')
      report(['spec', 'policyTypes', i], `policyType ${JSON.stringify(t)} is not Ingress or Egress`);
  });
  const valid = stated.filter((t) => t === 'Ingress' || t === 'Egress');
  if (valid.length === 0) {
    const egress = spec['egress'];
    return { ingress: true, egress: Array.isArray(egress) && egress.length > 0, inferred: true };
  }
  return { ingress: valid.includes('Ingress'), egress: valid.includes('Egress'), inferred: false };
}

function warnIgnoredRules(
  spec: Readonly<Record<string, unknown>>,
  types: { ingress: boolean; egress: boolean },
  report: Report,
) {
  for (const direction of ['ingress', 'egress'] as const) {
    const rules = spec[direction];
    if (types[direction] || !Array.isArray(rules) || rules.length === 0) continue;
    const type = direction === 'ingress' ? 'Ingress' : 'Egress';
    report(
      ['spec', direction],
      `${direction} rules are ignored: policyTypes does not include ${type}`,
      'warning',
    );
  }
}

/** Reads one NetworkPolicy; `null` (with a problem) when its spec is unusable as a whole. */
export function parseNetworkPolicy(object: KubeObject, problems: PolicyProblem[]): ParsedPolicy | null {
  const report: Report = (path, message, level = 'error') => {
    problems.push({ policy: object, path, level, message });
    return null;
  };
  // A missing spec decodes as the zero spec: podSelector {} and inferred policyTypes [Ingress], so it
  // isolates every pod of the namespace for ingress.
  const spec = object.body['spec'] ?? {};
  if (!isObject(spec)) return report(['spec'], 'spec is not a map');
  // podSelector is a required struct: when absent it decodes as {}, which selects every pod.
  const podSelector = selectorAt(spec['podSelector'], ['spec', 'podSelector'], report);
  const types = effectiveTypes(spec, report);
  warnIgnoredRules(spec, types, report);
  const namespace = object.namespace ?? 'default';
  return {
    object,
    namespace,
    name: object.name,
    id: `${namespace}/${object.name}`,
    podSelector,
    affectsIngress: types.ingress,
    affectsEgress: types.egress,
    policyTypesInferred: types.inferred,
    ingress: types.ingress ? parseRules(spec, 'ingress', report) : [],
    egress: types.egress ? parseRules(spec, 'egress', report) : [],
  };
}

/**
 * Every NetworkPolicy in `objects`. Two with the same namespace and name are one object in a cluster:
 * the later one wins, as a later `kubectl apply` would, and the earlier is reported.
 */
export function parseNetworkPolicies(objects: readonly KubeObject[]): {
  policies: ParsedPolicy[];
  problems: PolicyProblem[];
} {
  const problems: PolicyProblem[] = [];
  const byId = new Map<string, ParsedPolicy>();
  for (const object of objects) {
    if (object.kind !== 'NetworkPolicy') continue;
    const policy = parseNetworkPolicy(object, problems);
    if (!policy) continue;
    const earlier = byId.get(policy.id);
    if (earlier) {
      const message = `NetworkPolicy ${policy.id} is defined again later in the input, which replaces this one`;
      problems.push({ policy: earlier.object, path: [], level: 'warning', message });
      byId.delete(policy.id);
    }
    byId.set(policy.id, policy);
  }
  return { policies: [...byId.values()], problems };
}
