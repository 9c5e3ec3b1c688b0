/**
 * @module The fix plan: every fix engine's steps joined in the guidance's rollout order (decisions that
 * cannot be retrofitted first, then the non-breaking sequences: add the new constraint, prove the
 * legitimate work survives it, then remove the old permissive path), with their artifacts and the
 * inputs as they read once every step is applied (`after/`).
 */
import type { Finding } from '../../engine/finding.js';
import type { ClusterModel } from '../../model/index.js';
import { clusterChange } from '../cluster/changes.js';
import type { ClusterStep } from '../cluster/plan-cluster.js';
import type { FileChange } from '../file-set.js';
import { FileChanges, FileSet } from '../file-set.js';
import { FailingIndex } from './failing-index.js';
import { planClusterChanges } from '../cluster/plan-cluster.js';
import type { NetworkFixResult } from '../netpol/index.js';
import { RULES_CLOSED_BY_ALLOW, RULES_CLOSED_BY_DENY } from '../netpol/rule-closures.js';
import type { RbacNarrowing } from '../rbac/index.js';
import type { ObjectRef } from '../rbac/types.js';
import { admissionArtifacts, admissionPolicies } from '../admission/policies.js';
import { OWNER_DECISIONS, PATCHED_RULES, planWorkloadPatches } from '../workloads/plan-workloads.js';
import type { Decision, PlanStep, StepKind, VerifyCommand } from './types.js';
import { PLAN_PHASES } from './types.js';
import { safeUnifiedDiff } from '../secrets/safe-diff.js';
import type { SecretValues } from '../secrets/secret-values.js';
import { planKeyVault } from '../secrets/plan-key-vault.js';
import type { Timings } from '../../engine/timings.js';
import { timed } from '../../engine/timings.js';

export interface BuildPlanInput {
  readonly model: ClusterModel;
  /** The scan of the inputs (every enabled rule). */
  readonly findings: readonly Finding[];
  /** The text of every input file aksward read, by the path the model's locations use. */
  readonly files: ReadonlyMap<string, string>;
  /** The path a file has in diffs and under `after/`, relative to where the user runs `git apply`. */
  readonly relative: (file: string) => string;
  readonly network?: NetworkFixResult;
  readonly rbac?: RbacNarrowing;
  readonly allowedRegistries: readonly string[];
  /** Keeps only steps that close findings of these rules (`--only`); undefined keeps every step. */
  readonly only?: (ruleId: string) => boolean;
  /** The inputs' secret values: no diff carries a line that holds one. */
  readonly secrets?: SecretValues;
  /** Where the plan's time goes (`fix --timings`): the cluster, Key Vault and workload steps, and the diffs. */
  readonly timings?: Timings;
}

export interface BuiltPlan {
  readonly steps: PlanStep[];
  readonly decisions: Decision[];
  readonly artifacts: Map<string, string>;
  readonly after: Map<string, string>;
}

type DraftStep = Omit<PlanStep, 'number'>;

