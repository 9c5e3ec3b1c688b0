/** @module Tests for require-allowed-registries: the default allowlist, and registries.allowed from .aksward.yaml. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/engine/run-audit.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { findRule } from '../../../src/rules/index.js';
import { FIXTURES, testRule } from '../../helpers/test-rule.js';

const IMAGE = 'spec.template.spec.containers[0].image';

testRule('require-allowed-registries', {
  valid: ['valid.acr-and-mcr.yaml'],
  invalid: [
    {
      fixture: 'invalid.docker-hub-short-name.yaml',
      // No registries.allowed configured: a low prompt to configure one (issue 13); high once it is.
      findings: [{ subject: 'Deployment/shop/web', path: IMAGE, severity: 'low', line: 16 }],
    },
    {
      fixture: 'invalid.library-path.yaml',
      findings: [
        { subject: 'StatefulSet/shop/cache', path: IMAGE, line: 17 },
        { subject: 'StatefulSet/shop/cache', path: 'spec.template.spec.containers[1].image', line: 19 },
      ],
    },
    {
      fixture: 'invalid.other-registries.yaml',
      findings: [
        { subject: 'Job/batch/import', path: 'spec.template.spec.initContainers[0].image', line: 13 },
        { subject: 'Job/batch/import', path: IMAGE, line: 16 },
      ],
    },
    {
      fixture: 'invalid.no-image.yaml',
      findings: [{ subject: 'Pod/shop/broken', path: 'spec.containers[0].image', status: 'not-assessed' }],
    },
  ],
});

async function scanWith(fixture: string, allowed: string[]) {
  const dir = path.join(FIXTURES, 'require-allowed-registries');
  const loaded = await loadInputs([path.join(dir, fixture)], { cwd: dir, kubectl: false });
  const rule = findRule('require-allowed-registries');
  if (!rule) throw new Error('rule not registered');
  return runAudit(loaded.model, { rules: [rule], today: '2026-11-23', config: { registries: { allowed } } });
}

describe('require-allowed-registries with registries.allowed', () => {
  it('resolves Docker Hub short names before matching', async () => {
    const result = await scanWith('invalid.library-path.yaml', ['docker.io/library']);
    expect(result.findings.map((f) => f.path)).toEqual(['spec.template.spec.containers[1].image']);
    expect(result.findings[0]?.message).toContain('pulls docker.io/bitnami/redis-exporter');
  });

  it('matches a wildcard on a whole subdomain only', async () => {
    const result = await scanWith('invalid.other-registries.yaml', ['ghcr.io/acme', '*.azurecr.io']);
    expect(result.findings.map((f) => f.path)).toEqual([IMAGE]);
  });

  it('keeps the base severity once an allowlist is configured, and says why it is low without one', async () => {
    const configured = await scanWith('invalid.docker-hub-short-name.yaml', ['mcr.microsoft.com']);
    expect(configured.findings.map((f) => [f.severity, f.severityReason])).toEqual([['high', undefined]]);
    const dir = path.join(FIXTURES, 'require-allowed-registries');
    const loaded = await loadInputs([path.join(dir, 'invalid.docker-hub-short-name.yaml')], {
      cwd: dir,
      kubectl: false,
    });
    const rule = findRule('require-allowed-registries');
    if (!rule) throw new Error('rule not registered');
    const [finding] = runAudit(loaded.model, { rules: [rule], today: '2026-11-23' }).findings;
    expect([finding?.baseSeverity, finding?.severity]).toEqual(['high', 'low']);
    expect(finding?.severityReason).toMatch(/^no registries.allowed is configured/);
  });

  it('allows nothing with an empty list, and names the list in the message', async () => {
    const result = await scanWith('valid.acr-and-mcr.yaml', []);
    expect(result.findings).toHaveLength(3);
    expect(result.findings[0]?.message).toContain('allowed: none');
  });

  it('says when the default allowlist applied', async () => {
    const dir = path.join(FIXTURES, 'require-allowed-registries');
    const loaded = await loadInputs([path.join(dir, 'invalid.docker-hub-short-name.yaml')], {
      cwd: dir,
      kubectl: false,
    });
    const rule = findRule('require-allowed-registries');
    if (!rule) throw new Error('rule not registered');
    const result = runAudit(loaded.model, { rules: [rule], today: '2026-11-23' });
    expect(result.findings[0]?.message).toBe(
      'Deployment/shop/web: container "web" pulls docker.io/library/nginx (image "nginx:1.27.3") from docker.io, which is not allowed; allowed: mcr.microsoft.com, *.azurecr.io (the default; set registries.allowed).',
    );
  });
});
