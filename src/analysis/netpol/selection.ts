/**
 * @module Which pod classes a selector picks, computed once per distinct selector through a per-namespace
 * label index (so a large cluster never matches every selector against every pod).
 */
import type { PodClass, Topology } from './classes.js';
import type { ClassSet } from './class-set.js';
import { classSetOf } from './class-set.js';
import type { LabelSelector } from '../../model/index.js';
import { containsIp, matchesSelector } from '../../model/index.js';
import type { IpBlockPeer, PodPeer } from './types.js';

interface NamespaceIndex {
  /** Selectable classes of the namespace. */
  readonly all: readonly number[];
  /** `key=value` → classes, and `key` → classes. */
  readonly byLabel: Map<string, number[]>;
  readonly byKey: Map<string, number[]>;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function buildIndexes(classes: readonly PodClass[]): Map<string, NamespaceIndex> {
  const indexes = new Map<
    string,
    { all: number[]; byLabel: Map<string, number[]>; byKey: Map<string, number[]> }
  >();
  for (const c of classes) {
    // hostNetwork pods treated as the node are invisible to selectors.
    if (!c.selectable) continue;
    let index = indexes.get(c.namespace);
    if (!index) indexes.set(c.namespace, (index = { all: [], byLabel: new Map(), byKey: new Map() }));
    index.all.push(c.index);
    for (const [k, v] of Object.entries(c.labels)) {
      push(index.byLabel, `${k}=${v}`, c.index);
      push(index.byKey, k, c.index);
    }
  }
  return indexes;
}

/** The smallest candidate list an `In` or `Exists` requirement allows; every class when none does. */
function candidates(index: NamespaceIndex, selector: LabelSelector): readonly number[] {
  let best: readonly number[] = index.all;
  for (const req of selector.requirements) {
    let list: readonly number[] | undefined;
    if (req.operator === 'Exists') list = index.byKey.get(req.key) ?? [];
    if (req.operator === 'In') {
      list =
        req.values.length === 1
          ? (index.byLabel.get(`${req.key}=${req.values[0] ?? ''}`) ?? [])
          : req.values.flatMap((v) => index.byLabel.get(`${req.key}=${v}`) ?? []);
    }
    if (list && list.length < best.length) best = list;
  }
  return best;
}

export class Selection {
  readonly #topology: Topology;
  readonly #indexes: Map<string, NamespaceIndex>;
  readonly #podCache = new Map<string, readonly number[]>();
  readonly #namespaceCache = new Map<string, readonly string[]>();
  readonly #peerCache = new Map<string, ClassSet>();

  constructor(topology: Topology) {
    this.#topology = topology;
    this.#indexes = buildIndexes(topology.classes);
  }

  /** Selectable classes of `namespace` whose labels match `selector`. */
  podsIn(namespace: string, selector: LabelSelector): readonly number[] {
    const key = `${namespace}\u0000${selector.key}`;
    let hit = this.#podCache.get(key);
    if (hit) return hit;
    const index = this.#indexes.get(namespace);
    const classes = this.#topology.classes;
    hit = index
      ? candidates(index, selector).filter((i) => matchesSelector(selector, classes[i]?.labels ?? {}))
      : [];
    this.#podCache.set(key, hit);
    return hit;
  }

  /** Namespaces (by their labels, `kubernetes.io/metadata.name` included) that `selector` matches. */
  namespaces(selector: LabelSelector): readonly string[] {
    let hit = this.#namespaceCache.get(selector.key);
    if (hit) return hit;
    hit = [...this.#topology.namespaces]
      .filter(([, labels]) => matchesSelector(selector, labels))
      .map(([n]) => n);
    this.#namespaceCache.set(selector.key, hit);
    return hit;
  }

  /** The classes a pod peer picks: podSelector AND namespaceSelector (or the policy's own namespace). */
  podPeer(peer: PodPeer, policyNamespace: string): ClassSet {
    const nsKey = peer.namespaceSelector ? `sel:${peer.namespaceSelector.key}` : `ns:${policyNamespace}`;
    const key = `${nsKey}\u0000${peer.podSelector.key}`;
    let hit = this.#peerCache.get(key);
    if (hit) return hit;
    const namespaces = peer.namespaceSelector ? this.namespaces(peer.namespaceSelector) : [policyNamespace];
    hit = classSetOf(
      this.#topology.classes.length,
      namespaces.flatMap((ns) => this.podsIn(ns, peer.podSelector)),
    );
    this.#peerCache.set(key, hit);
    return hit;
  }

  /** Classes whose stated pod IP is inside the block (used only when ipBlocks may match pods). */
  ipBlockPods(peer: IpBlockPeer): readonly number[] {
    return this.#topology.classes
      .filter((c) => c.ips.some((ip) => ipInBlock(peer, ip.family, ip.value)))
      .map((c) => c.index);
  }
}

export function ipInBlock(peer: IpBlockPeer, family: 4 | 6, value: bigint): boolean {
  return containsIp(peer.cidr, family, value) && !peer.except.some((e) => containsIp(e, family, value));
}
