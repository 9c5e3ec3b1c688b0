/** @module "Did you mean": the rule ids closest to a mistyped one, for every place that takes a rule id. */

/** Levenshtein distance, one row at a time. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The ids close to `id`: within a third of its length in edits (at least 2), or containing it or contained
 * in it; the closest first, at most three.
 */
export function suggestRuleIds(id: string, ids: Iterable<string>): string[] {
  const wanted = id.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return [...ids]
    .map((candidate) => ({ candidate, d: distance(wanted, candidate) }))
    .filter(
      ({ candidate, d }) =>
        d <= limit || (wanted.length >= 4 && (candidate.includes(wanted) || wanted.includes(candidate))),
    )
    .sort((a, b) => a.d - b.d || a.candidate.localeCompare(b.candidate))
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}

/** `x (did you mean y?)` for a list of unknown ids (the hint only when one is close). */
export function describeUnknownRules(unknown: readonly string[], ids: readonly string[]): string {
  return unknown
    .map((id) => {
      const close = suggestRuleIds(id, ids);
      return `${id}${close.length > 0 ? ` (did you mean ${close.join(', ')}?)` : ''}`;
    })
    .join(', ');
}
