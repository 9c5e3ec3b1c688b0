/**
 * @module Root causes, not cascades: a finding that is true only because of another one is nested under it
 * (`impliedBy` on the child, `implies` on the root) and counted once. A privileged container implies its
 * privilege escalation, its capabilities and its unconfined seccomp profile (the rules report these at the
 * `privileged` field itself or inside the same container); a namespace without a default-deny NetworkPolicy
 * implies its workloads that no policy selects, and their cross-namespace reach. An attack path from an
 * exposed workload is implied by the one privileged container whose breakout it needs: the path's breakout
 * step is that container's `no-privileged` edge of the attack graph, and without that workload's privileged
 * breakouts the target is out of reach (another breakout, a pod-create right or a credential mount keeps it).
 */
import type { AttackGraph, TargetKind } from '../analysis/paths/index.js';
import { indexGraph, landingDigest, workloadId } from '../analysis/paths/index.js';
import type { Analyses } from '../rules/kit/analyses.js';
import type { Finding, FindingDraft } from './finding.js';
import { addNotes } from './finding.js';

/** Rules whose failure inside a privileged container follows from `privileged: true`. */
const IMPLIED_BY_PRIVILEGED = new Set([
  'no-privilege-escalation',
  'no-added-capabilities',
  'require-seccomp',
]);

/** The target kind of each attack-path rule's path (`checkExposedPaths`). */
const PATH_TARGETS: ReadonlyMap<string, TargetKind> = new Map<string, TargetKind>([
  ['no-exposed-path-to-node', 'node'],
  ['no-exposed-path-to-secrets', 'secrets'],
  ['no-exposed-path-to-cluster-admin', 'cluster-admin'],
  ['no-stolen-token-from-internet', 'api-server'],
]);

/** The attack graph of the run, asked for only when a path finding may have a privileged root. */
interface RootCauseAnalyses {
  readonly get: (name: 'attackGraph') => Analyses['attackGraph'];
}

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

/** A workload's graph id from a finding on it. */
const workloadOf = (finding: Finding): string => workloadId(namespaceOf(finding), finding.subject.name);

/**
 * Attack-path failures that exist only through one privileged container: the shortest path breaks out at a
 * `no-privileged` step of workload W, W has exactly one failing `no-privileged` finding on a container that
 * runs alongside the app (init containers are no breakout), and with W's privileged breakouts removed from
 * the graph no path reaches the target kind any more.
 */
function pathRoots(
  failing: readonly Finding[],
  analyses: RootCauseAnalyses,
  roots: Map<string, Finding>,
): void {
  const privileged = new Map<string, Finding[]>();
  for (const f of failing) {
    if (f.ruleId !== 'no-privileged') continue;
    const container = containerOf(f.path);
    if (container === undefined || !f.path?.endsWith('.privileged')) continue;
    if (/initContainers\[\d+\]$/.test(container)) continue;
    const key = workloadOf(f);
    const found = privileged.get(key);
    if (found === undefined) privileged.set(key, [f]);
    else found.push(f);
  }
  const paths = failing.filter((f) => PATH_TARGETS.has(f.ruleId));
  if (privileged.size === 0 || paths.length === 0) return;
  const { graph } = analyses.get('attackGraph');
  const without = new Map<string, AttackGraph>();
  /** The graph without workload `id`'s privileged breakouts, built once per workload. */
  const graphWithout = (id: string): AttackGraph => {
    let found = without.get(id);
    if (!found) {
      const edges = graph.edges.filter(
        (e) => !(e.kind === 'breakout' && e.from === id && e.control === 'no-privileged'),
      );
      without.set(id, (found = indexGraph(edges, graph.network)));
    }
    return found;
  };
  for (const f of paths) {
    const target = PATH_TARGETS.get(f.ruleId);
    const start = workloadOf(f);
    const path = landingDigest(graph, start).shortest.find((p) => p.targetKind === target);
    const breakouts = new Set(
      (path?.steps ?? [])
        .filter((s) => s.kind === 'breakout' && s.control === 'no-privileged')
        .map((s) => s.from),
    );
    for (const id of breakouts) {
      const candidates = privileged.get(id) ?? [];
      const [root] = candidates;
      if (root === undefined || candidates.length !== 1) continue;
      const still = landingDigest(graphWithout(id), start).shortest.some((p) => p.targetKind === target);
      if (!still) roots.set(f.fingerprint, root);
    }
  }
}

/** child fingerprint → root finding. */
function findRoots(findings: readonly Finding[], analyses?: RootCauseAnalyses): Map<string, Finding> {
  const failing = findings.filter((f) => f.status === 'fail');
  const privileged = new Map<string, Finding>();
  const defaultDeny = new Map<string, Finding>();
  for (const f of failing) {
    if (f.ruleId === 'no-privileged') {
      const container = containerOf(f.path);
      if (container !== undefined && f.path?.endsWith('.privileged') === true)
        privileged.set(`${subjectKey(f)}|${container}`, f);
    }
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
  if (analyses !== undefined) pathRoots(failing, analyses, roots);
  return roots;
}

function where(finding: Finding): string {
  return `${finding.ruleId} on ${finding.subject.display}${finding.path === undefined ? '' : ` (${finding.path})`}`;
}

/**
 * The note on a root cause: how many findings it implies, then each rule once with its count, in the order
 * first met (`2 no-cross-namespace-reach, 1 no-unselected-workloads`). A namespace without a default-deny
 * implies a finding per workload: naming the rule per finding made a note of hundreds of repeated ids.
 */
function rootNote(implied: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const c of implied) counts.set(c.ruleId, (counts.get(c.ruleId) ?? 0) + 1);
  const rules = [...counts].map(([ruleId, count]) => `${count} ${ruleId}`).join(', ');
  return `root cause of ${implied.length} implied finding${implied.length === 1 ? '' : 's'}: ${rules}`;
}

/**
 * Links implied findings to their root cause, in place: only failures, each to a failing root. Attack paths are
 * linked only when the run's analyses are given (their attack graph decides whether a path needs the root).
 */
export function linkRootCauses(findings: readonly FindingDraft[], analyses?: RootCauseAnalyses): void {
  const roots = findRoots(findings, analyses);
  if (roots.size === 0) return;
  const children = new Map<string, Finding[]>();
  for (const f of findings) {
    const root = roots.get(f.fingerprint);
    if (root === undefined) continue;
    const implied = children.get(root.fingerprint);
    if (implied === undefined) children.set(root.fingerprint, [f]);
    else implied.push(f);
  }
  for (const f of findings) {
    const root = roots.get(f.fingerprint);
    if (root !== undefined) {
      f.impliedBy = root.fingerprint;
      addNotes(f, [`implied by ${where(root)}: fixing that closes this one; counted under it`]);
      continue;
    }
    const implied = children.get(f.fingerprint);
    if (implied === undefined) continue;
    f.implies = implied.map((c) => c.fingerprint);
    addNotes(f, [rootNote(implied)]);
  }
}
