/** @module Restricted checks: volume types, privilege escalation, non-root, seccomp, dropped capabilities. */
import type { PathSegment } from '../../model/index.js';
import { arrayAt, booleanAt, isObject, numberAt, objectAt, stringAt } from '../../model/index.js';
import { isAllowedSeccompType } from './checks-context.js';
import type { PodView } from './pod-view.js';
import { atContainer, capabilityList, containerContext, contextPath } from './pod-view.js';
import type { PodContainer, Problem } from './types.js';

/** The inline volume sources restricted allows (`image` since Kubernetes 1.33, patched into every policy version). */
const RESTRICTED_VOLUME_SOURCES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/**
 * Every volume uses an allowed source. A volume naming no source at all is an emptyDir: the API server
 * defaults it so before admission runs.
 */
export function restrictedVolumes(pod: PodView): Problem[] {
  const problems: Problem[] = [];
  arrayAt(pod.spec, 'volumes').forEach((volume, i) => {
    if (!isObject(volume)) return;
    const sources = Object.keys(volume).filter(
      (k) => k !== 'name' && volume[k] !== null && volume[k] !== undefined,
    );
    if (sources.length === 0 || sources.some((s) => RESTRICTED_VOLUME_SOURCES.has(s))) return;
    const type = sources[0] ?? 'unknown';
    const name = stringAt(volume, 'name') ?? `volumes[${i}]`;
    problems.push({ path: [...pod.specPath, 'volumes', i, type], detail: `volume "${name}" uses ${type}` });
  });
  return problems;
}

/** (v1.8+) allowPrivilegeEscalation explicitly false on every container; (v1.25+) Windows pods exempt. */
export function allowPrivilegeEscalation(exemptWindows: boolean) {
  return (pod: PodView): Problem[] => {
    if (exemptWindows && pod.isWindows) return [];
    return pod.containers
      .filter((c) => containerContext(c)?.['allowPrivilegeEscalation'] !== false)
      .map((c) =>
        atContainer(
          c,
          contextPath(c, 'allowPrivilegeEscalation'),
          `container "${c.name}" allows privilege escalation`,
        ),
      );
  };
}

/**
 * A pod-level value every container inherits unless it sets its own, as runAsNonRoot and seccompProfile
 * work: containers that set a bad value explicitly, and, when the pod level does not satisfy the check,
 * containers that set nothing.
 */
function inherited<T extends string | boolean>(
  pod: PodView,
  read: (context: unknown) => T | undefined,
  isGood: (value: T) => boolean,
  field: readonly PathSegment[],
  what: string,
): Problem[] {
  const podValue = read(pod.podContext);
  const problems: Problem[] = [];
  if (podValue !== undefined && !isGood(podValue)) {
    problems.push({
      path: [...pod.podContextPath, ...field],
      detail: `pod sets ${what} to ${podValue}`,
    });
  }
  const podGood = podValue !== undefined && isGood(podValue);
  for (const c of pod.containers) {
    const value = read(containerContext(c));
    if (value === undefined ? podGood : isGood(value)) continue;
    const detail =
      value === undefined
        ? `container "${c.name}" does not set ${what} and the pod level sets no allowed value`
        : `container "${c.name}" sets ${what} to ${value}`;
    problems.push(atContainer(c, contextPath(c, ...field), detail));
  }
  return problems;
}

/** runAsNonRoot true at pod level (containers may leave it unset) or on every container; (v1.35+) user-namespace pods exempt. */
export function runAsNonRoot(relaxForUserNamespace: boolean) {
  return (pod: PodView): Problem[] => {
    if (relaxForUserNamespace && pod.inUserNamespace) return [];
    const read = (context: unknown) => booleanAt(context, 'runAsNonRoot');
    return inherited(pod, read, (v) => v, ['runAsNonRoot'], 'runAsNonRoot');
  };
}

/** (v1.23+) runAsUser, where set at pod or container level, is not 0; (v1.35+) user-namespace pods exempt. */
export function runAsUser(relaxForUserNamespace: boolean) {
  return (pod: PodView): Problem[] => {
    if (relaxForUserNamespace && pod.inUserNamespace) return [];
    const problems: Problem[] = [];
    if (numberAt(pod.podContext, 'runAsUser') === 0) {
      problems.push({ path: [...pod.podContextPath, 'runAsUser'], detail: 'pod sets runAsUser to 0' });
    }
    for (const c of pod.containers) {
      if (numberAt(containerContext(c), 'runAsUser') !== 0) continue;
      problems.push(atContainer(c, contextPath(c, 'runAsUser'), `container "${c.name}" sets runAsUser to 0`));
    }
    return problems;
  };
}

function seccompType(context: unknown): string | undefined {
  const profile = objectAt(context, 'seccompProfile');
  return profile === undefined ? undefined : (stringAt(profile, 'type') ?? '(no type)');
}

/** (v1.19+) seccompProfile.type RuntimeDefault or Localhost, at pod level or on every container; (v1.25+) Windows exempt. */
export function seccompRestricted(exemptWindows: boolean) {
  return (pod: PodView): Problem[] => {
    if (exemptWindows && pod.isWindows) return [];
    return inherited(
      pod,
      seccompType,
      isAllowedSeccompType,
      ['seccompProfile', 'type'],
      'seccompProfile.type',
    );
  };
}

function capabilityProblems(c: PodContainer): Problem[] {
  const problems: Problem[] = [];
  if (!capabilityList(c, 'drop').includes('ALL')) {
    problems.push(
      atContainer(c, contextPath(c, 'capabilities', 'drop'), `container "${c.name}" does not drop "ALL"`),
    );
  }
  const added = capabilityList(c, 'add').filter((cap) => cap !== 'NET_BIND_SERVICE');
  if (added.length > 0) {
    const detail = `container "${c.name}" adds ${added.join(', ')}`;
    problems.push(atContainer(c, contextPath(c, 'capabilities', 'add'), detail));
  }
  return problems;
}

/**
 * (v1.22+) drop includes "ALL" and add holds nothing but NET_BIND_SERVICE, both compared exactly as
 * written: PSA rejects `drop: ["all"]` although the runtime honours it. (v1.25+) Windows pods exempt.
 */
export function capabilitiesRestricted(exemptWindows: boolean) {
  return (pod: PodView): Problem[] =>
    exemptWindows && pod.isWindows ? [] : pod.containers.flatMap(capabilityProblems);
}
