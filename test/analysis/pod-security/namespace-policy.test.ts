/** @module enforcePolicyOf: the namespace labels as the Pod Security Admission plugin parses them. */
import { describe, expect, it } from 'vitest';
import { enforcePolicyOf, LATEST_POLICY_MINOR } from '../../../src/analysis/pod-security/index.js';
import type { KubeObject, Namespace } from '../../../src/model/index.js';

function namespace(labels: Record<string, string>, withObject = true): Namespace {
  const object = { kind: 'Namespace', name: 'shop', labels } as unknown as KubeObject;
  return { name: 'shop', labels, ...(withObject ? { object } : {}) };
}

describe('enforcePolicyOf', () => {
  it('reads the enforce level and defaults the version to latest', () => {
    expect(enforcePolicyOf(namespace({ 'pod-security.kubernetes.io/enforce': 'restricted' }))).toEqual({
      namespace: 'shop',
      level: 'restricted',
      minor: LATEST_POLICY_MINOR,
      version: 'latest',
      notes: [],
    });
  });

  it('honours a pinned version, and never goes past the API server', () => {
    const labels = {
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/enforce-version': 'v1.29',
    };
    expect(enforcePolicyOf(namespace(labels))?.minor).toBe(29);
    expect(enforcePolicyOf(namespace(labels), 28)?.minor).toBe(28);
    expect(enforcePolicyOf(namespace({ 'pod-security.kubernetes.io/enforce': 'baseline' }), 30)?.minor).toBe(
      30,
    );
  });

  it('fails closed on an invalid level and falls back to latest on an invalid version', () => {
    const policy = enforcePolicyOf(
      namespace({
        'pod-security.kubernetes.io/enforce': 'strict',
        'pod-security.kubernetes.io/enforce-version': '1.29',
      }),
    );
    expect(policy?.level).toBe('restricted');
    expect(policy?.version).toBe('latest');
    expect(policy?.notes).toHaveLength(2);
  });

  it('knows nothing without the enforce label (warn and audit never block) or without the Namespace object', () => {
    const warnOnly = {
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    };
    expect(enforcePolicyOf(namespace(warnOnly))).toBeUndefined();
    expect(
      enforcePolicyOf(namespace({ 'pod-security.kubernetes.io/enforce': 'restricted' }, false)),
    ).toBeUndefined();
  });
});
