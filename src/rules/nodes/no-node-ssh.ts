/** @module no-node-ssh: SSH to the nodes is disabled on every pool (or limited to Entra ID sign-in). */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { forEachCluster } from '../check-setting.js';
import { checkPoolSetting, forEachPool } from '../check-pool-setting.js';

/** `securityProfile.sshAccess` values (AKS API): `LocalUser` is the default, a key-based local account. */
const ACCEPTED = new Set(['disabled', 'entraid']);

export default defineRule({
  id: 'no-node-ssh',
  title: 'SSH access to nodes is disabled on every node pool',
  surface: 'nodes',
  severity: 'critical',
  rationale:
    'With the default LocalUser access every node runs an SSH daemon that accepts the cluster’s SSH key: whoever holds that key (or steals it from a pipeline or a laptop) gets a shell on the node, outside Kubernetes RBAC and outside the audit log, with the kubelet’s credentials and every pod’s secrets within reach. A properly automated cluster never needs it; debugging goes through `kubectl debug node/…`. Entra ID-based SSH is accepted as managed access, because sign-in then goes through Entra ID with Conditional Access and no shared key.',
  remediation: {
    summary:
      'Disable SSH on every node pool (the setting is per pool); use `kubectl debug node/<node>` for node debugging.',
    az: 'az aks nodepool update -g <rg> --cluster-name <cluster> -n <pool> --ssh-access disabled',
    terraform:
      '# azurerm has no attribute for node SSH access: set it outside azurerm, for example with\n# azapi_update_resource on each agent pool:\n# body = { properties = { securityProfile = { sshAccess = "Disabled" } } }',
    arm: "properties.agentPoolProfiles[*].securityProfile.sshAccess: 'Disabled'",
  },
  reads: ['cluster'],
  peers: { azurePolicy: ['28257686'] },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.priorityMatrix,
    {
      title: 'Manage SSH for secure access to AKS nodes',
      url: 'https://learn.microsoft.com/azure/aks/manage-ssh-node-access',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      forEachPool(context, cluster, (pool) => {
        checkPoolSetting(context, cluster, pool, {
          setting: pool.sshAccess,
          label: 'SSH access',
          isCompliant: (access) => ACCEPTED.has(access.toLowerCase()),
          // Azure Policy 28257686 accepts EntraId as well: access is managed, with no local key.
          note: (access) =>
            access.toLowerCase() === 'entraid'
              ? 'Accepted: sign-in goes through Entra ID (managed access, as Azure Policy 28257686 accepts).'
              : undefined,
        });
      });
    });
  },
});
