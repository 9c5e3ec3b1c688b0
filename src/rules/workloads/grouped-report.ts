/** @module Reporting per decision point: containers that inherit one pod-level value share one finding at that value. */
import type { Workload } from '../../model/index.js';
import type { ReportInput, RuleContext } from '../define-rule.js';
import { workloadSubject } from './workload-containers.js';

/** One container's result, and where it is decided (a pod-level path is shared by the containers that inherit it). */
export interface ContainerResult {
  readonly container: string;
  readonly label: string;
  readonly status: 'pass' | 'fail' | 'not-assessed';
  readonly where: Pick<ReportInput, 'path' | 'at'>;
  /** Said after "<subject>: <containers>", e.g. "runs as root (runAsUser: 0)". */
  readonly text: string;
  readonly admission?: string;
  /** The concrete fix, when it is not the rule's (a privileged container: remove privileged). */
  readonly fix?: string;
}

function keyOf(result: ContainerResult): string {
  const { path } = result.where;
  return `${result.status}|${typeof path === 'string' ? path : JSON.stringify(path)}|${result.text}`;
}

/** Results by key, in first-seen order; one result (most workloads have one container) is its own group. */
function groupsOf(results: readonly ContainerResult[]): Iterable<readonly ContainerResult[]> {
  if (results.length <= 1) return [results];
  const groups = new Map<string, ContainerResult[]>();
  for (const result of results) {
    const key = keyOf(result);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [result]);
    else group.push(result);
  }
  return groups.values();
}

/** Reports results that share a status, a decision point and a reason once, naming every container concerned. */
export function reportGrouped(
  context: RuleContext,
  workload: Workload,
  results: readonly ContainerResult[],
): void {
  const subject = workloadSubject(workload);
  for (const group of groupsOf(results)) {
    const [first] = group;
    if (first === undefined) continue;
    const who = group.map((r) => r.label).join(', ');
    const admission = group.find((r) => r.admission !== undefined)?.admission;
    context.report({
      subject,
      ...first.where,
      status: first.status,
      message: `${subject.display}: ${who} ${first.text}.`,
      ...(admission === undefined ? {} : { admission }),
      ...(first.fix === undefined ? {} : { fix: first.fix }),
    });
  }
}
