/**
 * @module Per subject of a broad grant: what it needs from that grant, on which evidence, and whether
 * its broad grant may go without the user's word. A request is needed when the identity made it, a
 * broad binding of the subject allowed it, and nothing that stays (the model without any broad
 * binding) allows it: rights the identity holds elsewhere are not granted twice.
 */
import type { Workload } from '../../model/index.js';
import type { RbacAnalysis } from '../../analysis/rbac/rbac-analysis.js';
import { bindingNamespace, bindingRulesAllowing } from '../../analysis/rbac/evaluate-k8s.js';
import type { AccessRequest, RbacBinding, RbacSubject } from '../../analysis/rbac/types.js';
import { describeBinding } from '../../analysis/rbac/types.js';
import { subjectAppliesTo, subjectServiceAccount } from '../../analysis/rbac/user-info.js';
import { tokenMount } from '../../analysis/rbac/workload-identity.js';
import type { AuditedUsage, UsedRequest } from './audit-evidence.js';
import type { BroadGrant } from './broad-grants.js';
import { subjectUser } from './can-i-command.js';
import { inferWorkload } from './manifest-evidence.js';
import { narrowRules } from './narrow-rules.js';
import { byHandReason } from '../file-set.js';
import type { EvidenceKind, ObjectRef, SubjectNarrowing, SubjectRef } from './types.js';

const READ_VERBS = new Set(['get', 'list', 'watch']);
const WRITE_VERBS = new Set(['*', 'create', 'update', 'patch', 'delete', 'deletecollection']);

export function objectRefOf(binding: RbacBinding): ObjectRef {
  const origin = binding.object?.origin;
  const byHand = origin === undefined ? undefined : byHandReason(origin);
  return {
    kind: binding.kind,
    name: binding.name,
    ...(binding.namespace === undefined ? {} : { namespace: binding.namespace }),
    display: describeBinding(binding).replace(/ \(.*\)$/, ''),
    ...(origin ? { file: origin.at.file, line: origin.at.line } : {}),
    ...(byHand === undefined ? {} : { byHand }),
  };
}

const slugOf = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'subject';

export function subjectRefOf(subject: RbacSubject, binding: RbacBinding): SubjectRef | undefined {
  if (subject.kind === 'ServiceAccount') {
    const account = subjectServiceAccount(subject, bindingNamespace(binding));
    if (!account) return undefined; // matches nobody (a CRB subject without namespace)
    return {
      kind: 'ServiceAccount',
      name: account.name,
      namespace: account.namespace,
      display: `ServiceAccount ${account.namespace}/${account.name}`,
      slug: slugOf(`${account.namespace}-${account.name}`),
    };
  }
  const slug = slugOf(subject.kind === 'Group' ? `group-${subject.name}` : subject.name);
  return { kind: subject.kind, name: subject.name, display: `${subject.kind} ${subject.name}`, slug };
}

export const subjectKey = (s: SubjectRef): string => [s.kind, s.namespace ?? '', s.name].join('/');

export interface SubjectGrants {
  readonly subject: SubjectRef;
  /** The broad grants naming it, with the RbacSubject entry of each. */
  readonly grants: readonly { readonly grant: BroadGrant; readonly entry: RbacSubject }[];
}

export function collectSubjects(broad: readonly BroadGrant[]): SubjectGrants[] {
  const bySubject = new Map<string, { subject: SubjectRef; grants: SubjectGrants['grants'][number][] }>();
  for (const grant of broad) {
    for (const entry of grant.binding.subjects) {
      const subject = subjectRefOf(entry, grant.binding);
      if (!subject) continue;
      const key = subjectKey(subject);
      const item = bySubject.get(key) ?? { subject, grants: [] };
      item.grants.push({ grant, entry });
      bySubject.set(key, item);
    }
  }
  return [...bySubject.values()];
}

export interface SubjectContext {
  readonly analysis: RbacAnalysis;
  /** The model without any broad binding: what the identity keeps whatever happens. */
  readonly baseline: RbacAnalysis;
  readonly usage: AuditedUsage | undefined;
  readonly evidenceNote: string;
}

const describeWorkload = (w: Workload): string => w.display;

function allowedByGrant(context: SubjectContext, item: SubjectGrants, used: UsedRequest): boolean {
  return item.grants.some(
    ({ grant, entry }) =>
      subjectAppliesTo(entry, used.user, bindingNamespace(grant.binding)) &&
      bindingRulesAllowing(context.analysis.index, grant.binding, used.request).length > 0,
  );
}

function neededFrom(
  context: SubjectContext,
  item: SubjectGrants,
  used: readonly UsedRequest[],
): UsedRequest[] {
  return used.filter(
    (u) => allowedByGrant(context, item, u) && context.baseline.canI(u.user, u.request).verdict !== 'allowed',
  );
}

const SYSTEM_GROUP = /^system:/;

