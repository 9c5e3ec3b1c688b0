/**
 * @module `reach` over several cluster scopes: each scope's reachability on its own (no connection crosses two
 * clusters); a connection found in several scopes (the same app installed twice) is one row naming them all.
 */
import type { ClusterModel } from '../model/index.js';
import { parseIp } from '../model/index.js';
import { endpointName, formatConn } from '../analysis/netpol/connection-list.js';
import { UsageError } from '../errors.js';
import type {
  Connection,
  Enforcement,
  PairExplanation,
  ReachabilityOptions,
  ReachFocus,
  ReachResult,
} from './reach.js';
import { reach, unknownSideError } from './reach.js';
import type { WorkloadPeer } from '../analysis/netpol/index.js';

/** A cluster scope as `reach` states it: its name, why its inputs are one cluster, and its files. */
export interface ReachScope {
  readonly name: string;
  readonly reason: string;
  readonly files: readonly string[];
  readonly model: ClusterModel;
}

/** A scope as the answer states it: the inputs that form it, and whether its policies are enforced. */
export interface ScopeStatement extends Omit<ReachScope, 'model'> {
  readonly enforcement: Enforcement;
}

/** One scope's answer. */
export interface ScopeReach {
  readonly scope: Omit<ReachScope, 'model'>;
  readonly result: ReachResult;
}

/** A connection and the scopes it holds in, in scope order. */
export interface ScopedConnection {
  readonly connection: Connection;
  readonly scopes: readonly string[];
}

/** The allowed connections in a focus, over the scopes that hold it. */
export interface ScopedReachConnections {
  /** Every scope of the inputs (the statement of the scoping names them all), with its enforcement. */
  readonly all: readonly ScopeStatement[];
  /** The scopes that hold the focus, with their enforcement and workloads. */
  readonly scopes: readonly {
    readonly scope: Omit<ReachScope, 'model'>;
    readonly enforcement: Enforcement;
    readonly peers: readonly WorkloadPeer[];
    readonly list: () => Connection[];
  }[];
  /** The connections of every scope, sorted by (source, destination); identical ones merged. */
  readonly list: () => ScopedConnection[];
}

/** Why `from` → `to` is (not) connected, in each scope holding both. */
export interface ScopedExplanation {
  readonly all: readonly ScopeStatement[];
  readonly explanations: readonly {
    readonly scope: Omit<ReachScope, 'model'>;
    readonly explanation: PairExplanation;
  }[];
}

export interface ScopedReachResult {
  readonly scopes: readonly ScopeReach[];
  readonly connections: (focus?: ReachFocus) => ScopedReachConnections;
  readonly explain: (from: string, to: string) => ScopedExplanation;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Whether a `--from`/`--to` value is an address or a workload of this scope. */
function holds(result: ReachResult, side: string | undefined): boolean {
  return side === undefined || parseIp(side) !== undefined || result.peers.some((p) => p.id === side);
}

/**
 * The scopes holding both sides. A side in no scope is today's usage error (with names from every scope);
 * two sides each in some scope but never together are a usage error naming where each one is.
 */
function scopesHolding(scopes: readonly ScopeReach[], from?: string, to?: string): ScopeReach[] {
  const peers = scopes.flatMap(({ result }) => result.peers);
  for (const [flag, side] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    if (!scopes.some(({ result }) => holds(result, side)) && side !== undefined)
      throw unknownSideError(flag, side, peers);
  }
  const holding = scopes.filter(({ result }) => holds(result, from) && holds(result, to));
  if (holding.length > 0) return holding;
  const where = (side: string | undefined): string =>
    scopes
      .filter(({ result }) => holds(result, side))
      .map(({ scope }) => scope.name)
      .join(', ');
  throw new UsageError(
    `--from "${from ?? ''}" (cluster scope ${where(from)}) and --to "${to ?? ''}" (cluster scope ${where(to)}) are in no common cluster scope; --cluster-scope all analyses every input as one cluster`,
  );
}

/** One row per (source, destination, ports), naming every scope where it holds. */
function mergeConnections(
  scopes: readonly { readonly scope: { readonly name: string }; readonly list: () => Connection[] }[],
): ScopedConnection[] {
  const merged = new Map<string, { connection: Connection; scopes: string[]; src: string; dst: string }>();
  for (const { scope, list } of scopes) {
    for (const connection of list()) {
      const src = endpointName(connection.src);
      const dst = endpointName(connection.dst);
      const key = `${src}\0${dst}\0${JSON.stringify(formatConn(connection.conn))}`;
      const found = merged.get(key);
      if (found === undefined) merged.set(key, { connection, scopes: [scope.name], src, dst });
      else found.scopes.push(scope.name);
    }
  }
  // A stable sort: rows of one pair keep the order of the first scope that holds each.
  return [...merged.values()]
    .sort((a, b) => compare(a.src, b.src) || compare(a.dst, b.dst))
    .map(({ connection, scopes: names }) => ({ connection, scopes: names }));
}

const described = ({ name, reason, files }: ReachScope): Omit<ReachScope, 'model'> => ({
  name,
  reason,
  files,
});

/** Each scope's reachability on its own. */
export function reachInScopes(
  scopes: readonly ReachScope[],
  options: ReachabilityOptions = {},
): ScopedReachResult {
  const results = scopes.map((scope) => ({ scope: described(scope), result: reach(scope.model, options) }));
  const all = results.map(({ scope, result }) => ({ ...scope, enforcement: result.enforcement }));
  return {
    scopes: results,
    connections: (focus = {}) => {
      const asked = scopesHolding(results, focus.from, focus.to).map(({ scope, result }) => {
        const connections = result.connections(focus);
        return {
          scope,
          enforcement: connections.enforcement,
          peers: connections.peers,
          list: connections.list,
        };
      });
      return { all, scopes: asked, list: () => mergeConnections(asked) };
    },
    explain: (from, to) => ({
      all,
      explanations: scopesHolding(results, from, to).map(({ scope, result }) => ({
        scope,
        explanation: result.explain(from, to),
      })),
    }),
  };
}
