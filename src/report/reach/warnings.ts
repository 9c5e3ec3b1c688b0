/** @module What `aksward reach` says on stderr before its answer: unenforced policies, and policies it could not read. */
import { formatPath } from '../../model/index.js';
import type { ReachResult } from '../../engine/reach.js';
import type { PolicyProblem } from '../../analysis/netpol/index.js';
import { terminalLines } from '../escape.js';
import { appendAll } from '../../model/append.js';

export function reachWarnings({ enforcement, problems }: ReachResult): string {
  const lines: string[] = [];
  if (enforcement.state === 'not-enforced')
    lines.push(
      `aksward: NetworkPolicies are not enforced (${enforcement.reason}): every connection is allowed`,
    );
  if (enforcement.state === 'unknown')
    lines.push(
      `aksward: enforcement is unknown (${enforcement.reason}): policies are analysed as if enforced`,
    );
  appendAll(lines, problems.map(problemLine));
  return terminalLines(lines);
}

/** A policy that could not be read as written, as one stderr line. */
export function problemLine(p: PolicyProblem): string {
  const where = p.path.length > 0 ? ` ${formatPath(p.path)}` : '';
  return `aksward: ${p.level}: NetworkPolicy ${p.policy.namespace ?? 'default'}/${p.policy.name}${where}: ${p.message}`;
}
