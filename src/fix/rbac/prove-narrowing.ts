/**
 * @module The proof, by the RBAC engine on the model after the steps: every audited request the model
 * allowed before is still allowed (a removal that would break one is blocked), the removed rights now
 * answer no, the narrow rights answer yes, and which k8s-rbac findings close or stay open, and why.
 */
import type { ClusterModel } from '../../model/index.js';
import { WORKLOAD_CAPABILITIES, BINDING_CAPABILITIES } from './broad-grants.js';
import type { BroadGrant, RbacRuleId } from './broad-grants.js';
import {
  bindingCapability,
  describeProbe,
  probeRequest,
  userCapability,
} from '../../analysis/rbac/capabilities.js';
import type { Decision } from '../../analysis/rbac/decide.js';
import { bindingNamespace, bindingRulesAllowing } from '../../analysis/rbac/evaluate-k8s.js';
import { describeRequest } from '../../analysis/rbac/parse-request.js';
import type { RbacAnalysis } from '../../analysis/rbac/rbac-analysis.js';
import { analyzeRbac } from '../../analysis/rbac/rbac-analysis.js';
import type { AccessRequest, PolicyRule } from '../../analysis/rbac/types.js';
import { subjectAppliesTo } from '../../analysis/rbac/user-info.js';
import type { AuditedUsage } from './audit-evidence.js';
import { canICommand, subjectUser } from './can-i-command.js';
import { objectsAfter } from './objects-after.js';
import { objectRefOf, subjectKey } from './narrow-subjects.js';
import type {
  CanICheck,
  GrantStep,
  NarrowingProof,
  RemoveStep,
  RequestCheck,
  RuleOutcome,
  SubjectNarrowing,
  SubjectRef,
} from './types.js';

export interface ProofInput {
  readonly model: ClusterModel;
  readonly analysis: RbacAnalysis;
  readonly broad: readonly BroadGrant[];
  readonly subjects: readonly SubjectNarrowing[];
  readonly grants: readonly GrantStep[];
  readonly removals: readonly RemoveStep[];
  readonly usage: AuditedUsage | undefined;
}

const NARROWS = 'aksward.io/narrows';
const keptByNarrowGrant = (decision: Decision): boolean =>
  decision.kubernetes.grants.some((g) => g.binding.object?.annotations[NARROWS] !== undefined);

function check(
  analysis: RbacAnalysis,
  subject: SubjectRef,
  request: AccessRequest,
  expected: 'yes' | 'no',
): CanICheck {
  const verdict = analysis.canI(subjectUser(subject), request).verdict;
  return {
    command: canICommand(subject, request),
    expected,
    subject: subject.display,
    request,
    verdict,
    holds: expected === 'yes' ? verdict === 'allowed' : verdict !== 'allowed',
  };
}

/** One request each narrow rule must allow: its first verb, resource and name. */
function sampleRequest(rule: PolicyRule, namespace: string): AccessRequest | undefined {
  const verb = rule.verbs[0];
  if (verb === undefined) return undefined;
  const url = rule.nonResourceURLs[0];
  if (url !== undefined) return { kind: 'non-resource', verb, path: url };
  const [resource = '', subresource = ''] = (rule.resources[0] ?? '').split('/');
  return {
    kind: 'resource',
    verb,
    apiGroup: rule.apiGroups[0] ?? '',
    resource,
    subresource,
    name: rule.resourceNames[0] ?? '',
    namespace,
  };
}

function grantOf(input: ProofInput, step: RemoveStep): BroadGrant | undefined {
  const display = step.changes[0]?.binding.display;
  return input.broad.find((g) => objectRefOf(g.binding).display === display);
}

function removedSubjects(input: ProofInput, step: RemoveStep): SubjectNarrowing[] {
  const removed = new Set(step.changes.flatMap((c) => c.removeSubjects));
  return input.subjects.filter((s) => removed.has(s.subject.display));
}

