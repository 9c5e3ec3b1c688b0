/**
 * @module fix: the hardening plan as a library call. Scans the inputs, reads the evidence (flow logs,
 * audit logs), builds every step in the rollout order with its artifacts, applies them to a copy of the
 * inputs and rescans that copy: the plan states what it closes because it was checked, not assumed.
 * Never touches a live system.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding } from './engine/finding.js';
import type { AuditLog } from './load/audit-log/parse-audit-log.js';
import { readAuditLog } from './load/audit-log/read-audit-log.js';
import { loadFlowLogs } from './load/flows/index.js';
import type { BuiltPlan } from './fix/plan/build-plan.js';
import { buildPlan } from './fix/plan/build-plan.js';
import type { Decision, FixOutput, FixPlan, PlanProof, PlanStep, RemainingNeed } from './fix/plan/types.js';
import { planNetworkPolicies } from './fix/netpol/index.js';
import { planRbacNarrowing } from './fix/rbac/index.js';
import type { SecretValues } from './fix/secrets/secret-values.js';
import { collectSecretValues } from './fix/secrets/secret-values.js';
import { writeTree } from './fix/write-tree.js';
import { decodeBase64, detectCredential } from './rules/secrets/credential-detector.js';
import type { ScanOptions } from './scan.js';
import { scan } from './scan.js';
import type { ClusterModel } from './model/index.js';
import { VERSION } from './version.js';
import { timed, timedAsync } from './engine/timings.js';

/** How `aksward fix` writes its folder, as the rescan writes its copy of `after/`. */
export { writeTree };

export interface FixOptions extends ScanOptions {
  /** Hubble flow logs (`hubble observe -o json`): observed traffic the network policies must keep. */
  readonly flows?: readonly string[];
  /** Kubernetes audit logs (`audit.k8s.io/v1` events, AKS kube-audit exports): what each identity used. */
  readonly auditLogs?: readonly string[];
  /** Surfaces or rule ids: only steps closing findings of these. */
  readonly only?: readonly string[];
}

const DEFAULT_REGISTRIES = ['mcr.microsoft.com', '*.azurecr.io'];

/**
 * What the proof reads of a finding: its status and severity to count it, its identity to match it before
 * and after, its fingerprint to find its step. Kept instead of whole findings while the rescan runs.
 */
type ProofFinding = Pick<Finding, 'ruleId' | 'severity' | 'status' | 'impliedBy' | 'fingerprint'> & {
  readonly subject: Pick<Finding['subject'], 'display'>;
};

function proofFinding(f: Finding): ProofFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    status: f.status,
    ...(f.impliedBy === undefined ? {} : { impliedBy: f.impliedBy }),
    fingerprint: f.fingerprint,
    subject: { display: f.subject.display },
  };
}

/** Failed findings by severity, as `scan` counts them: one implied by a root cause is counted under it. */
function countBySeverity(findings: readonly ProofFinding[]): Record<string, number> {
  const counts: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const f of findings)
    if (f.status === 'fail' && f.impliedBy === undefined) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  return counts;
}

/** The directory every input file lies under, so `after/` mirrors the inputs without leaving the output folder. */
function commonRoot(files: readonly string[], cwd: string): string {
  const dirs = files.map((f) => path.dirname(path.resolve(cwd, f)).split(path.sep));
  if (dirs.length === 0) return cwd;
  const first = dirs[0] ?? [];
  let length = first.length;
  for (const dir of dirs) {
    let i = 0;
    while (i < length && dir[i] === first[i]) i++;
    length = i;
  }
  const root = first.slice(0, length).join(path.sep) || path.sep;
  const fromCwd = path.relative(cwd, root);
  return fromCwd.startsWith('..') || path.isAbsolute(fromCwd) ? root : cwd;
}

/**
 * Files that set a Terraform cluster's values from outside its module: the module call arguments its
 * settings point at, and the var files and variable declarations of those callers' folders.
 */
