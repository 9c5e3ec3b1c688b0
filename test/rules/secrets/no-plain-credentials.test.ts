/** @module Tests for no-plain-credentials, including the canary: a finding never carries the value. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/engine/run-audit.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { findRule } from '../../../src/rules/index.js';
import { testRule } from '../../helpers/test-rule.js';

testRule('no-plain-credentials', {
  valid: ['valid.references.yaml', 'valid.service-account-token.yaml', 'valid.tls-certificate-only.yaml'],
  invalid: [
    {
      fixture: 'invalid.opaque-secret.yaml',
      findings: [
        { subject: 'Secret/shop/orders-db', path: 'data.username', severity: 'high', line: 9 },
        { subject: 'Secret/shop/orders-db', path: 'data.password', severity: 'high', line: 10 },
      ],
    },
    {
      fixture: 'invalid.string-data.yaml',
      findings: [
        { subject: 'Secret/shop/payments-gateway', path: 'stringData.api-key', line: 8 },
        { subject: 'Secret/shop/payments-gateway', path: 'stringData.webhook-signing-secret', line: 9 },
      ],
    },
    {
      fixture: 'invalid.basic-auth.yaml',
      findings: [
        { subject: 'Secret/build/mirror-basic-auth', path: 'stringData.username' },
        { subject: 'Secret/build/mirror-basic-auth', path: 'stringData.password' },
      ],
    },
    {
      fixture: 'invalid.ssh-auth.yaml',
      findings: [{ subject: 'Secret/flux-system/git-deploy-key', path: 'data.ssh-privatekey', line: 9 }],
    },
    {
      fixture: 'invalid.dockerconfigjson.yaml',
      findings: [{ subject: 'Secret/shop/acr-pull', path: 'data..dockerconfigjson', line: 9 }],
    },
    {
      // The certificate is public: only the key is reported.
      fixture: 'invalid.tls-private-key.yaml',
      findings: [{ subject: 'Secret/shop/shop-tls', path: 'data.tls.key', line: 10 }],
    },
    {
      fixture: 'invalid.configmap-connection-strings.yaml',
      findings: ['STORAGE', 'SQL', 'REDIS', 'EXPORT_CONTAINER', 'EVENTS'].map((key, i) => ({
        subject: 'ConfigMap/reporting/reporting-settings',
        path: `data.${key}`,
        line: 8 + i,
      })),
    },
    {
      fixture: 'invalid.configmap-private-key.yaml',
      findings: [
        { subject: 'ConfigMap/identity/auth-config', path: 'data.signing.pem', line: 9 },
        { subject: 'ConfigMap/identity/auth-config', path: 'binaryData.backup.pem', line: 14 },
      ],
    },
    {
      fixture: 'invalid.configmap-token-prefixes.yaml',
      findings: ['github', 'slack', 'aws', 'billing'].map((key) => ({
        subject: 'ConfigMap/ci/integrations',
        path: `data.${key}`,
      })),
    },
    {
      fixture: 'invalid.configmap-credential-key.yaml',
      findings: ['DB_PASSWORD', 'smtpPassword', 'apiKey'].map((key) => ({
        subject: 'ConfigMap/legacy/legacy-app',
        path: `data.${key}`,
      })),
    },
  ],
});

describe('no-plain-credentials canary', () => {
  const canaries = {
    decoded: 'CANARY-data-8d1f-Pa55w0rd',
    stringData: 'CANARY-stringdata-4c2e',
    configMap: 'Server=db;User Id=app;Password=CANARY-configmap-9a7b;',
    keyAsToken: 'ghp_CANARYkeyShapedLikeAToken000000000001',
  };
  const encoded = Buffer.from(canaries.decoded).toString('base64');
  const manifest = `apiVersion: v1
kind: Secret
metadata: { name: canary, namespace: shop }
data:
  password: ${encoded}
stringData:
  token: ${canaries.stringData}
---
apiVersion: v1
kind: ConfigMap
metadata: { name: canary, namespace: shop }
data:
  SQL: "${canaries.configMap}"
  ${canaries.keyAsToken}: "enabled"
`;

  it('never puts a value (or its base64) in a message, path or fix', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-plain-credentials-'));
    writeFileSync(path.join(dir, 'canary.yaml'), manifest);
    const loaded = await loadInputs([dir], { cwd: dir, kubectl: false });
    const rule = findRule('no-plain-credentials');
    if (!rule) throw new Error('rule not registered');
    const { findings } = runAudit(loaded.model, { rules: [rule], today: '2026-11-23' });
    expect(findings.map((f) => f.path)).toEqual([
      'data.password',
      'stringData.token',
      // A key shaped like a token is never printed: the finding points at the map (line 12).
      'data',
      'data.SQL',
    ]);
    const shown = JSON.stringify(findings.map((f) => [f.message, f.path, f.fix]));
    for (const value of [...Object.values(canaries), encoded, 'CANARY-configmap-9a7b'])
      expect(shown).not.toContain(value);
  });
});
