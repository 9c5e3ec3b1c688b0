/** @module The parsed NetworkPolicy model the reachability engine works on, and the problems parsing found. */
import type { IpRange, KubeObject, LabelSelector, PathSegment } from '../../model/index.js';
import type { PortSet, Protocol } from './port-set.js';

export type Direction = 'ingress' | 'egress';

/**
 * Something in a NetworkPolicy the engine could not use (the API server would reject it), or a valid
 * construct that likely does not do what its author meant. The unusable part is ignored: it allows nothing.
 */
export interface PolicyProblem {
  readonly policy: KubeObject;
  /** Path from the object root, e.g. `['spec', 'ingress', 0, 'from', 1, 'ipBlock', 'cidr']`. */
  readonly path: readonly PathSegment[];
  readonly level: 'error' | 'warning';
  readonly message: string;
}

/** Pods chosen by selectors. `namespaceSelector` undefined means the policy's own namespace. */
export interface PodPeer {
  readonly kind: 'pods';
  readonly index: number;
  readonly namespaceSelector: LabelSelector | undefined;
  readonly podSelector: LabelSelector;
}

/** `ipBlock`: `cidr` minus every `except`. */
export interface IpBlockPeer {
  readonly kind: 'ipBlock';
  readonly index: number;
  readonly cidr: IpRange;
  readonly except: readonly IpRange[];
  /** As written: `0.0.0.0/0 except 10.0.0.0/8`. */
  readonly text: string;
}

export type Peer = PodPeer | IpBlockPeer;

/** A `NetworkPolicyPort`: numbers (a port, all ports, or `port..endPort`) or a name resolved per destination pod. */
export type PortMatch =
  | { readonly kind: 'numbered'; readonly ports: PortSet }
  | { readonly kind: 'named'; readonly protocol: Protocol; readonly name: string };

export interface PolicyRule {
  readonly direction: Direction;
  readonly index: number;
  /** `['spec', 'ingress', 0]`. */
  readonly path: readonly PathSegment[];
  /** `undefined`: `from`/`to` absent or empty, so every peer (pods and IPs). `[]`: every peer was unusable. */
  readonly peers: readonly Peer[] | undefined;
  /** `undefined`: `ports` absent or empty, so every port of every protocol. */
  readonly ports: readonly PortMatch[] | undefined;
}

export interface ParsedPolicy {
  readonly object: KubeObject;
  readonly namespace: string;
  readonly name: string;
  /** `namespace/name`. */
  readonly id: string;
  /** `null` when the selector is unusable: the policy then selects no pod. */
  readonly podSelector: LabelSelector | null;
  /** The effective policyTypes: stated, or inferred (Ingress always; Egress when egress rules exist). */
  readonly affectsIngress: boolean;
  readonly affectsEgress: boolean;
  readonly policyTypesInferred: boolean;
  /** Rules of a direction the policy does not affect are dropped (the API ignores them). */
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
}
