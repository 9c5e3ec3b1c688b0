/**
 * @module Used requests into the narrowest PolicyRules that allow them, per scope: a namespace (a Role
 * and RoleBinding there) or `''` (a ClusterRole and ClusterRoleBinding, only for cluster-scoped
 * resources, requests across all namespaces and non-resource URLs).
 *
 * Aggregation: `watch` brings `list` (a watch starts from a list, and informers relist); `list` brings
 * `get` (a list already returns every object, so get reveals nothing more). Verbs that name an object
 * (get, update, patch, delete…) keep `resourceNames` when at most five names were used; create, list,
 * watch and deletecollection never carry a name. Rules with the same group, verbs and names share one
 * rule; the order is stable (core group first, then by group, resource, and kubectl's verb order).
 */
import type { AccessRequest, PolicyRule } from '../../analysis/rbac/types.js';

export const MAX_RESOURCE_NAMES = 5;

const UNNAMED_VERBS = new Set(['create', 'list', 'watch', 'deletecollection']);
const VERB_ORDER = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

export function sortVerbs(verbs: Iterable<string>): string[] {
  const rank = (verb: string) => {
    const i = VERB_ORDER.indexOf(verb);
    return i < 0 ? VERB_ORDER.length : i;
  };
  return [...new Set(verbs)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

interface VerbUse {
  readonly names: Set<string>;
  unnamed: boolean;
}

type ResourceUse = Map<string, VerbUse>;

export interface ScopedRules {
  /** `''`: cluster-wide (ClusterRole + ClusterRoleBinding). */
  readonly namespace: string;
  readonly rules: readonly PolicyRule[];
}

const useOf = (uses: ResourceUse, verb: string): VerbUse => {
  let use = uses.get(verb);
  if (use === undefined) uses.set(verb, (use = { names: new Set(), unnamed: false }));
  return use;
};

function record(uses: ResourceUse, verb: string, name: string): void {
  const use = useOf(uses, verb);
  if (name === '' || UNNAMED_VERBS.has(verb)) use.unnamed = true;
  else use.names.add(name);
}

function addImplied(uses: ResourceUse): void {
  if (uses.has('watch')) useOf(uses, 'list').unnamed = true;
  if (uses.get('list')?.unnamed === true) useOf(uses, 'get').unnamed = true;
}

interface Draft {
  readonly apiGroup: string;
  readonly verbs: readonly string[];
  readonly names: readonly string[];
  readonly resources: string[];
}

/** The rules of one resource: unnamed verbs together, named verbs grouped by their exact name sets. */
function resourceDrafts(apiGroup: string, uses: ResourceUse): Omit<Draft, 'resources'>[] {
  addImplied(uses);
  const unnamed = new Set<string>();
  const byNames = new Map<string, { names: string[]; verbs: string[] }>();
  for (const [verb, use] of uses) {
    if (use.unnamed || use.names.size > MAX_RESOURCE_NAMES) {
      unnamed.add(verb);
      continue;
    }
    const names = [...use.names].sort();
    const key = JSON.stringify(names);
    const group = byNames.get(key) ?? { names, verbs: [] };
    group.verbs.push(verb);
    byNames.set(key, group);
  }
  const drafts: Omit<Draft, 'resources'>[] = [];
  if (unnamed.size > 0) drafts.push({ apiGroup, verbs: sortVerbs(unnamed), names: [] });
  for (const group of byNames.values())
    drafts.push({ apiGroup, verbs: sortVerbs(group.verbs), names: group.names });
  return drafts;
}

const groupRank = (group: string): string => (group === '' ? '' : `~${group}`);

function toRules(resources: Map<string, ResourceUse>): PolicyRule[] {
  const merged = new Map<string, Draft>();
  const keys = [...resources.keys()].sort((a, b) => {
    const [ga = '', ra = ''] = a.split('\u0000');
    const [gb = '', rb = ''] = b.split('\u0000');
    return groupRank(ga).localeCompare(groupRank(gb)) || ra.localeCompare(rb);
  });
  for (const key of keys) {
    const [apiGroup = '', resource = ''] = key.split('\u0000');
    for (const draft of resourceDrafts(apiGroup, resources.get(key) ?? new Map<string, VerbUse>())) {
      const mergeKey = JSON.stringify([draft.apiGroup, draft.verbs, draft.names]);
      const existing = merged.get(mergeKey);
      if (existing) existing.resources.push(resource);
      else merged.set(mergeKey, { ...draft, resources: [resource] });
    }
  }
  return [...merged.values()].map((draft) => ({
    apiGroups: [draft.apiGroup],
    resources: draft.resources,
    verbs: draft.verbs,
    resourceNames: draft.names,
    nonResourceURLs: [],
  }));
}

function urlRules(urls: Map<string, Set<string>>): PolicyRule[] {
  const byVerbs = new Map<string, string[]>();
  for (const path of [...urls.keys()].sort()) {
    const verbs = JSON.stringify(sortVerbs(urls.get(path) ?? []));
    byVerbs.set(verbs, [...(byVerbs.get(verbs) ?? []), path]);
  }
  return [...byVerbs].map(([verbs, paths]) => ({
    apiGroups: [],
    resources: [],
    verbs: JSON.parse(verbs) as string[],
    resourceNames: [],
    nonResourceURLs: paths,
  }));
}

/** The rules covering exactly these requests, by scope: namespaces in order, cluster-wide last. */
export function narrowRules(requests: readonly AccessRequest[]): ScopedRules[] {
  const scopes = new Map<string, Map<string, ResourceUse>>();
  const urls = new Map<string, Set<string>>();
  for (const request of requests) {
    if (request.kind === 'non-resource') {
      const verbs = urls.get(request.path) ?? new Set<string>();
      verbs.add(request.verb);
      urls.set(request.path, verbs);
      continue;
    }
    const scope = scopes.get(request.namespace) ?? new Map<string, ResourceUse>();
    scopes.set(request.namespace, scope);
    const path = request.subresource === '' ? request.resource : `${request.resource}/${request.subresource}`;
    const key = `${request.apiGroup}\u0000${path}`;
    const uses = scope.get(key) ?? new Map<string, VerbUse>();
    scope.set(key, uses);
    record(uses, request.verb, request.name);
  }
  const out: ScopedRules[] = [];
  for (const namespace of [...scopes.keys()].filter((n) => n !== '').sort()) {
    out.push({ namespace, rules: toRules(scopes.get(namespace) ?? new Map<string, ResourceUse>()) });
  }
  const cluster = [...toRules(scopes.get('') ?? new Map<string, ResourceUse>()), ...urlRules(urls)];
  if (cluster.length > 0) out.push({ namespace: '', rules: cluster });
  return out;
}
