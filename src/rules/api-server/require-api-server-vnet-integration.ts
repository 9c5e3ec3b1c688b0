/** @module require-api-server-vnet-integration: the API server endpoint is projected into the cluster's own VNet. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

export default defineRule({
  id: 'require-api-server-vnet-integration',
  title: 'API Server VNet Integration is enabled',
  surface: 'api-server',
  severity: 'info',
  rationale:
    'With API Server VNet Integration the API server gets an internal load balancer in a delegated subnet ' +
    'of the cluster’s own VNet, so nodes reach it without a private link or tunnel. It is the way to make an ' +
    'existing public cluster private without rebuilding it, and it lets the private-cluster and authorized-range ' +
    'controls be changed later, so the API server’s exposure stays a setting you can tighten rather than a ' +
    'decision frozen at creation.',
  remediation: {
    summary:
      'Enable API Server VNet Integration with a delegated API server subnet, then consider making the cluster private.',
    az: 'az aks update -g <rg> -n <cluster> --enable-apiserver-vnet-integration --apiserver-subnet-id <subnet-id>',
    terraform:
      'api_server_access_profile { virtual_network_integration_enabled = true, subnet_id = azurerm_subnet.apiserver.id }',
    arm: "properties.apiServerAccessProfile.enableVnetIntegration: true (with subnetId: '<subnet-id>')",
  },
  reads: ['cluster'],
  peers: {},
  references: [
    GUIDANCE.checklist,
    {
      title: 'Create an AKS cluster with API Server VNet Integration',
      url: 'https://learn.microsoft.com/en-us/azure/aks/api-server-vnet-integration',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.apiServer.enableVnetIntegration,
        label: 'API Server VNet Integration',
        isCompliant: (enabled) => enabled,
        show: (enabled) => (enabled ? 'enabled' : 'disabled'),
      });
    });
  },
});
