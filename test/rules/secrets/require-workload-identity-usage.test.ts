/** @module Tests for require-workload-identity-usage: both manifest halves, the cluster half, stored Azure credentials. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const LABEL = 'spec.template.metadata.labels.azure.workload.identity/use';
const REPORTS = 'Deployment/payments/reports';

testRule('require-workload-identity-usage', {
  valid: ['valid.federated'],
  invalid: [
    {
      fixture: 'invalid.cluster-without-workload-identity',
      findings: [
        { subject: 'Deployment/payments/orders', path: LABEL, severity: 'high', line: 24 },
        {
          subject: 'ServiceAccount/payments/ledger',
          path: 'metadata.annotations.azure.workload.identity/client-id',
          line: 41,
        },
      ],
    },
    {
      fixture: 'unknown.no-cluster-definition.yaml',
      findings: [{ subject: 'Deployment/payments/orders', path: LABEL, status: 'not-assessed' }],
    },
    {
      fixture: 'invalid.label-without-client-id.yaml',
      findings: [
        { subject: 'Deployment/payments/invoices', path: LABEL, status: 'fail', line: 21 },
        // No serviceAccountName: the "default" account, which carries no annotation.
        {
          subject: 'CronJob/payments/invoice-export',
          path: 'spec.jobTemplate.spec.template.metadata.labels.azure.workload.identity/use',
          status: 'fail',
        },
      ],
    },
    {
      fixture: 'unknown.service-account-not-in-inputs.yaml',
      findings: [{ subject: 'Deployment/payments/refunds', path: LABEL, status: 'not-assessed' }],
    },
    {
      fixture: 'invalid.client-id-without-label.yaml',
      findings: [{ subject: 'Deployment/payments/settlement', path: LABEL, status: 'fail' }],
    },
    {
      fixture: 'invalid.azure-credentials',
      findings: [
        {
          subject: REPORTS,
          path: 'spec.template.spec.containers[0].env[2].valueFrom.secretKeyRef',
          line: 46,
        },
        { subject: REPORTS, path: 'spec.template.spec.containers[0].env[3].value', line: 50 },
        { subject: REPORTS, path: 'spec.template.spec.containers[0].envFrom[0].secretRef', line: 52 },
        { subject: REPORTS, path: 'spec.template.spec.volumes[0].secret', line: 60 },
      ],
    },
  ],
});

describe('require-workload-identity-usage messages', () => {
  it('says why the cluster half is not assessed without a cluster definition', async () => {
    const { result } = await runRuleOn(
      'require-workload-identity-usage',
      'unknown.no-cluster-definition.yaml',
    );
    expect(result.findings[0]?.message).toContain('no cluster definition is in the inputs');
  });

  it('passes a federated workload on a cluster with workload identity on', async () => {
    const { result } = await runRuleOn('require-workload-identity-usage', 'valid.federated');
    expect(result.coverage.secrets).toMatchObject({ passed: 1, failed: 0 });
  });

  it('names the Secret keys holding Azure credentials, never their values', async () => {
    const { result } = await runRuleOn('require-workload-identity-usage', 'invalid.azure-credentials');
    const messages = result.findings.map((f) => f.message).join('\n');
    expect(messages).toContain('key AZURE_STORAGE_CONNECTION_STRING');
    expect(messages).toContain('key azurestorageaccountkey');
    expect(messages).not.toMatch(/ZmFrZS|AccountKey=|SharedAccessKey=Zm/);
  });
});