async function callerFiles(model: ClusterModel): Promise<string[]> {
  const out = new Set<string>();
  const visit = (value: unknown, clusterFile: string): void => {
    if (typeof value !== 'object' || value === null) return;
    const at = (value as { at?: { file?: unknown } }).at;
    if (typeof at?.file === 'string' && at.file !== clusterFile && at.file.endsWith('.tf')) out.add(at.file);
    for (const item of Object.values(value)) if (item !== at) visit(item, clusterFile);
  };
  for (const cluster of model.clusters) if (cluster.format === 'terraform') visit(cluster, cluster.at.file);
  for (const file of [...out]) {
    const folder = path.dirname(file);
    let names: string[] = [];
    try {
      names = await readdir(folder);
    } catch {
      // a folder gone since the scan: nothing more to read there
    }
    for (const name of names)
      if (/\.tf$|^terraform\.tfvars$|\.auto\.tfvars$/.test(name)) out.add(path.join(folder, name));
  }
  return [...out];
}

/** Why a finding is still open after every step: the step that needs a migration, or the decision. */
/**
 * Why a finding stays open after the plan: the first step that closes it, else the first decision that
 * covers it (by fingerprint, or by rule and subject), else no automatic fix. Indexed once: a plan of a
 * large cluster leaves tens of thousands of findings open and holds tens of thousands of decisions.
 */
function remainingReasons(
  steps: readonly PlanStep[],
  decisions: readonly Decision[],
): (finding: ProofFinding) => { reason: string; needs: RemainingNeed } {
  const stepOf = new Map<string, PlanStep>();
  for (const step of steps)
    for (const closed of step.closes)
      for (const fingerprint of closed.fingerprints)
        if (!stepOf.has(fingerprint)) stepOf.set(fingerprint, step);
  const byFingerprint = new Map<string, number>();
  const bySubject = new Map<string, number>();
  decisions.forEach((d, i) => {
    for (const fingerprint of d.fingerprints)
      if (!byFingerprint.has(fingerprint)) byFingerprint.set(fingerprint, i);
    const key = `${d.ruleId}\u0000${d.subject}`;
    if (!bySubject.has(key)) bySubject.set(key, i);
  });
  return (finding) => {
    const step = stepOf.get(finding.fingerprint);
    if (step)
      return {
        reason: `step ${step.number} (${step.kind}): ${step.title}`,
        needs:
          step.kind === 'rebuild'
            ? 'rebuild'
            : step.kind === 'migrate'
              ? 'migration'
              : step.inputs
                ? 'input'
                : 'manual',
      };
    const at = Math.min(
      byFingerprint.get(finding.fingerprint) ?? Infinity,
      bySubject.get(`${finding.ruleId}\u0000${finding.subject.display}`) ?? Infinity,
    );
    const decision = decisions[at];
    if (decision)
      return decision.decide.startsWith('no automatic fix')
        ? { reason: decision.decide, needs: 'manual' }
        : { reason: `needs your input: ${decision.decide}`, needs: 'input' };
    return {
      reason: 'no automatic fix: see the rule’s remediation (aksward explain ' + finding.ruleId + ')',
      needs: 'manual',
    };
  };
}

/**
 * The inputs' secret values: the model's, the files', and the Terraform variable files next to a module
 * (the model resolves `var.x` from them, so a value can reach a cluster property and its step's notes).
 */
async function secretValuesOf(
  model: Parameters<typeof collectSecretValues>[0],
  files: ReadonlyMap<string, string>,
  cwd: string,
): Promise<SecretValues> {
  const texts = new Map(files);
  const modules = new Set([...files.keys()].filter((f) => f.endsWith('.tf')).map((f) => path.dirname(f)));
  for (const dir of modules) {
    try {
      for (const name of await readdir(path.resolve(cwd, dir))) {
        if (!name.endsWith('.tfvars') && !name.endsWith('.tfvars.json')) continue;
        texts.set(path.join(dir, name), await readFile(path.resolve(cwd, dir, name), 'utf8'));
      }
    } catch {
      // An unreadable module folder: the scan said so.
    }
  }
  return collectSecretValues(model, texts, { detectCredential, decodeBase64 });
}

/**
 * Every string of a plan with the secret values replaced (a last guard: the steps are built without them). A
 * plan with nothing to replace is returned as it is: parsing its text back would copy it whole, at the end of
 * the run when memory is fullest (50 MB of JSON for a flat cluster of 10,000 workloads).
 */
function scrubPlan(plan: FixPlan, secrets: SecretValues): FixPlan {
  if (secrets.size === 0) return plan;
  const text = JSON.stringify(plan);
  const scrubbed = secrets.scrub(text);
  return scrubbed === text ? plan : (JSON.parse(scrubbed) as FixPlan);
}