/** Rule outcomes and can-i checks of one removal step, asked in the world after it. */
function proveRemoval(input: ProofInput, step: RemoveStep, after: RbacAnalysis) {
  const grant = grantOf(input, step);
  const closes: RuleOutcome[] = [];
  const verify: CanICheck[] = [];
  if (!grant) return { closes, verify };
  const ref = objectRefOf(grant.binding);
  const change = step.changes[0];
  const namespace = bindingNamespace(grant.binding);
  const subjects = removedSubjects(input, step);
  for (const reason of grant.reasons) {
    if (reason.ruleId === 'no-wildcard-rules') {
      const deleted = step.deleteRoles.length > 0;
      const role = `${grant.role.kind}/${grant.role.namespace === undefined ? '' : `${grant.role.namespace}/`}${grant.role.name}`;
      closes.push(
        deleted
          ? { ruleId: reason.ruleId, object: role, status: 'closed' }
          : {
              ruleId: reason.ruleId,
              object: role,
              status: 'open',
              reason: 'other bindings still reference the role: narrow or remove them too',
            },
      );
      continue;
    }
    closes.push(
      change?.action === 'delete'
        ? { ruleId: reason.ruleId, object: ref.display, status: 'closed' }
        : {
            ruleId: reason.ruleId,
            object: ref.display,
            status: 'open',
            reason: 'the binding keeps its other subjects until their removal is confirmed',
          },
    );
    for (const narrowing of subjects) {
      for (const probe of reason.probes) {
        const request = probeRequest(probe, namespace);
        const decision = after.canI(subjectUser(narrowing.subject), request);
        if (decision.verdict === 'allowed' && keptByNarrowGrant(decision)) continue; // used: an open outcome of the grant
        verify.push(check(after, narrowing.subject, request, 'no'));
      }
    }
  }
  closes.push(...workloadOutcomes(input, subjects, after));
  return { closes, verify: dedupeChecks(verify) };
}

function capabilitiesOf(analysis: RbacAnalysis, subject: SubjectRef, namespace: string): string[] {
  const user = subjectUser(subject);
  return WORKLOAD_CAPABILITIES.flatMap((capability) =>
    userCapability(analysis, user, namespace, capability).map((m) => describeProbe(m.probe)),
  );
}

function workloadOutcomes(
  input: ProofInput,
  subjects: readonly SubjectNarrowing[],
  after: RbacAnalysis,
): RuleOutcome[] {
  const out: RuleOutcome[] = [];
  for (const narrowing of subjects) {
    const namespace = narrowing.subject.namespace;
    if (narrowing.subject.kind !== 'ServiceAccount' || namespace === undefined) continue;
    if (capabilitiesOf(input.analysis, narrowing.subject, namespace).length === 0) continue;
    const left = [...new Set(capabilitiesOf(after, narrowing.subject, namespace))];
    for (const workload of narrowing.workloads) {
      out.push(
        left.length === 0
          ? { ruleId: 'no-overprivileged-workload', object: workload, status: 'closed' }
          : {
              ruleId: 'no-overprivileged-workload',
              object: workload,
              status: 'open',
              reason: `${narrowing.subject.display} keeps ${left.join(', ')}, which its narrow grant holds because it was used`,
            },
      );
    }
  }
  return out;
}

function dedupeChecks(checks: readonly CanICheck[]): CanICheck[] {
  const seen = new Set<string>();
  return checks.filter((c) => (seen.has(c.command) ? false : (seen.add(c.command), true)));
}

