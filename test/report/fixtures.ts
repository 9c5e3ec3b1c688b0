/** @module A hand-built audit result and rule list for the report tests: every status, several surfaces, awkward text. */
import type { Coverage, Finding } from '../../src/engine/finding.js';
import type { AuditResult } from '../../src/engine/run-audit.js';
import { compareFindings } from '../../src/engine/finding-order.js';
import { computeFingerprint } from '../../src/engine/fingerprint.js';
import type { ReportContext } from '../../src/report/formatter.js';
import type { AnyRule } from '../../src/rules/define-rule.js';
import {
  RULES,
  privateApiRule,
  networkEngineRule,
  localAccountsRule,
  wildcardRule,
  privilegedRule,
  mutableTagRule,
  etcdRule,
  nodeSshRule,
  auditLogsRule,
  exposedPathRule,
} from './fixture-rules.js';

export { RULES };
import type { Surface } from '../../src/rules/types.js';
import { SURFACES } from '../../src/rules/types.js';

/** Narrows a lookup the test knows succeeds, failing loudly when it does not. */
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`test fixture: no ${what}`);
  return value;
}

const cluster: Finding['subject'] = {
  kind: 'ManagedCluster',
  name: 'aks-prod',
  display: 'managedClusters/aks-prod',
  at: { file: 'cluster.json', line: 2 },
};
const terraformCluster: Finding['subject'] = {
  kind: 'azurerm_kubernetes_cluster',
  name: 'main',
  display: 'azurerm_kubernetes_cluster.main',
  at: { file: 'infra/main.tf', line: 14 },
};
const opsRole: Finding['subject'] = {
  kind: 'ClusterRole',
  name: 'ops-admin',
  display: 'ClusterRole/ops-admin',
  at: { file: 'manifests/team a/rbac.yaml', line: 1 },
};
const helmTemplate = 'charts/shop/templates/deployment.yaml';
const shopWeb: Finding['subject'] = {
  kind: 'Deployment',
  name: 'web',
  namespace: 'shop',
  display: 'Deployment/shop/web',
  at: { file: 'rendered/shop.yaml', line: 30, template: helmTemplate },
};

/** Builds a finding with the fields every finding has, then the case's own. */
function finding(
  rule: AnyRule,
  fields: Partial<Finding> & Pick<Finding, 'subject' | 'location' | 'message'>,
): Finding {
  return {
    ruleId: rule.id,
    surface: rule.surface,
    severity: rule.severity,
    status: 'fail',
    fix: rule.remediation.summary,
    fingerprint: computeFingerprint({
      ruleId: rule.id,
      kind: fields.subject.kind,
      namespace: fields.subject.namespace,
      name: fields.subject.name,
      path: fields.path,
      file: fields.subject.at.file,
    }),
    ...fields,
  };
}

export const FINDINGS: readonly Finding[] = (
  [
    finding(privateApiRule, {
      severity: 'high',
      subject: cluster,
      location: { file: 'cluster.json', line: 12, column: 7 },
      path: 'properties.apiServerAccessProfile.enablePrivateCluster',
      message: 'The API server is public, restricted to authorized IP ranges.',
    }),
    finding(privateApiRule, {
      status: 'not-assessed',
      subject: terraformCluster,
      location: { file: 'infra/main.tf', line: 20 },
      path: 'api_server_access_profile.authorized_ip_ranges',
      message: 'var.authorized_ranges is not resolved; the ranges are unknown.',
    }),
    finding(networkEngineRule, {
      subject: cluster,
      location: { file: 'cluster.json', line: 40 },
      path: 'properties.networkProfile.networkPolicy',
      message: 'No network policy engine: networkPolicy is "none".',
      fix: 'Recreate the cluster with --network-policy cilium --network-dataplane cilium.',
    }),
    finding(localAccountsRule, {
      status: 'suppressed',
      subject: cluster,
      location: { file: 'cluster.json', line: 9 },
      path: 'properties.disableLocalAccounts',
      message: 'Local accounts are enabled.',
      suppression: {
        source: 'config',
        reason: 'Break-glass account, reviewed quarterly',
        expires: '2027-01-31',
      },
    }),
    finding(wildcardRule, {
      subject: opsRole,
      location: { file: 'manifests/team a/rbac.yaml', line: 8, column: 5 },
      path: 'rules[0].verbs',
      message: 'Grants "*" on <all> resources & verbs to group \'ops\' | see `kubectl auth can-i`\u0007.',
    }),
    finding(wildcardRule, {
      status: 'suppressed',
      subject: {
        ...opsRole,
        name: 'ci-deployer',
        display: 'ClusterRole/ci-deployer',
        at: { file: 'manifests/ci.yaml', line: 1 },
      },
      location: { file: 'manifests/ci.yaml', line: 9 },
      path: 'rules[0].resources',
      message: 'Grants "*" resources.',
      suppression: {
        source: 'annotation',
        reason: 'CI needs it | ticket SEC-12',
        at: { file: 'manifests/ci.yaml', line: 5 },
      },
    }),
    finding(etcdRule, {
      status: 'provider-managed',
      subject: cluster,
      location: { file: 'cluster.json', line: 2 },
      message: 'AKS encrypts etcd at rest with platform-managed keys.',
    }),
    finding(privilegedRule, {
      subject: shopWeb,
      location: { file: 'rendered/shop.yaml', line: 52, template: helmTemplate },
      path: 'spec.template.spec.containers[0].securityContext.privileged',
      message: 'Container "app" runs privileged.',
      admission:
        'blocked at admission: namespace shop enforces baseline (pod-security.kubernetes.io/enforce): its Privileged Containers control rejects these pods',
    }),
    finding(mutableTagRule, {
      subject: shopWeb,
      location: { file: 'rendered/shop.yaml', line: 47, template: helmTemplate },
      path: 'spec.template.spec.containers[0].image',
      message: 'Image "shop/web:latest" uses a mutable tag.',
      notes: ['suppression expired on 2026-01-01 (comment: waiting for the registry migration)'],
    }),
    finding(mutableTagRule, {
      status: 'suppressed',
      subject: { ...shopWeb, name: 'worker', display: 'Deployment/shop/worker' },
      location: { file: 'manifests/worker.yaml', line: 21 },
      path: 'spec.template.spec.containers[0].image',
      message: 'Image "shop/worker:1.2" uses a mutable tag.',
      suppression: {
        source: 'comment',
        reason: 'Pinned by the release pipeline',
        at: { file: 'manifests/worker.yaml', line: 20 },
      },
    }),
    finding(nodeSshRule, {
      subject: { ...cluster, at: { file: 'infra\\legacy\\aks.json', line: 3 } },
      location: { file: 'infra\\legacy\\aks.json', line: 30 },
      path: 'properties.agentPoolProfiles[0].securityProfile.sshAccess',
      message: 'Node pool "system" allows SSH.',
    }),
    finding(auditLogsRule, {
      status: 'not-assessed',
      subject: cluster,
      location: { file: 'cluster.json', line: 2 },
      message: 'No diagnostic settings were given: pass the output of az monitor diagnostic-settings list.',
    }),
    finding(exposedPathRule, {
      subject: {
        kind: 'Deployment',
        name: 'api',
        namespace: 'shop',
        display: 'Deployment/shop/api',
        at: { file: '<stdin>', line: 3 },
      },
      location: { file: '<stdin>', line: 3 },
      message: 'Internet -> Service/shop/api -> ServiceAccount/shop/api -> cluster-admin.',
    }),
  ] satisfies Finding[]
).sort(compareFindings);

