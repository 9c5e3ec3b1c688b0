/** @module Fake rules for the report tests: one or two per surface, with every kind of remediation snippet and peer id. */
import type { AnyRule } from '../../src/rules/define-rule.js';
import { GUIDANCE, defineRule } from '../../src/rules/define-rule.js';

const noCheck = () => undefined;

export const privateApiRule = defineRule({
  id: 'fake-private-api',
  title: 'The API server is private',
  surface: 'api-server',
  severity: 'critical',
  rationale: 'A public API server can be attacked from anywhere on the internet.',
  remediation: {
    summary: 'Make the cluster private, or restrict the API server to authorized IP ranges.',
    az: 'az aks update -g rg -n aks-prod --api-server-authorized-ip-ranges 203.0.113.0/24',
    terraform: 'private_cluster_enabled = true',
    arm: '"apiServerAccessProfile": { "enablePrivateCluster": true }',
  },
  reads: ['cluster'],
  peers: {
    checkov: ['CKV_AZURE_115', 'CKV_AZURE_6'],
    trivy: ['AZU-0041'],
    azurePolicy: ['040732e8'],
    cis: ['5.4.1'],
  },
  references: [
    GUIDANCE.checklist,
    { title: 'AKS private clusters', url: 'https://learn.microsoft.com/azure/aks/private-clusters' },
  ],
  since: '0.1.0',
  check: noCheck,
});

export const networkEngineRule = defineRule({
  id: 'fake-network-engine',
  title: 'A network policy engine is chosen',
  surface: 'network',
  severity: 'critical',
  rationale: 'Without an engine, NetworkPolicy objects enforce nothing.',
  remediation: { summary: 'Create the cluster with --network-policy azure, calico or cilium.' },
  reads: ['cluster'],
  peers: { checkov: ['CKV_AZURE_7'], cis: ['CIS-5.4.4'] },
  references: [],
  since: '0.1.0',
  check: noCheck,
});

export const localAccountsRule = defineRule({
  id: 'fake-local-accounts',
  title: 'Local accounts are disabled',
  surface: 'identity',
  severity: 'critical',
  rationale: 'The local admin kubeconfig bypasses Entra ID and cannot be revoked per user.',
  remediation: {
    summary: 'Disable local accounts.',
    az: 'az aks update -g rg -n aks-prod --disable-local-accounts',
  },
  reads: ['cluster'],
  peers: {},
  references: [],
  since: '0.1.0',
  check: noCheck,
});

export const wildcardRule = defineRule({
  id: 'fake-wildcard-role',
  title: 'Roles grant no wildcard verbs or resources',
  surface: 'k8s-rbac',
  severity: 'high',
  rationale: 'A `*` verb grants verbs that do not exist yet, including escalate and impersonate.',
  remediation: {
    summary: 'List the verbs and resources the role needs.',
    manifest: 'rules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get", "list"]\n',
  },
  reads: ['manifests'],
  peers: { checkov: ['CKV_K8S_49'], cis: ['4.1.3'], kubescape: ['C-0035'] },
  references: [],
  since: '0.1.0',
  check: noCheck,
});

export const privilegedRule = defineRule({
  id: 'fake-privileged',
  title: 'No privileged containers',
  surface: 'workloads',
  severity: 'critical',
  rationale: 'A privileged container is root on the node.',
  remediation: {
    summary: 'Remove securityContext.privileged.',
    manifest: 'securityContext:\n  privileged: false  # a ``` fence inside the snippet\n',
  },
  reads: ['manifests'],
  peers: { cis: ['4.2.1'] },
  references: [],
  since: '0.1.0',
  check: noCheck,
});

export const mutableTagRule = defineRule({
  id: 'fake-mutable-tag',
  title: 'Images are pinned',
  surface: 'workloads',
  severity: 'low',
  rationale: 'A mutable tag can change what runs without a manifest change.',
  remediation: { summary: 'Pin images by digest.' },
  reads: ['manifests'],
  peers: {},
  references: [],
  since: '0.1.0',
  check: noCheck,
});

export const etcdRule = defineRule({
  id: 'fake-etcd-encryption',
  title: 'etcd is encrypted at rest',
  surface: 'secrets',
  severity: 'low',
  rationale: 'etcd holds every Secret.',
  remediation: { summary: 'Nothing to do: AKS encrypts etcd at rest.' },
  reads: ['cluster'],
  peers: {},
  references: [],
  since: '0.1.0',
  check: noCheck,
});

export const nodeSshRule = defineRule({
  id: 'fake-node-ssh',
  title: 'SSH to nodes is disabled',
  surface: 'nodes',
  severity: 'medium',
  rationale: 'SSH keys on nodes are a standing way in.',
  remediation: { summary: 'Set sshAccess to Disabled on every pool.' },
  reads: ['cluster'],
  peers: { azurePolicy: ['AzurePolicy-28257686'] },
  references: [],
  since: '0.1.0',
  check: noCheck,
});

export const auditLogsRule = defineRule({
  id: 'fake-audit-logs',
  title: 'Audit logs are collected',
  surface: 'posture',
  severity: 'high',
  rationale: 'Without kube-audit logs an intrusion leaves no trace.',
  remediation: { summary: 'Add a diagnostic setting sending kube-audit-admin to Log Analytics.' },
  reads: ['cluster'],
  peers: { cis: ['2.1.1'] },
  references: [],
  since: '0.1.0',
  check: noCheck,
});

export const quotaRule = defineRule({
  id: 'fake-resource-quota',
  title: 'Namespaces have a ResourceQuota',
  surface: 'tenancy',
  severity: 'medium',
  rationale: 'One tenant can starve the others.',
  remediation: { summary: 'Add a ResourceQuota to every application namespace.' },
  reads: ['manifests'],
  peers: {},
  references: [],
  since: '0.1.0',
  check: noCheck,
});

export const exposedPathRule = defineRule({
  id: 'fake-exposed-path',
  title: 'No path from an exposed workload to cluster-admin',
  surface: 'attack-paths',
  severity: 'critical',
  rationale: 'A compromised internet-facing pod must not lead to cluster-admin.',
  remediation: { summary: 'Break the path: narrow the service account binding.' },
  reads: ['manifests'],
  peers: {},
  references: [],
  since: '0.1.0',
  check: noCheck,
});

export const RULES: readonly AnyRule[] = [
  privateApiRule,
  networkEngineRule,
  localAccountsRule,
  wildcardRule,
  etcdRule,
  privilegedRule,
  mutableTagRule,
  nodeSshRule,
  auditLogsRule,
  quotaRule,
  exposedPathRule,
];