/** The k8s-rbac rules a narrow binding still trips: the rights it keeps because they were used. */
function grantOutcomes(
  step: GrantStep,
  after: RbacAnalysis,
  narrowing: SubjectNarrowing | undefined,
): RuleOutcome[] {
  const out: RuleOutcome[] = [];
  const files = new Set(step.files.map((f) => f.path));
  for (const binding of after.index.bindings) {
    if (binding.object === undefined || !files.has(binding.object.origin.file)) continue;
    if (narrowing?.subject.kind === 'ServiceAccount' && narrowing.subject.name === 'default') {
      out.push({
        ruleId: 'no-default-service-account',
        object: objectRefOf(binding).display,
        status: 'open',
        reason:
          "the identity that used these rights is the namespace's default service account: give that client its own service account, then bind this role to it",
      });
    }
    for (const [ruleId, capability] of BINDING_CAPABILITIES) {
      const matches = bindingCapability(after, binding, capability);
      if (matches.length === 0) continue;
      const used = (narrowing?.needed ?? []).filter(
        (u) => bindingRulesAllowing(after.index, binding, u.request).length > 0,
      );
      const count = used.reduce((n, u) => n + u.count, 0);
      out.push({
        ruleId: ruleId satisfies RbacRuleId,
        object: objectRefOf(binding).display,
        status: 'open',
        reason: `keeps ${matches.map((m) => describeProbe(m.probe)).join(', ')}: used (${count} audited requests)`,
      });
    }
  }
  return out;
}

export function proveNarrowing(input: ProofInput): {
  grants: GrantStep[];
  removals: RemoveStep[];
  proof: NarrowingProof;
} {
  const { model, analysis, grants, removals, usage } = input;
  const after = analyzeRbac({ ...model, objects: objectsAfter(model, grants, removals) });
  const afterAll = analyzeRbac({
    ...model,
    objects: objectsAfter(model, grants, removals, { includePending: true }),
  });
  const lost: RequestCheck[] = [];
  let preserved = 0;
  let notModeled = 0;
  const blocked = new Map<string, string[]>();
  for (const used of usage?.allowed ?? []) {
    if (analysis.canI(used.user, used.request).verdict !== 'allowed') {
      notModeled += 1;
      continue;
    }
    const verdict = after.canI(used.user, used.request).verdict;
    if (verdict === 'allowed') {
      preserved += 1;
      continue;
    }
    const text = describeRequest(used.request);
    lost.push({ subject: used.user.name, request: text, count: used.count, verdict });
    for (const step of removals) {
      const grant = grantOf(input, step);
      if (!grant || bindingRulesAllowing(analysis.index, grant.binding, used.request).length === 0) continue;
      if (
        !grant.binding.subjects.some((s) => subjectAppliesTo(s, used.user, bindingNamespace(grant.binding)))
      )
        continue;
      blocked.set(step.id, [
        ...(blocked.get(step.id) ?? []),
        `${used.user.name}: ${text} (${used.count} audited)`,
      ]);
    }
  }
  const bySubject = new Map(input.subjects.map((s) => [subjectKey(s.subject), s]));
  const provedGrants = grants.map((step) => {
    const narrowing = bySubject.get(subjectKey(step.subject));
    const verify = (narrowing?.rules ?? []).flatMap(({ namespace, rules }) =>
      rules.flatMap((rule) => {
        const request = sampleRequest(rule, namespace);
        return request ? [check(after, step.subject, request, 'yes')] : [];
      }),
    );
    return { ...step, verify, closes: grantOutcomes(step, after, narrowing) };
  });
  const provedRemovals = removals.map((step) => {
    const world = step.needsUserInput === undefined ? after : afterAll;
    const { closes, verify } = proveRemoval(input, step, world);
    return { ...step, closes, verify, blockedBy: blocked.get(step.id) ?? [] };
  });
  const removedRights = provedRemovals.flatMap((s) => s.verify);
  const keptRights = provedGrants.flatMap((s) => s.verify);
  return {
    grants: provedGrants,
    removals: provedRemovals,
    proof: {
      preserved,
      lost,
      notModeled,
      removedRights,
      keptRights,
      holds: lost.length === 0 && removedRights.every((c) => c.holds) && keptRights.every((c) => c.holds),
    },
  };
}
