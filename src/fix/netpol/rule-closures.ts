/** @module The network rules each step closes, by the check each satisfies (ids as src/rules/network names them). */

export interface RuleClosure {
  readonly ruleId: string;
  /** What the step makes true, in the rule's own terms. */
  readonly check: string;
}

export const RULES_CLOSED_BY_ALLOW: readonly RuleClosure[] = [
  {
    ruleId: 'require-dns-egress',
    check: 'every workload whose egress a generated policy restricts reaches kube-dns on UDP and TCP 53',
  },
  {
    ruleId: 'no-unselected-workloads',
    check:
      'each workload with a generated policy is selected for that direction (all of them once the default-deny lands)',
  },
];

export const RULES_CLOSED_BY_DENY: readonly RuleClosure[] = [
  { ruleId: 'require-default-deny', check: 'the namespace denies ingress and egress by default' },
  {
    ruleId: 'no-unselected-workloads',
    check: 'every workload of the namespace is selected for ingress and egress',
  },
  {
    ruleId: 'no-cross-namespace-reach',
    check: 'pods of other namespaces reach the namespace only where a generated policy names their namespace',
  },
];
