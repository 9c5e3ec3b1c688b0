/** @module no-private-cluster-public-fqdn: a private cluster does not publish its API server name in public DNS. */
import { clusterSubject } from '../../model/index.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

export default defineRule({
  id: 'no-private-cluster-public-fqdn',
  title: 'A private cluster publishes no public FQDN for its API server',
  surface: 'api-server',
  severity: 'low',
  rationale:
    'By default AKS gives a private cluster a public FQDN as well: an A record in public Azure DNS that ' +
    'resolves to the private endpoint’s address. The API server stays unreachable from the internet, but the ' +
    'record tells anyone that the cluster exists and leaks part of the internal addressing, which helps an ' +
    'attacker map the network before moving laterally. Disabling it leaves only the private DNS zone.',
  remediation: {
    summary:
      'Disable the public FQDN of the private cluster and resolve the API server through the private DNS zone.',
    az: 'az aks update -g <rg> -n <cluster> --disable-public-fqdn',
    terraform: 'private_cluster_public_fqdn_enabled = false',
    arm: 'properties.apiServerAccessProfile.enablePrivateClusterPublicFQDN: false',
  },
  reads: ['cluster'],
  peers: {},
  references: [
    GUIDANCE.checklist,
    {
      title: 'Create a private Azure Kubernetes Service (AKS) cluster: disable the public FQDN',
      url: 'https://learn.microsoft.com/en-us/azure/aks/private-clusters',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      const { enablePrivateCluster: isPrivate, enablePrivateClusterPublicFQDN: publicFqdn } =
        cluster.apiServer;
      const base = { subject: clusterSubject(cluster), path: isPrivate.path, at: isPrivate.at };
      if (isPrivate.state === 'unknown') {
        context.report({
          ...base,
          status: 'not-assessed',
          message: `private cluster mode: ${isPrivate.reason}`,
        });
        return;
      }
      if (!isPrivate.value) {
        const message = 'Not applicable: the cluster is public, so its API server FQDN is public by design.';
        context.report({ ...base, status: 'pass', message });
        return;
      }
      checkSetting(context, cluster, {
        setting: publicFqdn,
        label: 'the public FQDN of the private cluster',
        isCompliant: (enabled) => !enabled,
        show: (enabled) => (enabled ? 'enabled' : 'disabled'),
        failMessage: () =>
          'The private cluster publishes a public FQDN: public DNS names the cluster and its private address',
      });
    });
  },
});
