/**
 * @module The failed findings of a scan, indexed for the plan: by fingerprint, by subject and by rule and
 * subject. Each answer lists findings in the scan's order, as a filter over every finding would (a plan of
 * a large cluster asks once per step and per decision: tens of thousands of times over 10^5 findings).
 */
import type { Finding } from '../../engine/finding.js';
import { groupBy } from '../../model/group-by.js';
import type { ClosedFinding } from './types.js';

/** Positions of findings in the failing list, grouped by a key, each group ascending. */
function positionsBy(failing: readonly Finding[], keyOf: (f: Finding) => string): Map<string, number[]> {
  return groupBy(failing.keys(), (i) => keyOf(failing[i] as Finding));
}

const NAMESPACE = 'Namespace/';

const ruleSubject = (ruleId: string, subject: string): string => `${ruleId}\u0000${subject}`;

export class FailingIndex {
  /** The failed findings, in the scan's order. */
  readonly failing: readonly Finding[];
  readonly #byFingerprint: Map<string, number[]>;
  readonly #bySubject: Map<string, number[]>;
  readonly #byRule: Map<string, number[]>;
  readonly #byRuleSubject: Map<string, number[]>;
  #byNamespace: Map<string, Set<string>> | undefined;

  constructor(findings: readonly Finding[]) {
    this.failing = findings.filter((f) => f.status === 'fail');
    this.#byFingerprint = positionsBy(this.failing, (f) => f.fingerprint);
    this.#bySubject = positionsBy(this.failing, (f) => f.subject.display);
    this.#byRule = positionsBy(this.failing, (f) => f.ruleId);
    this.#byRuleSubject = positionsBy(this.failing, (f) => ruleSubject(f.ruleId, f.subject.display));
  }

  #findings(positions: Iterable<number>): Finding[] {
    const sorted = [...new Set(positions)].sort((a, b) => a - b);
    return sorted.map((i) => this.failing[i] as Finding);
  }

  /** The failed findings with one of `fingerprints`, grouped by rule and subject in the scan's order. */
  closedOf(fingerprints: Iterable<string>): ClosedFinding[] {
    const positions: number[] = [];
    for (const fingerprint of new Set(fingerprints))
      for (const i of this.#byFingerprint.get(fingerprint) ?? []) positions.push(i);
    const groups = new Map<string, { ruleId: string; subject: string; fingerprints: string[] }>();
    for (const f of this.#findings(positions)) {
      const key = ruleSubject(f.ruleId, f.subject.display);
      const group = groups.get(key) ?? { ruleId: f.ruleId, subject: f.subject.display, fingerprints: [] };
      group.fingerprints.push(f.fingerprint);
      groups.set(key, group);
    }
    return [...groups.values()];
  }

  /** The fingerprints of failed findings of `rules`, on one of `subjects` (by display name) when given. */
  fingerprintsFor(rules: readonly string[], subjects?: ReadonlySet<string>): Set<string> {
    const ruleSet = new Set(rules);
    const positions: number[] = [];
    if (subjects === undefined) {
      for (const rule of ruleSet) for (const i of this.#byRule.get(rule) ?? []) positions.push(i);
    } else {
      for (const subject of subjects)
        for (const i of this.#bySubject.get(subject) ?? [])
          if (ruleSet.has(this.failing[i]?.ruleId ?? '')) positions.push(i);
    }
    return new Set(this.#findings(positions).map((f) => f.fingerprint));
  }

  /** The subjects (display names) of failed findings in namespace `namespace`, the Namespace itself included. */
  subjectsIn(namespace: string): ReadonlySet<string> {
    if (this.#byNamespace === undefined) {
      const byNamespace = new Map<string, Set<string>>();
      const add = (name: string, display: string): void => {
        const subjects = byNamespace.get(name) ?? new Set<string>();
        subjects.add(display);
        byNamespace.set(name, subjects);
      };
      for (const { subject } of this.failing) {
        if (subject.namespace !== undefined) add(subject.namespace, subject.display);
        if (subject.display.startsWith(NAMESPACE))
          add(subject.display.slice(NAMESPACE.length), subject.display);
      }
      this.#byNamespace = byNamespace;
    }
    return this.#byNamespace.get(namespace) ?? new Set();
  }

  /** The failed findings of `ruleId` on `subject` (a display name), in the scan's order. */
  of(ruleId: string, subject: string): Finding[] {
    return (this.#byRuleSubject.get(ruleSubject(ruleId, subject)) ?? []).map(
      (i) => this.failing[i] as Finding,
    );
  }
}
