/** @module The secrets and tenancy rules on the shipped examples: hardened is clean, multi-tenant finds exactly its planted mistakes. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/engine/run-audit.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { allRules } from '../../../src/rules/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const RULES = [
  'no-azure-credential-mounts',
  'no-plain-credentials',
  'no-secrets-in-env',
  'require-workload-identity-usage',
  'no-workloads-in-system-namespaces',
  'require-limit-range',
  'require-resource-limits',
  'require-resource-quota',
  'require-tenant-node-isolation',
];

async function scan(example: string) {
  const loaded = await loadInputs([`examples/${example}`], { cwd: ROOT, kubectl: false });
  const rules = allRules.filter((rule) => RULES.includes(rule.id) || rule.id === 'no-dashboard-addon');
  const { findings } = runAudit(loaded.model, { rules, today: '2026-11-23' });
  return findings.map((f) => `${f.ruleId} ${f.status} ${f.severity} ${f.subject.display} ${f.path ?? ''}`);
}

describe('examples', () => {
  it('hardened: no finding of these rules at all', async () => {
    expect(await scan('hardened')).toEqual([]);
  });

  it('multi-tenant: exactly the planted mistakes', async () => {
    const findings = await scan('multi-tenant');
    expect([...findings].sort()).toEqual(
      [
        'no-azure-credential-mounts fail critical DaemonSet/monitoring/node-exporter spec.template.spec.volumes[2].hostPath.path',
        'no-plain-credentials fail high ConfigMap/monitoring/grafana-env data.GF_DATABASE_PASSWORD',
        'no-plain-credentials fail high Secret/team-payments/fraud-scoring-sp stringData.client-secret',
        'no-secrets-in-env fail medium Deployment/team-payments/fraud-scoring spec.template.spec.containers[0].env[2].valueFrom.secretKeyRef',
        'no-workloads-in-system-namespaces fail medium Deployment/debug-shell metadata',
        'require-limit-range fail low Namespace/default ',
        'require-limit-range fail low Namespace/monitoring ',
        'require-resource-limits fail medium Deployment/monitoring/grafana spec.template.spec.containers[0]',
        'require-resource-quota fail medium Namespace/default ',
        'require-resource-quota fail medium Namespace/monitoring ',
        'require-tenant-node-isolation fail low CronJob/team-analytics/nightly-aggregation spec.jobTemplate.spec.template.spec.nodeSelector',
        'require-tenant-node-isolation fail low CronJob/team-payments/settlement-export spec.jobTemplate.spec.template.spec',
        'require-tenant-node-isolation fail low Deployment/team-analytics/notebook spec.template.spec.nodeSelector',
        'require-tenant-node-isolation fail low Deployment/team-analytics/query-api spec.template.spec.nodeSelector',
        'require-tenant-node-isolation fail low StatefulSet/team-analytics/clickhouse spec.template.spec.nodeSelector',
        'require-workload-identity-usage fail high Deployment/team-analytics/notebook spec.template.metadata.labels.azure.workload.identity/use',
        'require-workload-identity-usage fail high Deployment/team-payments/fraud-scoring spec.template.spec.containers[0].env[2].valueFrom.secretKeyRef',
      ].sort(),
    );
  });

  it('unhardened: the committed credentials, the host-root agent and the missing bounds', async () => {
    const findings = await scan('unhardened');
    expect(findings.filter((f) => f.startsWith('no-azure-credential-mounts'))).toEqual([
      'no-azure-credential-mounts fail critical DaemonSet/kube-system/log-agent spec.template.spec.volumes[0].hostPath.path',
    ]);
    expect(findings.filter((f) => f.startsWith('no-plain-credentials'))).toHaveLength(3);
    expect(findings.filter((f) => f.startsWith('no-secrets-in-env fail high'))).toHaveLength(1);
    expect(findings.filter((f) => f.startsWith('no-workloads-in-system-namespaces'))).toEqual([
      'no-workloads-in-system-namespaces fail medium DaemonSet/kube-system/log-agent metadata.namespace',
    ]);
  });
});