/** `command   # what it must show` → the command and its expectation. */
function verifyOf(line: string): VerifyCommand {
  const at = line.indexOf('   # ');
  if (at === -1) return { command: line, expect: 'shows the value this step sets' };
  return { command: line.slice(0, at), expect: line.slice(at + 5) };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

function kindOfCluster(step: ClusterStep): StepKind {
  if (step.retrofit === 'migrate') return 'migrate';
  if (step.retrofit === 'rebuild') return 'rebuild';
  return 'change';
}

export function buildPlan(input: BuildPlanInput): BuiltPlan {
  const { model, findings } = input;
  const keep = input.only ?? (() => true);
  const files = new FileSet(input.files);
  const artifacts = new Map<string, string>();
  const generated = new Map<string, string>();
  const drafts: DraftStep[] = [];
  const decisions: Decision[] = [];
  const index = new FailingIndex(findings);
  const { failing } = index;
  const addArtifact = (path: string, text: string): string => {
    artifacts.set(path, text);
    return path;
  };
  const secrets = input.secrets;
  const holds = (line: string): boolean => secrets?.holds(line) ?? false;
  /**
   * The diffs of a step, one per file, and the edits left to the user's hand (a line holding a secret
   * value is never in a diff); `apply` gives both in order: by hand first, then `git apply`.
   */
  const diffArtifacts = (
    prefix: string,
    all: readonly FileChange[],
  ): { paths: string[]; manual: string[]; apply: string[] } => {
    const out = { paths: [] as string[], manual: [] as string[], apply: [] as string[] };
    timed(input.timings, 'plan', 'diffs', () => {
      for (const c of mergeChanges(all)) {
        const shown = input.relative(c.file);
        const safe = safeUnifiedDiff(shown, c.before, c.after, holds);
        out.manual.push(...safe.manual);
        if (safe.diff === undefined) continue;
        const path = addArtifact(`${prefix}-${slug(shown)}.diff`, safe.diff);
        out.paths.push(path);
        out.apply.push(`git apply${safe.unidiffZero ? ' --unidiff-zero' : ''} ${path}`);
      }
    });
    out.apply = [...out.manual.map((m) => `by hand, before the diffs: ${m}`), ...out.apply];
    return out;
  };

  // The cluster plane: one step per rule, covering every definition of the cluster the inputs hold.
  const clusterSteps = timed(input.timings, 'plan', 'cluster steps', () =>
    planClusterChanges(model, failing, files),
  ).filter((s) => keep(s.rule));
  const byRule = new Map<string, ClusterStep[]>();
  for (const step of clusterSteps) byRule.set(step.rule, [...(byRule.get(step.rule) ?? []), step]);
  for (const [rule, steps] of byRule) {
    const change = clusterChange(rule);
    const first = steps.find((s) => s.retrofit !== 'input') ?? steps[0];
    if (!change || !first) continue;
    const done = (s: ClusterStep) => s.notes.includes('the value is set by an earlier step of this plan');
    // Input steps, and changes with neither an edit nor a command, are the user's decisions.
    const isDecision = (s: ClusterStep) =>
      s.retrofit === 'input' || (s.changes.length === 0 && !done(s) && change.az.length === 0);
    for (const s of steps.filter(isDecision))
      decisions.push({
        ruleId: rule,
        subject: s.cluster,
        severity: index.of(rule, s.cluster)[0]?.severity ?? 'unknown',
        decide: [s.reason ?? change.reason ?? change.title, ...s.notes].join('; '),
        then: change.az,
        fingerprints: s.closes,
      });
    const patched = steps.filter((s) => !isDecision(s));
    if (patched.length === 0) continue;
    const id = `cluster:${rule}`;
    // Exported state (`az aks show`, ARM REST) is changed with az, not edited: its edits only shape `after/`.
    const editable = patched.filter(
      (s) =>
        s.clusterFormat === 'terraform' || s.clusterFormat === 'arm-template' || s.clusterFormat === 'bicep',
    );
    const diffs = editable.map((s) => diffArtifacts(`cluster/${slug(rule)}`, s.changes));
    const artifactsOf = diffs.flatMap((d) => d.paths);
    drafts.push({
      id,
      phase: change.phase,
      kind: kindOfCluster(first),
      title: change.title,
      closes: index.closedOf(patched.flatMap((s) => s.closes)),
      artifacts: artifactsOf,
      apply: [
        ...diffs
          .flatMap((d) => d.apply)
          .map((a) => (a.startsWith('git apply') ? `${a}   # then plan and apply your IaC as usual` : a)),
        ...(steps.some((s) => s.clusterFormat === 'az-aks-show' || s.clusterFormat === 'arm-rest')
          ? change.az
          : []),
      ],
      verify: change.verify.map(verifyOf),
      dependsOn: (change.after ?? []).map((r) => `cluster:${r}`),
      ...(change.breaksIfEarly === undefined ? {} : { breaksIfEarly: change.breaksIfEarly }),
      ...(change.migration === undefined ? {} : { migration: change.migration }),
      notes: [...new Set([...(change.reason ? [change.reason] : []), ...steps.flatMap((s) => s.notes)])],
    });
  }

  // The network plane: allow rules first, the default-deny last, per namespace.
  for (const namespace of input.network?.namespaces ?? []) {
    for (const step of namespace.steps) {
      if (!step.closes.some((c) => keep(c.ruleId))) continue;
      const paths = step.policies.map((p) => {
        generated.set(`aksward/${p.file}`, p.yaml);
        return addArtifact(p.file, p.yaml);
      });
      const rules = step.closes.map((c) => c.ruleId);
      const subjects = index.subjectsIn(step.namespace);
      drafts.push({
        id: step.id,
        phase: 'network',
        kind: 'add',
        title: step.title,
        closes: index.closedOf(index.fingerprintsFor(rules, subjects)),
        artifacts: paths,
        apply: paths.map((p) => `kubectl apply -f ${p}`),
        verify: step.verify.map((v) => ({ command: v.command, expect: v.expect.replace('-', ' ') })),
        dependsOn: [...step.dependsOn, 'cluster:require-network-policy-engine'],
        breaksIfEarly: step.breaksIfEarly,
        notes:
          step.connectionsClosed > 0
            ? [`closes ${step.connectionsClosed} connection(s) the evidence does not show`]
            : [],
      });
    }
    // Withheld because one is in place already: nothing to decide.
    if (namespace.defaultDenyWithheld && namespace.defaultDenyWithheld.severed.length > 0)
      decisions.push({
        ruleId: 'require-default-deny',
        subject: `Namespace/${namespace.namespace}`,
        severity: 'critical',
        decide: `default-deny withheld: ${namespace.defaultDenyWithheld.reason}`,
        then: ['allow the connections listed, then apply a default-deny'],
        fingerprints: [
          ...index.fingerprintsFor(['require-default-deny'], new Set([`Namespace/${namespace.namespace}`])),
        ],
      });
  }

  // No network step at all: the existing policies allow more connections than a plan can keep one by one.
  const notPlanned = input.network?.notPlanned;
  const networkRules = [...new Set([...RULES_CLOSED_BY_ALLOW, ...RULES_CLOSED_BY_DENY].map((c) => c.ruleId))];
  if (notPlanned && networkRules.some(keep)) {
    const namespaces = new Set(notPlanned.namespaces);
    const subjects = new Set([...namespaces].flatMap((namespace) => [...index.subjectsIn(namespace)]));
    decisions.push({
      ruleId: 'require-default-deny',
      subject: `${namespaces.size} application namespace(s): ${[...namespaces].slice(0, 5).join(', ')}${namespaces.size > 5 ? ', …' : ''}`,
      severity: 'critical',
      decide: `network steps not planned: ${notPlanned.reason}`,
      then: [
        'run aksward fix on the manifests of fewer namespaces at a time',
        'or write allow policies that mirror the existing ones namespace by namespace, then a default-deny per namespace',
      ],
      fingerprints: [...index.fingerprintsFor(networkRules.filter(keep), subjects)],
    });
  }

  // The RBAC plane: narrow grants alongside the broad ones, then the removal of the broad grants.
  for (const step of input.rbac?.steps ?? []) {
    if (!step.closes.some((c) => keep(c.ruleId))) continue;
    if (step.needsUserInput) {
      decisions.push({
        ruleId: step.closes[0]?.ruleId ?? 'no-cluster-admin-binding',
        subject: step.title,
        severity: 'high',
        decide: step.needsUserInput,
        then:
          step.kind === 'grant-narrow'
            ? step.files.map((f) => f.path)
            : step.changes.map((c) => `${c.action} ${c.binding.display}`),
        fingerprints: [],
      });
      continue;
    }
    const closedRules = step.closes.filter((c) => c.status === 'closed');
    const subjects = new Set(closedRules.map((c) => c.object));
    const closes = index.closedOf(
      index.fingerprintsFor(
        closedRules.map((c) => c.ruleId),
        subjects,
      ),
    );
    const verify: VerifyCommand[] = step.verify.map((c) => ({ command: c.command, expect: c.expected }));
    if (step.kind === 'grant-narrow') {
      const paths = step.files.map((f) => {
        generated.set(`aksward/${f.path}`, f.text);
        return addArtifact(f.path, f.text);
      });
      drafts.push({
        id: step.id,
        phase: 'rbac',
        kind: 'add',
        title: step.title,
        closes,
        artifacts: paths,
        apply: paths.map((p) => `kubectl apply -f ${p}`),
        verify,
        dependsOn: step.dependsOn,
        ...(step.breaksIfEarly.length > 0 ? { breaksIfEarly: step.breaksIfEarly.join('; ') } : {}),
        notes: [],
      });
      continue;
    }
    if (step.blockedBy.length > 0) {
      decisions.push({
        ruleId: step.closes[0]?.ruleId ?? 'no-cluster-admin-binding',
        subject: step.title,
        severity: 'high',
        decide: `the removal would break audited requests: ${step.blockedBy.join('; ')}`,
        then: [],
        fingerprints: [],
      });
      continue;
    }
    const changes: FileChange[] = [];
    const apply: string[] = [];
    for (const change of step.changes) {
      const { file, byHand } = change.binding;
      const located =
        file === undefined || byHand !== undefined
          ? undefined
          : files.documentAtLine(file, change.binding.line ?? 0);
      if (file !== undefined && located !== undefined) {
        const done =
          change.action === 'delete' || !change.edited
            ? files.removeDocument(file, located, change.binding)
            : files.replaceDocument(file, located, change.binding, change.edited.text);
        if (done) changes.push(done);
      }
      if (byHand !== undefined) apply.push(handEdit(change.binding, change.edited?.path));
      if (change.action === 'delete') {
        apply.push(
          `kubectl delete ${change.binding.kind.toLowerCase()} ${change.binding.name}${change.binding.namespace ? ` -n ${change.binding.namespace}` : ''}`,
        );
      } else if (change.edited) {
        apply.push(`kubectl apply -f ${addArtifact(change.edited.path, change.edited.text)}`);
      }
    }
    for (const role of step.deleteRoles) {
      const located =
        role.file === undefined || role.byHand !== undefined
          ? undefined
          : files.documentAtLine(role.file, role.line ?? 0);
      if (role.file !== undefined && located !== undefined) {
        const done = files.removeDocument(role.file, located, role);
        if (done) changes.push(done);
      }
      if (role.byHand !== undefined) apply.push(handEdit(role, undefined));
      apply.push(
        `kubectl delete ${role.kind.toLowerCase()} ${role.name}${role.namespace ? ` -n ${role.namespace}` : ''}`,
      );
    }
    const diffs = diffArtifacts(`rbac/${slug(step.id)}`, changes);
    drafts.push({
      id: step.id,
      phase: 'rbac',
      kind: 'remove',
      title: step.title,
      closes,
      artifacts: diffs.paths,
      apply: [
        ...apply,
        ...diffs.apply.map((d) =>
          d.startsWith('git apply') ? `${d}   # the same change in your manifests` : d,
        ),
      ],
      verify,
      dependsOn: step.dependsOn,
      ...(step.breaksIfEarly.length > 0 ? { breaksIfEarly: step.breaksIfEarly.join('; ') } : {}),
      notes: [],
    });
  }

  // Secrets: the vault and the identity, the workloads pointed at them, then the Secret manifests deleted.
  const keyVault = timed(input.timings, 'plan', 'key vault steps', () =>
    planKeyVault(
      model,
      failing.filter((f) => keep(f.ruleId)),
      files,
    ),
  );
  const present = new Set(drafts.map((d) => d.id));
  for (const step of keyVault.steps) {
    const paths = [...step.generated].map(([path, text]) => {
      generated.set(`aksward/${path}`, text);
      return addArtifact(path, text);
    });
    const diffs = diffArtifacts(`secrets/${slug(step.id)}`, step.changes);
    drafts.push({
      id: step.id,
      phase: 'secrets',
      kind: step.kind,
      title: step.title,
      closes: index.closedOf(step.closes),
      artifacts: [...paths, ...diffs.paths],
      apply: [...step.apply, ...diffs.apply, ...step.applyAfter],
      verify: step.verify,
      dependsOn: step.dependsOn.filter((d) => !d.startsWith('cluster:') || present.has(d)),
      ...(step.breaksIfEarly === undefined ? {} : { breaksIfEarly: step.breaksIfEarly }),
      ...(step.inputs.length > 0 ? { inputs: step.inputs } : {}),
      notes: [...step.notes],
    });
  }

  // Admission: policies in Warn/Audit, the workloads' fixes, then Deny.
  // Policies already bound in Deny (a hardened input, or this plan's own `after/`) need no step.
  const denied = new Set(
    model.objects
      .filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding' && o.name.endsWith('-deny'))
      .map((o) => o.name.slice(0, -'-deny'.length)),
  );
  const podRules = admissionPolicies(input.allowedRegistries).filter(
    (p) => keep(p.rule) && !denied.has(p.name),
  );
  const podFailing = failing.filter((f) => podRules.some((p) => p.rule === f.ruleId));
  if (podRules.length > 0 && podFailing.length > 0) {
    const admission = admissionArtifacts(podRules);
    addArtifact('admission/policies.yaml', admission.policies);
    addArtifact('admission/bindings-warn.yaml', admission.audit);
    addArtifact('admission/bindings-deny.yaml', admission.deny);
    // The target state holds the policies bound in Deny.
    generated.set('aksward/admission/policies.yaml', admission.policies);
    generated.set('aksward/admission/bindings-deny.yaml', admission.deny);
    const would = [...new Set(podFailing.map((f) => f.subject.display))].sort();
    drafts.push({
      id: 'admission-warn',
      phase: 'admission',
      kind: 'add',
      title: 'Admission policies in Warn and Audit',
      closes: [],
      artifacts: ['admission/policies.yaml', 'admission/bindings-warn.yaml'],
      apply: ['kubectl apply -f admission/policies.yaml', 'kubectl apply -f admission/bindings-warn.yaml'],
      verify: [
        {
          command: 'kubectl run probe --image=busybox --privileged --dry-run=server -- true',
          expect: 'Warning: … aksward no-privileged',
        },
      ],
      dependsOn: [],
      notes: [
        `requires Kubernetes 1.30+ (admissionregistration.k8s.io/v1)`,
        `these workloads would be denied today: ${would.join(', ')}`,
      ],
    });
  }
  const patchRules = PATCHED_RULES.filter((r) => keep(r));
  const {
    patches,
    changes: patchChanges,
    decisions: owner,
    serviceAccounts,
  } = timed(input.timings, 'plan', 'workload patches', () =>
    planWorkloadPatches(
      model,
      failing.filter(
        (f) => (patchRules as readonly string[]).includes(f.ruleId) || f.ruleId in OWNER_DECISIONS,
      ),
      files,
      keyVault.serviceAccounts,
    ),
  );
  // No later step edits these documents again: the parses kept for a second edit that did not come (the Key
  // Vault step's ServiceAccounts) go before the diffs are made.
  files.forgetEdits();
  if (patchChanges.length > 0) {
    const accounts = serviceAccounts.map((a) => {
      generated.set(`aksward/${a.file}`, a.text);
      return addArtifact(a.file, a.text);
    });
    const patchDiffs = diffArtifacts('workloads/harden-pods', patchChanges);
    const diffs = [...accounts, ...patchDiffs.paths];
    drafts.push({
      id: 'workloads-harden',
      phase: 'admission',
      kind: 'change',
      title: 'Harden the workloads the policies would deny',
      closes: index.closedOf(patches.flatMap((p) => p.closes)),
      artifacts: diffs,
      apply: [
        ...accounts.map((a) => `kubectl apply -f ${a}`),
        ...patchDiffs.apply,
        'kubectl apply -f <the patched manifests>',
      ],
      verify: [
        { command: 'kubectl get events -A --field-selector reason=FailedCreate', expect: 'no new events' },
      ],
      dependsOn: podRules.length > 0 ? ['admission-warn'] : [],
      notes: patches.flatMap((p) => p.cautions.map((c) => `${p.workload}: ${c}`)),
    });
  }
  if (podRules.length > 0 && podFailing.length > 0)
    drafts.push({
      id: 'admission-deny',
      phase: 'admission',
      kind: 'change',
      title: 'Admission policies in Deny',
      closes: index.closedOf([]),
      artifacts: ['admission/bindings-deny.yaml'],
      apply: [
        'kubectl apply -f admission/bindings-deny.yaml',
        'kubectl delete -f admission/bindings-warn.yaml',
      ],
      verify: [
        {
          command: 'kubectl run probe --image=busybox --privileged --dry-run=server -- true',
          expect: 'denied: … aksward no-privileged',
        },
      ],
      dependsOn: ['admission-warn', ...(patchChanges.length > 0 ? ['workloads-harden'] : [])],
      breaksIfEarly: 'every next deployment of a workload the Warn bindings still name is refused',
      notes: [],
    });
  const closedBySteps = new Set(drafts.flatMap((d) => d.closes.flatMap((c) => c.fingerprints)));
  const severityOf = new Map<string, string>();
  for (const f of failing) if (!severityOf.has(f.fingerprint)) severityOf.set(f.fingerprint, f.severity);
  for (const d of owner.map((o) => ({ ...o, closes: o.closes.filter((c) => !closedBySteps.has(c)) })))
    if (keep(d.rule) && d.closes.length > 0)
      decisions.push({
        ruleId: d.rule,
        subject: d.workload,
        severity: severityOf.get(d.closes[0] ?? '') ?? 'unknown',
        decide: d.decide,
        then: [],
        fingerprints: d.closes,
      });

  // Every other failed finding is accounted for: its fix is the rule's remediation, done by hand.
  const covered = new Set([
    ...drafts.flatMap((d) => d.closes.flatMap((c) => c.fingerprints)),
    ...decisions.flatMap((d) => d.fingerprints),
  ]);
  const decided = new Set(decisions.map((d) => `${d.ruleId}\u0000${d.subject}`));
  for (const finding of failing) {
    if (!keep(finding.ruleId) || covered.has(finding.fingerprint)) continue;
    if (decided.has(`${finding.ruleId}\u0000${finding.subject.display}`)) continue;
    decided.add(`${finding.ruleId}\u0000${finding.subject.display}`);
    decisions.push({
      ruleId: finding.ruleId,
      subject: finding.subject.display,
      severity: finding.severity,
      decide: `no automatic fix: ${finding.fix}`,
      then: [`aksward explain ${finding.ruleId}`],
      fingerprints: index.of(finding.ruleId, finding.subject.display).map((f) => f.fingerprint),
    });
  }

  // Order: phase, then the order each engine gave within its phase.
  const ordered = PLAN_PHASES.flatMap((phase) => drafts.filter((d) => d.phase === phase));
  const steps = ordered.map((d, i) => ({ ...d, number: i + 1 }));

  const after = new Map<string, string>();
  for (const [file, text] of files) after.set(input.relative(file), text);
  for (const [path, text] of generated) after.set(path, text);
  return { steps, decisions, artifacts, after };
}

/**
 * The hand edit of an object no diff may touch (`ObjectRef.byHand`: a List item shares its document with other
 * objects): delete it from its manifest, or replace it with the narrowed object written to `replacement`.
 */
function handEdit(object: ObjectRef, replacement: string | undefined): string {
  const where = `${object.file ?? 'its manifest'}${object.line === undefined ? '' : `:${String(object.line)}`}`;
  const what = replacement === undefined ? 'delete it' : `replace it with the object of ${replacement}`;
  return `by hand: ${object.display} at ${where} is ${object.byHand ?? ''}: ${what} there, and leave the rest of that document as it is`;
}

/** Successive changes of one file as one: the first `before`, the last `after`. */
function mergeChanges(changes: readonly FileChange[]): FileChange[] {
  const merged = new FileChanges();
  for (const change of changes) merged.add(change);
  return merged.list();
}