/** Findings closed by a step with placeholders, or by a step after one it depends on (steps are in order). */
function needsInputCount(steps: readonly PlanStep[]): number {
  const waiting = new Set<string>();
  const fingerprints = new Set<string>();
  for (const step of steps) {
    if (!step.inputs && !step.dependsOn.some((d) => waiting.has(d))) continue;
    waiting.add(step.id);
    for (const c of step.closes) for (const f of c.fingerprints) fingerprints.add(f);
  }
  return fingerprints.size;
}

/**
 * What the proof and the plan read of the planning: the steps and their files, the findings before, and the
 * proof's network and RBAC figures. Not the model, its analyses or the engines' state: a large cluster's
 * model and analyses take a gigabyte, and the rescan of `after/` builds a second set of them.
 */
interface Planned {
  readonly built: BuiltPlan;
  readonly after: ReadonlyMap<string, string>;
  readonly secrets: SecretValues;
  /** The findings of the inputs, as the proof reads them. */
  readonly findings: readonly ProofFinding[];
  readonly diagnostics: FixPlan['diagnostics'];
  readonly network: NonNullable<PlanProof['network']>;
  readonly rbac: NonNullable<PlanProof['rbac']>;
}

/** Scans the inputs, reads the evidence and builds every step; returns what the proof needs, and no more. */
async function planFromInputs(paths: readonly string[], options: FixOptions): Promise<Planned> {
  const cwd = options.cwd;
  const before = await scan(paths, options);
  const { model } = before;
  // The files the model came from: cluster definitions, manifests (a Terraform input is a module folder).
  const sources = new Set<string>([
    ...model.clusters.map((c) => c.at.file),
    // Bicep modules, parameter files and linked templates: the rescan of `after/` reads them too.
    ...before.inputs
      .filter((r) => r.format === 'bicep' || r.format === 'parameters' || r.format === 'arm-template')
      .map((r) => r.file),
    ...model.objects.filter((o) => o.origin.at.template === undefined).map((o) => o.origin.file),
  ]);
  const { timings } = options;
  const files = await timedAsync(timings, 'plan', 'files read', async () => {
    for (const file of await callerFiles(model)) sources.add(file);
    const texts = new Map<string, string>();
    for (const file of sources) {
      if (file === '<stdin>') continue;
      try {
        texts.set(file, await readFile(path.resolve(cwd, file), 'utf8'));
      } catch {
        // Read by the scan but gone since: the plan leaves it alone, the rescan says what is missing.
      }
    }
    return texts;
  });
  const secrets = await timedAsync(timings, 'plan', 'secret values', () => secretValuesOf(model, files, cwd));
  const { flows: flowFiles = [], auditLogs: auditFiles = [] } = options;
  const flows = flowFiles.length
    ? await timedAsync(timings, 'plan', 'flow logs', () => loadFlowLogs(flowFiles, { cwd, model }))
    : undefined;
  const audit: AuditLog | undefined = auditFiles.length
    ? await timedAsync(timings, 'plan', 'audit logs', () => readAuditLog(auditFiles, { cwd }))
    : undefined;
  const config = options.config ?? {};
  const systemNamespaces = config.systemNamespaces ?? [];
  const network = timed(timings, 'plan', 'network policies', () =>
    planNetworkPolicies(model, {
      ...(flows ? { traffic: flows.traffic } : {}),
      systemNamespaces,
    }),
  );
  // The scan's RBAC analysis, not a second one.
  const rbac = timed(timings, 'plan', 'rbac narrowing', () =>
    planRbacNarrowing(model, {
      analysis: before.analyses.get('rbac'),
      ...(audit ? { audit } : {}),
    }),
  );
  const only = options.only && options.only.length > 0 ? new Set(options.only) : undefined;
  const surfaceOf = new Map(before.result.findings.map((f) => [f.ruleId, f.surface]));
  const root = commonRoot([...files.keys()], cwd);
  const built = timed(timings, 'plan', 'steps', () =>
    buildPlan({
      ...(timings === undefined ? {} : { timings }),
      model,
      findings: before.result.findings,
      files,
      relative: (file) => path.relative(cwd, path.resolve(cwd, file)),
      network,
      rbac,
      allowedRegistries: config.registries?.allowed ?? DEFAULT_REGISTRIES,
      secrets,
      ...(only
        ? { only: (ruleId: string) => only.has(ruleId) || only.has(surfaceOf.get(ruleId) ?? '') }
        : {}),
    }),
  );
  // `after/` mirrors the inputs under their common root.
  const after = timed(timings, 'plan', 'after', () => {
    const tree = new Map<string, string>();
    for (const [file, text] of built.after) {
      const absolute = path.resolve(cwd, file);
      const relative = file.startsWith('aksward/') ? file : path.relative(root, absolute);
      // A value no step moved (a TLS key, an ARM secure default) becomes a placeholder a rescan still flags.
      tree.set(relative, secrets.scrub(text));
    }
    return tree;
  });
  return {
    built,
    after,
    secrets,
    findings: before.result.findings.map(proofFinding),
    diagnostics: [
      ...before.diagnostics,
      ...(flows?.diagnostics ?? []),
      ...(audit?.diagnostics ?? []),
      ...rbac.diagnostics,
    ].map((d) => ({
      level: d.level,
      message: d.message,
      file: d.file,
      ...(d.line === undefined ? {} : { line: d.line }),
    })),
    network: {
      flowsChecked: network.proof.edgesChecked,
      severed: network.proof.severed.length,
      connectionsClosed: network.proof.closedCount,
      dnsAllowed: network.proof.dns.every((d) => d.udp && d.tcp),
      enforcement: network.proof.enforcement,
    },
    rbac: {
      requestsPreserved: rbac.proof.preserved,
      requestsLost: rbac.proof.lost.length,
      rightsRemoved: rbac.proof.removedRights.length,
      rightsRemovedHold: rbac.proof.removedRights.every((c) => c.holds),
      evidence: audit ? `${audit.events.length} audit events` : 'manifests only (no --audit-log)',
    },
  };
}

