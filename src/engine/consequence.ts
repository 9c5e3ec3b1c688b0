/**
 * @module Severity by consequence: a post-pass over the rules' findings that grades each one with what the
 * analyses know. The rule's severity (the guidance's priority matrix) is the base; the RBAC engine says whether
 * a mounted token or a role can do anything that matters, the reachability engine whether the subject faces the
 * internet. Every change keeps `baseSeverity` and says why (docs/severity.md holds the table).
 */
import type { ClusterModel, Workload } from '../model/index.js';
import { flatString } from '../model/index.js';
import type { RbacRuleAnalysis } from '../rules/kit/analyses.js';
import type { Severity } from '../rules/types.js';
import { SEVERITIES, severityRank } from '../rules/types.js';
import type { AnalysisRun } from './analyses.js';
import type { Exposure, Finding, FindingDraft } from './finding.js';
import { addNotes } from './finding.js';

export interface GradeContext {
  readonly model: ClusterModel;
  readonly analyses: AnalysisRun;
  /** Rules whose severity the user set in the config: their severity is not changed. */
  readonly overridden: ReadonlySet<string>;
  /** Whether `registries.allowed` is configured. */
  readonly allowlistConfigured: boolean;
}

interface Change {
  readonly severity: Severity;
  readonly reason: string;
}

/** One severity step down (info stays info). */
function lower(severity: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.indexOf(severity) + 1, SEVERITIES.length - 1)] ?? severity;
}

/** Findings about a container of these rules are about code running in it. */
const CONTAINER_RULES = new Set(['no-privileged', 'no-added-capabilities', 'no-privilege-escalation']);

const INIT_REASON =
  'an init container runs to completion before the app containers start: an escalation at pod creation for whoever ' +
  'can create or change the pod, not a foothold for whoever compromises the served container';

function initContainerChange(finding: Finding): Change | undefined {
  if (!CONTAINER_RULES.has(finding.ruleId)) return undefined;
  if (!/(^|\.)initContainers\[\d+\]/.test(finding.path ?? '')) return undefined;
  return { severity: lower(finding.severity), reason: INIT_REASON };
}

function registryChange(finding: Finding, context: GradeContext): Change | undefined {
  if (finding.ruleId !== 'require-allowed-registries' || context.allowlistConfigured) return undefined;
  if (severityRank(finding.severity) <= severityRank('low')) return undefined;
  return {
    severity: 'low',
    reason:
      'no registries.allowed is configured, so the registry is judged against a default guess: a prompt to ' +
      'configure an allowlist, not a verdict on this image',
  };
}

/** Whether the workload's service account can do anything that matters (beyond the defaults). */
function hasAccountPowers(rbac: RbacRuleAnalysis, workload: Workload): boolean {
  const user = rbac.userInfo(rbac.serviceAccountUsername(workload.namespace, workload.serviceAccountName));
  const { CLUSTER_ADMIN, SECRET_READ, POD_CREATE, WORKLOAD_CREATE, POD_EXEC, ESCALATION } = rbac.probes;
  return [CLUSTER_ADMIN, SECRET_READ, POD_CREATE, WORKLOAD_CREATE, POD_EXEC, ESCALATION].some(
    (capability) => rbac.userCapability(user, workload.namespace, capability).length > 0,
  );
}

const TOKEN_CHANGE: Change = {
  severity: 'low',
  reason:
    'the RBAC engine finds that the account can do nothing beyond the Kubernetes defaults (no secret read, pod ' +
    'create or exec, escalation or wildcard): the token gains an attacker nothing today, so this is hygiene',
};

function tokenChange(
  finding: Finding,
  workload: Workload | undefined,
  hasPowers: (workload: Workload) => boolean,
): Change | undefined {
  if (finding.ruleId !== 'no-automount-token' || finding.status !== 'fail' || workload === undefined)
    return undefined;
  if (hasPowers(workload)) return undefined;
  if (severityRank(finding.severity) <= severityRank('low')) return undefined;
  return TOKEN_CHANGE;
}

const LATENT_REASON = 'latent: bound by nothing in the inputs, so no subject holds these rights today';

/** A k8s-rbac finding on a Role or ClusterRole that nothing binds: one step lower, as latent. */
function latentChange(finding: Finding, roles: ReadonlyMap<string, boolean>): Change | undefined {
  if (finding.surface !== 'k8s-rbac') return undefined;
  const { kind, name, namespace } = finding.subject;
  if (kind !== 'Role' && kind !== 'ClusterRole') return undefined;
  if (roles.get(`${kind}|${namespace ?? ''}|${name}`) !== false) return undefined;
  return { severity: lower(finding.severity), reason: LATENT_REASON };
}

/** Whether each role is bound, by `kind|namespace|name`; the first role of a name decides, as a search in index order would. */
function boundRoles(rbac: RbacRuleAnalysis): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const role of rbac.index.roles.values()) {
    const { object } = role;
    if (object === undefined) continue;
    const key = `${object.kind}|${object.namespace ?? ''}|${object.name}`;
    if (!out.has(key)) out.set(key, rbac.isRoleBound(role));
  }
  return out;
}

