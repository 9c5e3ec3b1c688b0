/** @module Tests for no-azure-credential-mounts: the credential files, their parents, their children, odd spellings. */
import { describe, expect, it } from 'vitest';
import { exposedCredentials, normalizeHostPath } from '../../../src/analysis/placement/node-credentials.js';
import { testRule } from '../../helpers/test-rule.js';

const VOLUME = (i: number) => `spec.template.spec.volumes[${i}].hostPath.path`;

testRule('no-azure-credential-mounts', {
  valid: ['valid.log-agent.yaml'],
  invalid: [
    {
      fixture: 'invalid.azure-json.yaml',
      findings: [{ subject: 'Deployment/ops/disk-janitor', path: VOLUME(0), severity: 'critical', line: 26 }],
    },
    {
      fixture: 'invalid.etc-kubernetes.yaml',
      findings: [{ subject: 'DaemonSet/ops/node-inventory', path: VOLUME(0), line: 26 }],
    },
    {
      fixture: 'invalid.parent-directories.yaml',
      findings: [
        { subject: 'DaemonSet/ops/security-agent', path: VOLUME(0), line: 29 },
        { subject: 'DaemonSet/ops/security-agent', path: VOLUME(1), line: 32 },
      ],
    },
    {
      fixture: 'invalid.kubelet-credentials.yaml',
      findings: [
        { subject: 'Pod/ops/kubelet-debug', path: 'spec.volumes[0].hostPath.path', line: 19 },
        { subject: 'Pod/ops/kubelet-debug', path: 'spec.volumes[1].hostPath.path', line: 22 },
      ],
    },
    {
      fixture: 'invalid.unnormalized-path.yaml',
      findings: [{ subject: 'Job/ops/identity-probe', path: VOLUME(0), line: 20 }],
    },
  ],
});

describe('host path matching', () => {
  it('normalises the path as the kubelet resolves it', () => {
    expect(normalizeHostPath('/etc//kubernetes/./azure.json/')).toBe('/etc/kubernetes/azure.json');
    expect(normalizeHostPath('/var/lib/../lib/kubelet')).toBe('/var/lib/kubelet');
    expect(normalizeHostPath('/')).toBe('/');
  });

  it('matches the files, their parents and what lies below them, and nothing beside them', () => {
    expect(exposedCredentials('/etc/kubernetes/azure.json')).toHaveLength(1);
    expect(exposedCredentials('/var/lib/kubelet/pods')).toHaveLength(1);
    expect(exposedCredentials('/var')).toHaveLength(2);
    expect(exposedCredentials('/')).toHaveLength(6);
    expect(exposedCredentials('/etc/kubernetes/manifests')).toEqual([]);
    expect(exposedCredentials('/var/lib/kubeletx')).toEqual([]);
    expect(exposedCredentials('/var/log')).toEqual([]);
  });
});