/**
 * The findings of the same scan over `after/`, written to a scratch folder. Its own function so that the
 * rescan's model and analyses die with it: a local of `fix` stays reachable from the suspended async
 * frame until `fix` returns, holding the second cluster (1.2 GB on a flat cluster of 10,000 workloads).
 */
async function rescanFindings(
  after: ReadonlyMap<string, string>,
  options: FixOptions,
): Promise<readonly ProofFinding[]> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'aksward-fix-'));
  try {
    await timedAsync(options.timings, 'plan', 'rescan copy', () => writeTree(scratch, after));
    return (await scan([scratch], { ...options, cwd: scratch })).result.findings.map(proofFinding);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export async function fix(paths: readonly string[], options: FixOptions): Promise<FixOutput> {
  const { built, after, secrets, findings, diagnostics, network, rbac } = await planFromInputs(
    paths,
    options,
  );
  // The proof: the same scan over the inputs with every step applied.
  const afterFindings = await rescanFindings(after, options);
  const stillOpen = afterFindings.filter((f) => f.status === 'fail');
  const beforeByIdentity = new Map(findings.map((f) => [`${f.ruleId} ${f.subject.display}`, f]));
  const remainingReason = remainingReasons(built.steps, built.decisions);
  const proof: PlanProof = {
    before: countBySeverity(findings),
    after: countBySeverity(afterFindings),
    remaining: stillOpen.map((f) => ({
      ruleId: f.ruleId,
      subject: f.subject.display,
      severity: f.severity,
      ...remainingReason(beforeByIdentity.get(`${f.ruleId} ${f.subject.display}`) ?? f),
    })),
    needsInput: needsInputCount(built.steps),
    network,
    rbac,
  };
  const plan: FixPlan = {
    schemaVersion: '1.1',
    tool: { name: 'aksward', version: VERSION },
    inputs: [...paths],
    evidence: { flows: [...(options.flows ?? [])], auditLogs: [...(options.auditLogs ?? [])] },
    steps: built.steps,
    decisions: built.decisions,
    proof,
    diagnostics,
  };
  return timed(options.timings, 'plan', 'scrubbed', () => {
    const artifacts = new Map([...built.artifacts].map(([p, text]) => [p, secrets.scrub(text)]));
    return { plan: scrubPlan(plan, secrets), artifacts, after };
  });
}
