/** @module no-run-command: `az aks command invoke` (the Run command API) is disabled. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

export default defineRule({
  id: 'no-run-command',
  title: 'Run command (az aks command invoke) is disabled',
  surface: 'api-server',
  severity: 'medium',
  rationale:
    'Run command lets anyone with the managedClusters/runCommand Azure permission run kubectl inside the ' +
    'cluster through Azure Resource Manager, from anywhere, even when the API server is private. It is a ' +
    'second path to the control plane that bypasses the network controls a private cluster or authorized ' +
    'IP ranges put around the API server, so an attacker holding a broad Azure role reaches the cluster ' +
    'without ever touching its network.',
  remediation: {
    summary:
      'Disable Run command and reach a private cluster through its network (jump host, VPN, VNet peering).',
    az: 'az aks update -g <rg> -n <cluster> --disable-run-command',
    terraform: 'run_command_enabled = false',
    arm: 'properties.apiServerAccessProfile.disableRunCommand: true',
  },
  reads: ['cluster'],
  peers: { azurePolicy: ['89f2d532'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Access a private AKS cluster remotely using command invoke or Run command',
      url: 'https://learn.microsoft.com/en-us/azure/aks/access-private-cluster',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.apiServer.disableRunCommand,
        label: 'Run command',
        isCompliant: (disabled) => disabled,
        show: (disabled) => (disabled ? 'disabled' : 'enabled'),
        failMessage: () =>
          'Run command is enabled: holders of the runCommand Azure permission can run kubectl in the cluster ' +
          'through Azure Resource Manager, around the API server’s network controls',
      });
    });
  },
});