function coverage(passed: number, failed: number, notAssessed: number, providerManaged: number): Coverage {
  return { passed, failed, notAssessed, providerManaged };
}

export const COVERAGE: Readonly<Record<Surface, Coverage>> = {
  'api-server': coverage(3, 1, 1, 0),
  network: coverage(5, 1, 0, 0),
  identity: coverage(4, 1, 0, 0),
  'k8s-rbac': coverage(6, 2, 0, 0),
  secrets: coverage(2, 0, 0, 1),
  workloads: coverage(10, 3, 0, 0),
  nodes: coverage(1, 2, 0, 0),
  posture: coverage(0, 0, 1, 0),
  tenancy: coverage(3, 0, 0, 0),
  'attack-paths': coverage(0, 1, 0, 0),
};

export const RESULT: AuditResult = {
  findings: FINDINGS,
  coverage: COVERAGE,
  rulesRun: RULES.map((r) => r.id),
  unusedSuppressions: [
    { description: 'config suppression of fake-privileged kind=Deployment name=legacy-*' },
    {
      description: 'comment at manifests/web.yaml:4 for fake-mutable-tag',
      at: { file: 'manifests/web.yaml', line: 4 },
    },
  ],
  suppressionProblems: [
    {
      message: 'aksward.io/ignore: suppression of fake-privileged has no reason',
      at: { file: 'manifests/jobs.yaml', line: 6 },
    },
    { message: 'suppression names unknown rule "no-such-rule"' },
  ],
  baselined: 2,
};

export const CONTEXT: ReportContext = {
  rules: RULES,
  version: '0.1.0',
  inputs: [
    { file: 'cluster.json', format: 'az-aks-show', objects: 1 },
    { file: 'infra/main.tf', format: 'terraform', objects: 1 },
    { file: 'manifests/team a/rbac.yaml', format: 'kubernetes', objects: 3 },
    { file: 'manifests/worker.yaml', format: 'kubernetes', objects: 2 },
    {
      file: 'rendered/shop.yaml',
      format: 'helm-output',
      objects: 4,
      reason: 'Helm output: findings point at chart templates',
    },
    { file: 'infra/aks.bicep', objects: 0, reason: 'Bicep is not read: compile it with az bicep build' },
  ],
  diagnostics: [
    {
      code: 'parse-error',
      level: 'error',
      message: 'Unexpected end of flow sequence',
      file: 'manifests/broken.yaml',
      line: 7,
      column: 3,
    },
    {
      code: 'unresolved-value',
      level: 'warning',
      message: 'var.authorized_ranges cannot be resolved',
      file: 'infra/main.tf',
      line: 20,
    },
    {
      code: 'duplicate-object',
      level: 'info',
      message: 'ConfigMap/shop/web appears twice',
      file: 'manifests/worker.yaml',
    },
  ],
  color: false,
  failOn: 'high',
};

export const EMPTY_RESULT: AuditResult = {
  findings: [],
  coverage: Object.fromEntries(SURFACES.map((s) => [s, coverage(0, 0, 0, 0)])) as Record<Surface, Coverage>,
  rulesRun: [],
  unusedSuppressions: [],
  suppressionProblems: [],
  baselined: 0,
};

export const EMPTY_CONTEXT: ReportContext = {
  rules: [],
  version: '0.1.0',
  inputs: [],
  diagnostics: [],
  color: false,
  failOn: 'none',
};
