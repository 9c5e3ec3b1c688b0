/**
 * @module Root causes, not cascades: a finding that is true only because of another one is nested under it
 * (`impliedBy` on the child, `implies` on the root) and counted once. A privileged container implies its
 * privilege escalation, its capabilities and its unconfined seccomp profile (the rules report these at the
 * `privileged` field itself or inside the same container); a namespace without a default-deny NetworkPolicy
 * implies its workloads that no policy selects, and their cross-namespace reach.
 */
import type { Finding } from './finding.js';

/** Rules whose failure inside a privileged container follows from `privileged: true`. */
const IMPLIED_BY_PRIVILEGED = new Set([
  'no-privilege-escalation',
  'no-added-capabilities',
  'require-seccomp',
]);

/** `spec.template.spec.containers[0]` from a path inside that container. */
function containerOf(path: string | undefined): string | undefined {
  return /^(.*?(?:initContainers|containers|ephemeralContainers)\[\d+\])(\.|$)/.exec(path ?? '')?.[1];
}

/** The subject and file, as the fingerprint identifies them. */
function subjectKey(finding: Finding): string {
  const { kind, namespace, name } = finding.subject;
  return `${kind}|${namespace ?? ''}|${name}|${finding.subject.at.file}`;
}

/** A workload finding's namespace, `default` when the manifest omits it (as the API server applies it). */
const namespaceOf = (finding: Finding): string => finding.subject.namespace ?? 'default';

/** child fingerprint → root finding. */
function findRoots(findings: readonly Finding[]): Map<string, Finding> {
  const failing = findings.filter((f) => f.status === 'fail');
  const privileged = new Map<string, Finding>();
  const defaultDeny = new Map<string, Finding>();
  for (const f of failing) {
    const container = containerOf(f.path);
    if (f.ruleId === 'no-privileged' && container !== undefined && f.path?.endsWith('.privileged') === true)
      privileged.set(`${subjectKey(f)}|${container}`, f);
    if (f.ruleId === 'require-default-deny' && f.subject.kind === 'Namespace')
      defaultDeny.set(f.subject.name, f);
  }
  const roots = new Map<string, Finding>();
  const unselected = new Set<string>();
  for (const f of failing) {
    if (IMPLIED_BY_PRIVILEGED.has(f.ruleId)) {
      const root = privileged.get(`${subjectKey(f)}|${containerOf(f.path) ?? ''}`);
      if (root !== undefined) roots.set(f.fingerprint, root);
    }
    if (f.ruleId === 'no-unselected-workloads') {
      const root = defaultDeny.get(namespaceOf(f));
      if (root === undefined) continue;
      roots.set(f.fingerprint, root);
      unselected.add(subjectKey(f));
    }
  }
  // Reach across namespaces from a workload no policy selects exists only for want of the default-deny.
  for (const f of failing) {
    if (f.ruleId !== 'no-cross-namespace-reach' || !unselected.has(subjectKey(f))) continue;
    const root = defaultDeny.get(namespaceOf(f));
    if (root !== undefined) roots.set(f.fingerprint, root);
  }
  return roots;
}

function where(finding: Finding): string {
  return `${finding.ruleId} on ${finding.subject.display}${finding.path === undefined ? '' : ` (${finding.path})`}`;
}

/** Links implied findings to their root cause: only failures, each to a failing root. */
export function linkRootCauses(findings: readonly Finding[]): Finding[] {
  const roots = findRoots(findings);
  if (roots.size === 0) return [...findings];
  const children = new Map<string, Finding[]>();
  for (const f of findings) {
    const root = roots.get(f.fingerprint);
    if (root !== undefined) children.set(root.fingerprint, [...(children.get(root.fingerprint) ?? []), f]);
  }
  return findings.map((f) => {
    const root = roots.get(f.fingerprint);
    if (root !== undefined) {
      const note = `implied by ${where(root)}: fixing that closes this one; counted under it`;
      return { ...f, impliedBy: root.fingerprint, notes: [...(f.notes ?? []), note] };
    }
    const implied = children.get(f.fingerprint);
    if (implied === undefined) return f;
    const note = `root cause of ${implied.length} implied finding(s): ${implied.map((c) => c.ruleId).join(', ')}`;
    return { ...f, implies: implied.map((c) => c.fingerprint), notes: [...(f.notes ?? []), note] };
  });
}
