/** @module Tests for require-resource-quota, and the application-namespace predicate it shares. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/engine/run-audit.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { BUILT_IN_SYSTEM_NAMESPACES, isApplicationNamespace } from '../../../src/model/index.js';
import { findRule } from '../../../src/rules/index.js';
import { FIXTURES, testRule } from '../../helpers/test-rule.js';

testRule('require-resource-quota', {
  valid: ['valid.quota-per-namespace.yaml'],
  invalid: [
    {
      // Issue 13: no workload in these namespaces, so a latent info finding, not a medium/low one.
      fixture: 'invalid.no-workloads.yaml',
      findings: [
        { subject: 'Namespace/argocd-apps', severity: 'info' },
        { subject: 'Namespace/edge', severity: 'info' },
      ],
    },
    {
      fixture: 'invalid.missing-quota.yaml',
      findings: [{ subject: 'Namespace/checkout', path: '', severity: 'medium', line: 2 }],
    },
    {
      // The namespace has no object of its own: the finding points at the first object that names it.
      fixture: 'invalid.namespace-only-in-metadata.yaml',
      findings: [{ subject: 'Namespace/analytics', line: 2 }],
    },
    { fixture: 'invalid.empty-quota.yaml', findings: [{ subject: 'Namespace/search', path: '' }] },
    { fixture: 'invalid.namespace-omitted.yaml', findings: [{ subject: 'Namespace/default', line: 2 }] },
  ],
});

describe('application namespaces', () => {
  it('excludes the built-in system namespaces and the configured ones, never default', () => {
    expect(BUILT_IN_SYSTEM_NAMESPACES).toEqual([
      'kube-system',
      'kube-public',
      'kube-node-lease',
      'gatekeeper-system',
      'calico-system',
      'tigera-operator',
    ]);
    expect(isApplicationNamespace('kube-system')).toBe(false);
    expect(isApplicationNamespace('tigera-operator')).toBe(false);
    expect(isApplicationNamespace('default')).toBe(true);
    expect(isApplicationNamespace('monitoring')).toBe(true);
    expect(isApplicationNamespace('monitoring', ['monitoring'])).toBe(false);
  });

  it('skips namespaces listed as system in .aksward.yaml (systemNamespaces)', async () => {
    const dir = path.join(FIXTURES, 'require-resource-quota');
    const loaded = await loadInputs([path.join(dir, 'invalid.missing-quota.yaml')], {
      cwd: dir,
      kubectl: false,
    });
    const rule = findRule('require-resource-quota');
    if (!rule) throw new Error('rule not registered');
    const run = (systemNamespaces: string[]) =>
      runAudit(loaded.model, { rules: [rule], today: '2026-11-23', config: { systemNamespaces } });
    expect(run([]).findings).toHaveLength(1);
    expect(run(['checkout']).findings).toHaveLength(0);
  });
});
