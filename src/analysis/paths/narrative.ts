/**
 * @module The seeds' breach, step by step, for one landing workload: token mounted → service account bound
 * broadly → secrets readable → other workloads reachable over a flat network → token usable from outside
 * through the public API server. Each step is open (with its edges as evidence) or blocked (with the
 * controls that block it).
 */
import type { ClusterModel } from '../../model/index.js';
import { attackGraphOf, isApiServerExposureUnknown, publicApiServer } from './graph.js';
import type { AttackGraph, GraphEdge } from './types.js';
import { API_SERVER, tokenId, workloadId } from './types.js';
import { rbacAnalysisOf } from '../rbac/rbac-analysis.js';

export type NarrativeStepId =
  'token-mounted' | 'account-bound' | 'secrets-readable' | 'flat-network' | 'token-from-outside';

export interface NarrativeStep {
  readonly id: NarrativeStepId;
  readonly title: string;
  /** `unknown` when the inputs cannot decide it (a control it hinges on is not assessed). */
  readonly status: 'open' | 'blocked' | 'unknown';
  /** The graph edges that make the step possible (empty when blocked or unknown). */
  readonly edges: readonly GraphEdge[];
  /** When blocked: the rule ids whose controls block it, each independently sufficient (empty otherwise). */
  readonly blockedBy: readonly string[];
  readonly detail: string;
}

const RIGHTS = new Set([
  'secret-read',
  'pod-exec',
  'pod-create',
  'escalation',
  'token-create',
  'cluster-admin',
]);

function step(
  id: NarrativeStepId,
  title: string,
  edges: readonly GraphEdge[],
  blockedBy: readonly string[],
  detail: string,
): NarrativeStep {
  const open = edges.length > 0;
  return { id, title, status: open ? 'open' : 'blocked', edges, blockedBy: open ? [] : blockedBy, detail };
}

/** The token the workload's pods would carry were it mounted (its service account's, from the graph). */
function accountToken(graph: AttackGraph, workload: string, model: ClusterModel): string | undefined {
  const mounted = (graph.out.get(workload) ?? []).find((e) => e.kind === 'token-mounted');
  if (mounted) return mounted.to;
  return accountTokens(model).get(workload);
}

const tokensOf = new WeakMap<ClusterModel, ReadonlyMap<string, string>>();

/** Each workload's account token, by workload id: the first workload of an id, as a search of the list finds it. */
function accountTokens(model: ClusterModel): ReadonlyMap<string, string> {
  let found = tokensOf.get(model);
  if (!found) {
    const map = new Map<string, string>();
    for (const w of rbacAnalysisOf(model).index.workloads) {
      const id = workloadId(w.namespace, w.name);
      if (!map.has(id)) map.set(id, tokenId(w.namespace, w.serviceAccountName));
    }
    tokensOf.set(model, (found = map));
  }
  return found;
}

/** Network steps shown as evidence; the rest are counted (a flat cluster of 10,000 has 10,000). */
const SHOWN = 8;

const more = (count: number, shown: number): string => (count > shown ? ` (and ${count - shown} more)` : '');

interface NetworkSummary {
  readonly flat: readonly GraphEdge[];
  readonly flatCount: number;
  readonly allowed: { readonly ids: readonly string[]; readonly count: number };
}

/** The landing workload's connections: the first flat ones as edges, the restricted ones by name. */
function networkOf(graph: AttackGraph, workload: string): NetworkSummary {
  const explicit = (graph.out.get(workload) ?? []).filter((e) => e.kind === 'network');
  const flat = explicit.filter((e) => e.flat === true);
  const allowed = explicit.filter((e) => e.flat !== true).map((e) => e.to);
  const layer = graph.network;
  const from = layer?.indexOf.get(workload);
  let flatCount = flat.length;
  let allowedCount = allowed.length;
  if (layer && from !== undefined) {
    for (const to of layer.targets(from)) {
      if (layer.isFlat(from, to)) {
        flatCount++;
        if (flat.length < SHOWN) flat.push(layer.edge(from, to));
      } else {
        allowedCount++;
        if (allowed.length < SHOWN) allowed.push(layer.ids[to] ?? '');
      }
    }
  }
  return {
    flat: flat.slice(0, SHOWN),
    flatCount,
    allowed: { ids: allowed.slice(0, SHOWN), count: allowedCount },
  };
}