/** The workloads running as a service account subject. */
function workloadsOf(context: SubjectContext, subject: SubjectRef): Workload[] {
  if (subject.kind !== 'ServiceAccount') return [];
  return context.analysis.index.workloads.filter(
    (w) => w.namespace === subject.namespace && w.serviceAccountName === subject.name,
  );
}

function fromAudit(context: SubjectContext, item: SubjectGrants, usage: AuditedUsage) {
  const { subject } = item;
  const mine = usage.allowed.filter((u) =>
    item.grants.some(({ grant, entry }) => subjectAppliesTo(entry, u.user, bindingNamespace(grant.binding))),
  );
  let needsUserInput: string | undefined;
  if (subject.kind === 'Group' && SYSTEM_GROUP.test(subject.name)) {
    needsUserInput = `${subject.display} is a system group: bind named identities instead (the audit log cannot tell which of its members need what)`;
  } else if (!usage.allowed.some((u) => READ_VERBS.has(u.request.verb))) {
    needsUserInput =
      'the audit log holds no get, list or watch (the kube-audit-admin category leaves them out): reads cannot be narrowed from it; export the kube-audit category';
  } else if (mine.length === 0) {
    needsUserInput = `${subject.display} made no request in the audit log's window: it may run less often than the window covers (a weekly job, a release pipeline); confirm it is unused`;
  }
  return { needed: neededFrom(context, item, mine), needsUserInput, suggestions: [] as string[] };
}

const writesOf = (item: SubjectGrants): boolean =>
  item.grants.some(({ grant }) =>
    grant.role.rules.some((rule) => rule.verbs.some((v) => WRITE_VERBS.has(v))),
  );

function fromManifests(context: SubjectContext, item: SubjectGrants, workloads: readonly Workload[]) {
  const { subject } = item;
  if (workloads.length === 0) {
    const who =
      subject.kind === 'ServiceAccount'
        ? 'no workload in the inputs runs as it, so its token is used from outside (a pipeline, a person)'
        : 'the manifests cannot say what a user or group does';
    return {
      evidence: 'none' as EvidenceKind,
      needed: [] as UsedRequest[],
      suggestions: [] as string[],
      needsUserInput: `${subject.display}: ${who}; without an audit log aksward cannot narrow it. Confirm the broad grant can go, or rerun with --audit-log`,
    };
  }
  const user = subjectUser(subject);
  const inferred = workloads.map(inferWorkload);
  const used: UsedRequest[] = inferred.flatMap((inference) =>
    inference.requests.map((request: AccessRequest) => ({
      user,
      request,
      count: 0,
      at: inference.workload.object.origin.at,
    })),
  );
  const suggestions = inferred
    .filter(
      (i) => i.requests.length === 0 && tokenMount(context.analysis.index, i.workload).mounted !== false,
    )
    .map(
      (i) =>
        `set automountServiceAccountToken: false on ${describeWorkload(i.workload)}: its pod spec shows no use of the Kubernetes API`,
    );
  const controllers = inferred.filter((i) => i.controller !== undefined);
  const needsUserInput =
    writesOf(item) && controllers.length === 0
      ? `${subject.display}: its broad role writes objects, which none of its workloads (${workloads.map(describeWorkload).join(', ')}) needs from its pod spec; a pipeline may use its token. Confirm, or rerun with --audit-log`
      : undefined;
  return {
    evidence: 'manifests' as EvidenceKind,
    needed: neededFrom(context, item, used),
    suggestions,
    needsUserInput,
  };
}

export function narrowSubject(context: SubjectContext, item: SubjectGrants): SubjectNarrowing {
  const { subject } = item;
  const workloads = workloadsOf(context, subject);
  const broadBindings = item.grants.map(({ grant }) => ({
    binding: objectRefOf(grant.binding),
    ruleIds: grant.reasons.map((r) => r.ruleId),
  }));
  const decided = context.usage
    ? { evidence: 'audit-log' as EvidenceKind, ...fromAudit(context, item, context.usage) }
    : fromManifests(context, item, workloads);
  const note =
    decided.evidence === 'audit-log'
      ? context.evidenceNote
      : decided.evidence === 'manifests'
        ? `manifests only (no audit log): ${workloads.length} workload(s) run as it; rights inferred from known controller images, none for other images`
        : 'no evidence: no audit log, and no workload runs as it';
  const shared =
    workloads.length > 0 && decided.needed.some((u) => !READ_VERBS.has(u.request.verb) && u.count > 0);
  const suggestions = [
    ...decided.suggestions,
    ...(shared
      ? [
          `${subject.display} is both the identity of ${workloads.map(describeWorkload).join(', ')} and of the client whose writes the audit log shows: give that client (a pipeline) its own service account, so the pods' token cannot write`,
        ]
      : []),
  ];
  return {
    subject,
    broadBindings,
    evidence: decided.evidence,
    evidenceNote: note,
    needed: decided.needed,
    rules: narrowRules(decided.needed.map((u) => u.request)),
    workloads: workloads.map(describeWorkload),
    suggestions,
    ...(decided.needsUserInput === undefined ? {} : { needsUserInput: decided.needsUserInput }),
  };
}
