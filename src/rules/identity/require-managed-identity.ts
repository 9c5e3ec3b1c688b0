/** @module require-managed-identity: the cluster acts in Azure as a managed identity, not a service principal with a secret. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

const MANAGED = new Set(['systemassigned', 'userassigned']);

export default defineRule({
  id: 'require-managed-identity',
  title: 'The cluster uses a managed identity, not a service principal',
  surface: 'identity',
  severity: 'medium',
  rationale:
    'A service principal cluster identity is a client secret that AKS writes to every node ' +
    '(/etc/kubernetes/azure.json) and that someone must rotate before it expires. A pod that breaks out to ' +
    'a node, or a hostPath mount of that file, hands the attacker a long-lived Azure credential with the ' +
    'cluster’s rights over its network and disks; a managed identity has no secret to steal or rotate.',
  remediation: {
    summary:
      'Switch the cluster to a managed identity (system- or user-assigned) and remove the service principal.',
    az: 'az aks update -g <rg> -n <cluster> --enable-managed-identity',
    terraform: 'identity { type = "SystemAssigned" } (instead of service_principal { ... })',
    arm: "identity.type: 'SystemAssigned' (and no properties.servicePrincipalProfile secret)",
  },
  reads: ['cluster'],
  peers: { azurePolicy: ['da6e2401'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Use a managed identity in AKS',
      url: 'https://learn.microsoft.com/en-us/azure/aks/use-managed-identity',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.identity.clusterIdentity,
        label: 'the cluster identity',
        // ARM treats enum values case-insensitively (`systemAssigned` is accepted).
        isCompliant: (type) => MANAGED.has(type.toLowerCase()),
        failMessage: (type) =>
          type.toLowerCase() === 'serviceprincipal'
            ? 'The cluster identity is a service principal: a client secret stored on every node'
            : `The cluster identity is ${type}, not a managed identity`,
      });
    });
  },
});