export function narrativeOf(model: ClusterModel, workload: string): NarrativeStep[] {
  const graph = attackGraphOf(model);
  const out = graph.out.get(workload) ?? [];
  const mounted = out.filter((e) => e.kind === 'token-mounted');
  const token = accountToken(graph, workload, model);
  const rights = (token === undefined ? [] : (graph.out.get(token) ?? [])).filter((e) => RIGHTS.has(e.kind));
  const noToken = mounted.length === 0 ? ['no-automount-token'] : [];
  const secrets = rights.filter((e) => e.kind === 'secret-read');
  const { flat, flatCount, allowed } = networkOf(graph, workload);
  const api = (token === undefined ? [] : (graph.out.get(token) ?? [])).filter((e) => e.to === API_SERVER);
  const live = (edges: GraphEdge[]): GraphEdge[] => (mounted.length === 0 ? [] : edges);
  return [
    step(
      'token-mounted',
      'a service account token is mounted in the pod',
      mounted,
      ['no-automount-token'],
      mounted[0]?.evidence ?? 'no token is mounted',
    ),
    step(
      'account-bound',
      'the service account is bound to broad rights',
      live(rights),
      [...noToken, ...(rights.length === 0 ? ['no-secret-read', 'no-pod-exec-or-create'] : [])],
      [...new Set(rights.map((e) => e.evidence))].join('; ') ||
        'the service account holds no dangerous rights',
    ),
    step(
      'secrets-readable',
      'secrets are readable with the token',
      live(secrets),
      [...noToken, ...(secrets.length === 0 ? ['no-secret-read'] : [])],
      secrets.map((e) => e.evidence).join('; ') || 'the service account cannot read secrets',
    ),
    step(
      'flat-network',
      'other workloads (the database) are reachable over a flat network',
      flat,
      ['require-default-deny'],
      flat.length > 0
        ? `${flatCount} workload(s) reachable on every port: ${flat.map((e) => e.evidence).join('; ')}${more(flatCount, flat.length)}`
        : `no unrestricted connection${allowed.ids.length > 0 ? `; NetworkPolicy allows only ${allowed.ids.join(', ')}${more(allowed.count, allowed.ids.length)}` : ''}`,
    ),
    tokenFromOutside(live(api), noToken, model),
  ];
}

/** The last step: open with the API edge, blocked with no token to steal, else unknown when the inputs cannot say. */
function tokenFromOutside(
  api: readonly GraphEdge[],
  noToken: readonly string[],
  model: ClusterModel,
): NarrativeStep {
  const unknown = isApiServerExposureUnknown(model.clusters);
  const isPrivate = !unknown && publicApiServer(model.clusters) === undefined;
  const title = 'the token is usable from outside through the public API server';
  if (api.length === 0 && noToken.length === 0 && unknown)
    return {
      id: 'token-from-outside',
      title,
      status: 'unknown',
      edges: [],
      blockedBy: [],
      detail:
        model.clusters.length === 0
          ? 'not assessed: no cluster definition in the inputs says whether the API server is public (require-private-cluster is not assessed)'
          : 'not assessed: the cluster definition does not say whether the API server is public (require-private-cluster is not assessed)',
    };
  return step(
    'token-from-outside',
    title,
    api,
    [...noToken, ...(isPrivate ? ['require-private-cluster'] : [])],
    api[0]?.evidence ?? 'the API server does not take the token from the internet',
  );
}