/** Workloads by `kind|namespace|name` as the subject names them (a subject has no namespace when the manifest omits it). */
function workloadsBySubject(rbac: RbacRuleAnalysis): Map<string, Workload> {
  const out = new Map<string, Workload>();
  for (const w of rbac.index.workloads)
    out.set(`${w.object.kind}|${w.object.namespace ?? ''}|${w.object.name}`, w);
  return out;
}

/** Exposure of every workload: internet-exposed, one network hop from an exposed one, or neither. */
function exposureOf(context: GradeContext): Map<string, Exposure> {
  const { graph, exposedWorkloads } = context.analyses.get('attackGraph');
  const out = new Map<string, Exposure>();
  const exposed = exposedWorkloads();
  for (const id of exposed) out.set(id, 'internet');
  const layer = graph.network;
  if (layer === undefined) return out;
  // Exposed workloads sharing a row reach the same workloads (each but itself, and it is exposed): one
  // union of their rows, not one walk per exposed workload.
  const { words, rows, groupOf } = layer;
  const lateral = new Uint32Array(words);
  const seen = new Set<number>();
  for (const id of exposed) {
    const from = layer.indexOf.get(id);
    const group = from === undefined ? undefined : groupOf[from];
    if (group === undefined || seen.has(group)) continue;
    seen.add(group);
    for (let w = 0; w < words; w++) lateral[w] = (lateral[w] ?? 0) | (rows[group * words + w] ?? 0);
  }
  for (let w = 0; w < words; w++) {
    let bits = lateral[w] ?? 0;
    while (bits !== 0) {
      const low = bits & -bits;
      bits ^= low;
      const target = layer.ids[w * 32 + 31 - Math.clz32(low)];
      if (target !== undefined && !out.has(target)) out.set(target, 'lateral');
    }
  }
  return out;
}

const EXPOSURE_WEIGHT: Readonly<Record<Exposure, number>> = { internet: 3, lateral: 2, internal: 0 };

/**
 * The attacker-gain rank: the severity first (ten points a step), then where the subject sits: an internet-exposed
 * workload (+3) above one reachable from it (+2), above the rest (isolated workloads, cluster settings, RBAC objects).
 */
function rankOf(severity: Severity, exposure: Exposure | undefined): number {
  return severityRank(severity) * 10 + (exposure === undefined ? 0 : EXPOSURE_WEIGHT[exposure]);
}

/** Where a subject sits: the workload it names and its exposure, none for other subjects. */
interface Placement {
  readonly workload: Workload | undefined;
  readonly where: Exposure | undefined;
}

/**
 * Grades every finding in place: base severity kept, severity changed with a reason, exposure and rank set.
 * A subject has findings of many rules and an account serves many workloads: each is looked up once.
 */
export function gradeFindings(findings: readonly FindingDraft[], context: GradeContext): void {
  const rbac = context.analyses.get('rbac');
  const workloads = workloadsBySubject(rbac);
  let roles: Map<string, boolean> | undefined;
  let exposure: Map<string, Exposure> | undefined;
  const placements = new Map<Finding['subject'], Placement>();
  const placementOf = (subject: Finding['subject']): Placement => {
    let found = placements.get(subject);
    if (found === undefined) {
      const { kind, namespace, name } = subject;
      const workload = workloads.get(`${kind}|${namespace ?? ''}|${name}`);
      if (workload === undefined) found = { workload, where: undefined };
      else {
        exposure ??= exposureOf(context);
        const where = exposure.get(`workload:${workload.namespace}/${workload.name}`) ?? 'internal';
        found = { workload, where };
      }
      placements.set(subject, found);
    }
    return found;
  };
  const powers = new Map<string, boolean>();
  const hasPowers = (workload: Workload): boolean => {
    const key = `${workload.namespace}/${workload.serviceAccountName}`;
    let found = powers.get(key);
    if (found === undefined) powers.set(key, (found = hasAccountPowers(rbac, workload)));
    return found;
  };
  for (const finding of findings) {
    const { workload, where } = placementOf(finding.subject);
    const change = context.overridden.has(finding.ruleId)
      ? undefined
      : (initContainerChange(finding) ??
        registryChange(finding, context) ??
        tokenChange(finding, workload, hasPowers) ??
        latentChange(finding, (roles ??= boundRoles(rbac))));
    if (change !== undefined) {
      // A change on top of the rule's own grading keeps both reasons: together they explain severity vs base.
      const base = finding.baseSeverity ?? finding.severity;
      finding.severityReason = flatString(
        finding.severityReason === undefined
          ? change.reason
          : `${finding.severityReason}; then ${change.reason}`,
      );
      finding.severity = change.severity;
      if (where !== undefined) finding.exposure = where;
      finding.rank = rankOf(change.severity, where);
      addNotes(finding, [`severity ${change.severity} (base ${base}): ${change.reason}`]);
      continue;
    }
    if (where !== undefined) finding.exposure = where;
    finding.rank = rankOf(finding.severity, where);
  }
}
