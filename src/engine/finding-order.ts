/**
 * @module The order of a result's findings: surface, status, severity, attacker-gain rank (higher first), rule,
 * file, line, subject. `compareFindings` defines it; `sortFindings` sorts by it with every string ranked once.
 */
import type { Severity, Status } from '../rules/types.js';
import { SURFACES } from '../rules/types.js';
import type { Finding } from './finding.js';

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
  info: 4,
};
const STATUS_ORDER: Readonly<Record<Exclude<Status, 'pass'>, number>> = {
  fail: 0,
  'not-assessed': 1,
  'provider-managed': 2,
  suppressed: 3,
};

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SURFACES.indexOf(a.surface) - SURFACES.indexOf(b.surface) ||
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (b.rank ?? 0) - (a.rank ?? 0) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.location.file.localeCompare(b.location.file) ||
    a.location.line - b.location.line ||
    a.subject.display.localeCompare(b.subject.display)
  );
}

/**
 * Each distinct string's place in `localeCompare` order; strings that collate equal share a place (collation
 * is a total preorder, so they sit side by side once sorted).
 */
function collationRanks(values: readonly string[]): Map<string, number> {
  const distinct = [...new Set(values)].sort((a, b) => a.localeCompare(b));
  const ranks = new Map<string, number>();
  let rank = 0;
  let previous: string | undefined;
  for (const value of distinct) {
    if (previous !== undefined && previous.localeCompare(value) !== 0) rank += 1;
    ranks.set(value, rank);
    previous = value;
  }
  return ranks;
}

/**
 * Sorts in place in the order of `compareFindings`, ties kept in their order (as the stable `sort` keeps them).
 * A result holds tens of thousands of findings but few distinct rules, files and subjects: each string is
 * collated once, and the sort compares numbers, not strings through `localeCompare` at every step.
 */
export function sortFindings(findings: Finding[]): Finding[] {
  const count = findings.length;
  const rules = collationRanks(findings.map((f) => f.ruleId));
  const files = collationRanks(findings.map((f) => f.location.file));
  const displays = collationRanks(findings.map((f) => f.subject.display));
  const group = new Float64Array(count);
  const rank = new Float64Array(count);
  const rule = new Float64Array(count);
  const file = new Float64Array(count);
  const line = new Float64Array(count);
  const display = new Float64Array(count);
  const order: number[] = [];
  findings.forEach((f, i) => {
    group[i] = (SURFACES.indexOf(f.surface) * 4 + STATUS_ORDER[f.status]) * 5 + SEVERITY_ORDER[f.severity];
    rank[i] = f.rank ?? 0;
    rule[i] = rules.get(f.ruleId) ?? 0;
    file[i] = files.get(f.location.file) ?? 0;
    line[i] = f.location.line;
    display[i] = displays.get(f.subject.display) ?? 0;
    order.push(i);
  });
  const key = (keys: Float64Array, i: number): number => keys[i] ?? 0;
  order.sort(
    (a, b) =>
      key(group, a) - key(group, b) ||
      key(rank, b) - key(rank, a) ||
      key(rule, a) - key(rule, b) ||
      key(file, a) - key(file, b) ||
      key(line, a) - key(line, b) ||
      key(display, a) - key(display, b) ||
      a - b,
  );
  const sorted = order.map((i) => findings[i] as Finding);
  sorted.forEach((f, i) => (findings[i] = f));
  return findings;
}
