/** The plan's index of failed findings answers what a filter over every finding answers, in the same order. */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/engine/finding.js';
import { FailingIndex } from '../../../src/fix/plan/failing-index.js';

const RULES = [
  'no-privileged',
  'require-default-deny',
  'no-cross-namespace-reach',
  'no-default-service-account',
];

/** A deterministic mix of findings: repeated fingerprints, Namespace subjects, cluster-scoped ones, passes. */
function findings(count: number): Finding[] {
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  return Array.from({ length: count }, (_, i) => {
    const namespace = `ns-${String(next(6))}`;
    const kind = ['Deployment', 'Namespace', 'ClusterRoleBinding'][next(3)] ?? 'Deployment';
    const name = kind === 'Namespace' ? namespace : `w${String(next(20))}`;
    const subject =
      kind === 'Deployment'
        ? { kind, name, namespace, display: `${kind}/${namespace}/${name}` }
        : { kind, name, display: `${kind}/${name}` };
    return {
      ruleId: RULES[next(RULES.length)] ?? 'no-privileged',
      surface: 'workloads',
      severity: 'high',
      status: next(5) === 0 ? 'not-assessed' : 'fail',
      subject: { ...subject, at: { file: 'f.yaml', line: i + 1 } },
      location: { file: 'f.yaml', line: i + 1 },
      message: '',
      fix: '',
      // Some fingerprints repeat: the index keeps every finding that has one.
      fingerprint: `fp${String(next(count / 2))}`,
    };
  });
}

/** The filters the index replaces, as the plan wrote them. */
function closedOfByFilter(failing: readonly Finding[], fingerprints: ReadonlySet<string>) {
  const groups = new Map<string, { ruleId: string; subject: string; fingerprints: string[] }>();
  for (const f of failing) {
    if (!fingerprints.has(f.fingerprint)) continue;
    const key = `${f.ruleId}\u0000${f.subject.display}`;
    const group = groups.get(key) ?? { ruleId: f.ruleId, subject: f.subject.display, fingerprints: [] };
    group.fingerprints.push(f.fingerprint);
    groups.set(key, group);
  }
  return [...groups.values()];
}

const fingerprintsByFilter = (
  failing: readonly Finding[],
  rules: readonly string[],
  subjects?: ReadonlySet<string>,
) =>
  new Set(
    failing
      .filter((f) => rules.includes(f.ruleId) && (!subjects || subjects.has(f.subject.display)))
      .map((f) => f.fingerprint),
  );

describe('FailingIndex', () => {
  const all = findings(600);
  const index = new FailingIndex(all);
  const failing = all.filter((f) => f.status === 'fail');

  it('keeps the failed findings in the scan order', () => {
    expect(index.failing).toEqual(failing);
    expect(failing.length).toBeGreaterThan(400);
  });

  it('groups the findings of a set of fingerprints as a filter over every finding does', () => {
    for (const picked of [
      ['fp3', 'fp40', 'fp41', 'fp299'],
      failing.slice(100, 180).map((f) => f.fingerprint),
      [],
    ]) {
      const expected = closedOfByFilter(failing, new Set(picked));
      expect(index.closedOf([...picked].reverse())).toEqual(expected);
    }
    expect(closedOfByFilter(failing, new Set(['fp3', 'fp40', 'fp41'])).length).toBeGreaterThan(0);
  });

  it('finds the fingerprints of rules, on subjects or anywhere, in the scan order', () => {
    const subjects = new Set([
      'Namespace/ns-1',
      'Deployment/ns-2/w3',
      'ClusterRoleBinding/w5',
      'Deployment/ns-0/w7',
    ]);
    for (const rules of [['no-privileged'], ['require-default-deny', 'no-cross-namespace-reach'], RULES]) {
      expect([...index.fingerprintsFor(rules, subjects)]).toEqual([
        ...fingerprintsByFilter(failing, rules, subjects),
      ]);
      expect([...index.fingerprintsFor(rules)]).toEqual([...fingerprintsByFilter(failing, rules)]);
    }
  });

  it('lists the findings of a rule on a subject', () => {
    for (const f of failing.slice(0, 50))
      expect(index.of(f.ruleId, f.subject.display)).toEqual(
        failing.filter((g) => g.ruleId === f.ruleId && g.subject.display === f.subject.display),
      );
    expect(index.of('no-privileged', 'Deployment/none/here')).toEqual([]);
  });

  it('names the subjects of a namespace: its objects and the Namespace itself', () => {
    for (const namespace of ['ns-0', 'ns-3', 'ns-9']) {
      const expected = new Set(
        failing
          .filter((f) => f.subject.namespace === namespace || f.subject.display === `Namespace/${namespace}`)
          .map((f) => f.subject.display),
      );
      expect(index.subjectsIn(namespace)).toEqual(expected);
    }
    // Both ways in are exercised: a Namespace subject, and objects by their namespace.
    expect(
      [0, 1, 2, 3, 4, 5].some((n) => index.subjectsIn(`ns-${String(n)}`).has(`Namespace/ns-${String(n)}`)),
    ).toBe(true);
    expect([...index.subjectsIn('ns-0')].some((s) => s.startsWith('Deployment/'))).toBe(true);
  });
});
