/**
 * @module ClusterRole aggregation computed offline as the clusterrole-aggregation controller
 * (`pkg/controller/clusterroleaggregation`) converges: an aggregating ClusterRole's rules are overwritten by
 * the union of the rules of every other ClusterRole matched by any of its selectors, taken in name order
 * without duplicates; aggregated roles feed further aggregation (view → edit → admin).
 *
 * The converged state is computed in one pass over the aggregation graph in dependency order (strongly
 * connected components, Tarjan), so the work is linear in the edges times the rules they carry: a chain
 * of 800 aggregating roles is no longer 800 rounds over every pair of roles.
 */
import type { LabelSelector } from '../../model/index.js';
import { matchesSelector } from '../../model/index.js';
import type { EffectiveRule, PolicyRule, RbacRole } from './types.js';

export function ruleKey(rule: PolicyRule): string {
  return JSON.stringify([
    rule.verbs,
    rule.apiGroups,
    rule.resources,
    rule.resourceNames,
    rule.nonResourceURLs,
  ]);
}

const byName = (a: RbacRole, b: RbacRole): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function ownRules(role: RbacRole): EffectiveRule[] {
  return role.rules.map((rule, index) => ({ rule, source: role, index, via: [] }));
}

/** Roles by label key and value, so a selector with an equality finds its candidates without a scan. */
class LabelIndex {
  readonly #byLabel = new Map<string, Map<string, RbacRole[]>>();
  readonly #all: readonly RbacRole[];

  constructor(roles: readonly RbacRole[]) {
    this.#all = roles;
    for (const role of roles) {
      for (const [key, value] of Object.entries(role.labels)) {
        let byValue = this.#byLabel.get(key);
        if (!byValue) this.#byLabel.set(key, (byValue = new Map<string, RbacRole[]>()));
        const list = byValue.get(value);
        if (list) list.push(role);
        else byValue.set(value, [role]);
      }
    }
  }

  /** Roles that can match the selector (a superset, in name order); every one is then checked. */
  candidates(selector: LabelSelector): readonly RbacRole[] {
    const within = selector.requirements.find((r) => r.operator === 'In' && r.values.length > 0);
    if (!within) return this.#all;
    const byValue = this.#byLabel.get(within.key);
    const found = new Set(within.values.flatMap((value) => byValue?.get(value) ?? []));
    return this.#all.filter((role) => found.has(role));
  }
}

/** Names of the other ClusterRoles any selector of `aggregator` matches, in name order, each once. */
function matchedNames(aggregator: RbacRole, index: LabelIndex, order: ReadonlyMap<string, number>): string[] {
  const names = new Set<string>();
  for (const selector of aggregator.aggregationSelectors ?? []) {
    for (const candidate of index.candidates(selector)) {
      if (candidate.name === aggregator.name || names.has(candidate.name)) continue;
      if (matchesSelector(selector, candidate.labels)) names.add(candidate.name);
    }
  }
  return [...names].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

/** The rules of `sources` in order, each rule once (by content). */
function distinct(sources: Iterable<readonly EffectiveRule[]>): EffectiveRule[] {
  const seen = new Set<string>();
  const out: EffectiveRule[] = [];
  for (const rules of sources) {
    for (const effective of rules) {
      const key = ruleKey(effective.rule);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(effective);
    }
  }
  return out;
}

/** The rules `into` aggregates from `sources`, recorded as travelling through it. */
const collect = (sources: Iterable<readonly EffectiveRule[]>, into: string): EffectiveRule[] =>
  distinct(sources).map((effective) => ({ ...effective, via: [...effective.via, into] }));

/**
 * Strongly connected components of the aggregation graph, each listed after every component it reads
 * from (Tarjan's order), iteratively: a chain of thousands of roles must not exhaust the stack.
 */
function components(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (!frame) break;
      const [node, next] = frame;
      if (next === 0) {
        index.set(node, index.size);
        low.set(node, index.get(node) ?? 0);
        stack.push(node);
        onStack.add(node);
      }
      const targets = edges.get(node) ?? [];
      const target = targets[next];
      if (target !== undefined) {
        frame[1] = next + 1;
        if (!edges.has(target)) continue;
        if (!index.has(target)) work.push([target, 0]);
        else if (onStack.has(target)) low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0]) ?? 0, low.get(node) ?? 0));
      if (low.get(node) !== index.get(node)) continue;
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      out.push(component);
    }
  }
  return out;
}

/**
 * Aggregators that read each other (a cycle, which the controller also lets converge) all end with the
 * same rules: every rule that reaches any of them from outside. Each lists first what its own selectors
 * bring from outside, then the component's shared rules, in name order.
 */
function resolveCycle(
  members: readonly string[],
  edges: ReadonlyMap<string, readonly string[]>,
  rulesOf: (name: string) => readonly EffectiveRule[],
  result: Map<string, readonly EffectiveRule[]>,
): void {
  const inside = new Set(members);
  const sorted = [...members].sort();
  const outside = new Map(
    sorted.map((name) => [
      name,
      collect((edges.get(name) ?? []).filter((c) => !inside.has(c)).map(rulesOf), name),
    ]),
  );
  const shared = distinct(sorted.map((name) => outside.get(name) ?? []));
  for (const name of sorted) {
    const sources = (edges.get(name) ?? []).map((c) => (inside.has(c) ? shared : rulesOf(c)));
    result.set(name, collect(sources, name));
  }
}

/**
 * The effective rules of every ClusterRole, by name: a role's own rules, or for an aggregating role the
 * rules its selectors gather once every role it reads has converged. Roles are visited in name order,
 * never input order; of two roles with one name, an aggregating one wins, as the controller's last write.
 */
export function aggregateClusterRoles(
  clusterRoles: readonly RbacRole[],
): Map<string, readonly EffectiveRule[]> {
  const sorted = [...clusterRoles].sort(byName);
  const effective = new Map<string, RbacRole>();
  for (const role of sorted) {
    const previous = effective.get(role.name);
    if (!previous?.aggregationSelectors || role.aggregationSelectors) effective.set(role.name, role);
  }
  const order = new Map([...effective.keys()].map((name, i) => [name, i]));
  const labels = new LabelIndex(sorted);
  const edges = new Map<string, string[]>();
  for (const role of effective.values()) {
    if (role.aggregationSelectors) edges.set(role.name, matchedNames(role, labels, order));
  }
  const result = new Map<string, readonly EffectiveRule[]>();
  for (const role of effective.values())
    if (!role.aggregationSelectors) result.set(role.name, ownRules(role));
  const rulesOf = (name: string): readonly EffectiveRule[] => result.get(name) ?? [];
  for (const component of components(edges)) {
    const [only] = component;
    if (component.length === 1 && only !== undefined) {
      result.set(only, collect((edges.get(only) ?? []).map(rulesOf), only));
    } else resolveCycle(component, edges, rulesOf, result);
  }
  return new Map([...effective.keys()].map((name) => [name, rulesOf(name)]));
}
