/** @module require-non-root: containers run as a non-root user: a non-zero runAsUser, container over pod. */
import type { JsonObject, Workload } from '../../model/index.js';
import { objectAt } from '../../model/index.js';
import type { CheckId } from '../kit/analyses.js';
import type { RuleContext, RuleOptions } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import type { ContainerResult } from './grouped-report.js';
import { reportGrouped } from './grouped-report.js';
import { windowsBasis } from './pod-platform.js';
import { AKS_POD_SECURITY, POD_SECURITY_STANDARDS, SECURITY_CONTEXT } from './references.js';
import type { Field } from './security-context.js';
import {
  containerContext,
  isBoolean,
  isInteger,
  podContext,
  podContextPath,
  readField,
} from './security-context.js';
import type { WorkloadContainer } from './workload-containers.js';
import { workloadContainers, workloadsOf } from './workload-containers.js';

/** A container-level value overrides the pod-level one; `where` is the field that decides (or where to set it). */
interface Effective<T> {
  readonly field: Field<T>;
  readonly where: ContainerResult['where'];
}

function effective<T>(
  workload: Workload,
  item: WorkloadContainer,
  path: readonly string[],
  read: (context: JsonObject | undefined) => Field<T>,
): Effective<T> {
  const own = read(containerContext(item.container));
  if (own.state !== 'unset') return { field: own, where: item.locate('securityContext', ...path) };
  return { field: read(podContext(workload)), where: { path: podContextPath(workload, ...path) } };
}

const isString = (value: unknown): value is string => typeof value === 'string';
const readUser = (c: JsonObject | undefined) => readField(c, 'runAsUser', isInteger);
const readNonRoot = (c: JsonObject | undefined) => readField(c, 'runAsNonRoot', isBoolean);
const readUserName = (c: JsonObject | undefined) =>
  readField(objectAt(c, 'windowsOptions'), 'runAsUserName', isString);

const ROOT_CHECKS: readonly CheckId[] = ['runAsUser', 'runAsNonRoot'];
const WINDOWS_ADMINS = ['containeradministrator', 'nt authority\\system'];

function linuxResult(
  context: RuleContext<RuleOptions, 'podSecurity'>,
  workload: Workload,
  item: WorkloadContainer,
): ContainerResult {
  const base = { container: item.container.name, label: item.label };
  const blocked = context.analyses.podSecurity.admissionBlock(workload, ROOT_CHECKS, [item.container.name]);
  const user = effective(workload, item, ['runAsUser'], readUser);
  const nonRoot = effective(workload, item, ['runAsNonRoot'], readNonRoot);
  if (user.field.state === 'invalid') {
    const text = `sets runAsUser to ${JSON.stringify(user.field.raw)}, not an integer: the API server rejects the object as written`;
    return { ...base, status: 'not-assessed', where: user.where, text };
  }
  if (user.field.state === 'set') {
    if (user.field.value !== 0)
      return { ...base, status: 'pass', where: user.where, text: `runs as UID ${user.field.value}` };
    const contradiction =
      nonRoot.field.state === 'set' && nonRoot.field.value
        ? ' (with runAsNonRoot: true the kubelet refuses to start it)'
        : '';
    return {
      ...base,
      status: 'fail',
      where: user.where,
      text: `runs as root: runAsUser is 0${contradiction}`,
      ...blocked,
    };
  }
  if (nonRoot.field.state === 'set' && nonRoot.field.value) {
    const text =
      'sets runAsNonRoot: true but no runAsUser, so the user is the image’s, which the manifests do not show: ' +
      'the kubelet refuses to start it if that user is root or not numeric; set a non-zero runAsUser to decide it here';
    return { ...base, status: 'not-assessed', where: nonRoot.where, text };
  }
  const why =
    nonRoot.field.state === 'set' ? 'runAsNonRoot is false' : 'neither runAsUser nor runAsNonRoot is set';
  return {
    ...base,
    status: 'fail',
    where: nonRoot.where,
    text: `runs as the image’s user, root unless the image says otherwise: ${why}`,
    ...blocked,
  };
}

/** Windows: the user is `windowsOptions.runAsUserName`; ContainerAdministrator is the container's administrator. */
function windowsResult(
  context: RuleContext<RuleOptions, 'podSecurity'>,
  workload: Workload,
  item: WorkloadContainer,
): ContainerResult {
  const base = { container: item.container.name, label: item.label };
  const user = effective(workload, item, ['windowsOptions', 'runAsUserName'], readUserName);
  const nonRoot = effective(workload, item, ['runAsNonRoot'], readNonRoot);
  if (user.field.state === 'set' && !WINDOWS_ADMINS.includes(user.field.value.toLowerCase())) {
    return { ...base, status: 'pass', where: user.where, text: `runs as ${user.field.value}` };
  }
  if (user.field.state === 'set') {
    const text = `runs as ${user.field.value}, an administrator account`;
    return {
      ...base,
      status: 'fail',
      where: user.where,
      text,
      ...context.analyses.podSecurity.admissionBlock(workload, ['runAsNonRoot'], [item.container.name]),
    };
  }
  if (nonRoot.field.state === 'set' && nonRoot.field.value) {
    const text =
      'sets runAsNonRoot: true but no runAsUserName, so the user is the image’s, which the manifests do not show';
    return { ...base, status: 'not-assessed', where: nonRoot.where, text };
  }
  const text =
    'runs as the image’s user (ContainerAdministrator in Server Core images): neither runAsUserName nor runAsNonRoot is set';
  return {
    ...base,
    status: 'fail',
    where: user.where,
    text,
    ...context.analyses.podSecurity.admissionBlock(workload, ['runAsNonRoot'], [item.container.name]),
  };
}

export default defineRule({
  id: 'require-non-root',
  title:
    'Containers run as a non-root user (a non-zero runAsUser; runAsNonRoot alone leaves it to the image)',
  surface: 'workloads',
  severity: 'high',
  rationale:
    'Most images run as root unless told otherwise. Root in a container owns every file in it, keeps the ' +
    'capabilities the runtime grants, and is root on the node the moment any isolation fails (a kernel bug, a ' +
    'hostPath, a misconfigured mount). A fixed non-zero UID removes that head start. runAsNonRoot: true alone is ' +
    'a check the kubelet makes against the image’s user at start, which the manifests cannot show.',
  remediation: {
    summary:
      'Set spec.securityContext.runAsUser to a non-zero UID (and runAsNonRoot: true) at pod level, and do not override it with 0 in a container; on Windows set windowsOptions.runAsUserName: ContainerUser.',
    manifest:
      'spec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001\n    runAsGroup: 10001\n',
  },
  reads: ['manifests'],
  peers: { checkov: ['CKV_K8S_23'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.priorityMatrix,
    GUIDANCE.verification,
    POD_SECURITY_STANDARDS,
    SECURITY_CONTEXT,
    AKS_POD_SECURITY,
  ],
  since: '0.1.0',
  needs: ['podSecurity'],
  check(context) {
    for (const workload of workloadsOf(context.model)) {
      const windows = windowsBasis(workload) !== undefined;
      const results = workloadContainers(context.model, workload).map((item) =>
        windows ? windowsResult(context, workload, item) : linuxResult(context, workload, item),
      );
      reportGrouped(context, workload, results);
    }
  },
});
