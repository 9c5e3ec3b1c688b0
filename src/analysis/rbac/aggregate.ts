/**
 * @module ClusterRole aggregation computed offline to a fixpoint, as the clusterrole-aggregation
 * controller (`pkg/controller/clusterroleaggregation`) converges: an aggregating ClusterRole's rules are
 * overwritten by the union of the rules of every other ClusterRole matched by any of its selectors,
 * taken in name order without duplicates; aggregated roles feed further aggregation (view → edit → admin).
 */
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

function ownRules(role: RbacRole): EffectiveRule[] {
  return role.rules.map((rule, index) => ({ rule, source: role, index, via: [] }));
}

function matches(aggregator: RbacRole, candidate: RbacRole): boolean {
  if (candidate === aggregator || candidate.name === aggregator.name) return false;
  return (aggregator.aggregationSelectors ?? []).some((selector) =>
    matchesSelector(selector, candidate.labels),
  );
}

function collect(
  aggregator: RbacRole,
  clusterRoles: readonly RbacRole[],
  current: ReadonlyMap<string, readonly EffectiveRule[]>,
): EffectiveRule[] {
  const seen = new Set<string>();
  const out: EffectiveRule[] = [];
  for (const candidate of clusterRoles) {
    if (!matches(aggregator, candidate)) continue;
    for (const effective of current.get(candidate.name) ?? []) {
      const key = ruleKey(effective.rule);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ...effective, via: [...effective.via, aggregator.name] });
    }
  }
  return out;
}

const keysOf = (rules: readonly EffectiveRule[]): string => rules.map((r) => ruleKey(r.rule)).join('\n');

/**
 * The effective rules of every ClusterRole, by name. Starting from empty aggregated roles and
 * recomputing all of them until none changes gives the least fixpoint; rule sets only grow, and there
 * are finitely many rules, so it terminates. Roles are visited in name order, never input order.
 */
export function aggregateClusterRoles(
  clusterRoles: readonly RbacRole[],
): Map<string, readonly EffectiveRule[]> {
  const sorted = [...clusterRoles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const current = new Map<string, readonly EffectiveRule[]>();
  for (const role of sorted) current.set(role.name, role.aggregationSelectors ? [] : ownRules(role));
  const aggregators = sorted.filter((role) => role.aggregationSelectors !== undefined);
  // Each round that changes something adds a rule to some aggregator: this bounds the rounds.
  const totalRules = sorted.reduce((sum, role) => sum + role.rules.length, 0);
  const maxRounds = aggregators.length * totalRules + 1;
  for (let round = 0; round <= maxRounds; round++) {
    let changed = false;
    const next = new Map(current);
    for (const aggregator of aggregators) {
      const rules = collect(aggregator, sorted, current);
      if (keysOf(rules) !== keysOf(current.get(aggregator.name) ?? [])) changed = true;
      next.set(aggregator.name, rules);
    }
    for (const [name, rules] of next) current.set(name, rules);
    if (!changed) break;
  }
  return current;
}
