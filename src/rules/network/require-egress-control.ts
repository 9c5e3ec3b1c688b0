/** @module require-egress-control: outbound traffic leaves through a firewall (user-defined routing), not straight out. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

/**
 * `userDefinedRouting` sends egress to a route table the user points at a firewall. `none` (and `block`)
 * give the cluster no outbound path at all: an isolated cluster has nothing to filter.
 */
const CONTROLLED = new Set(['userdefinedrouting', 'none', 'block']);

function describeOutboundType(type: string): string {
  switch (type.toLowerCase()) {
    case 'userdefinedrouting':
      return `${type} (egress through your route table)`;
    case 'none':
    case 'block':
      return `${type} (an isolated cluster)`;
    default:
      return type;
  }
}

export default defineRule({
  id: 'require-egress-control',
  title: 'Egress goes through a firewall (outbound type userDefinedRouting)',
  surface: 'network',
  severity: 'medium',
  rationale:
    'By default nodes have unrestricted outbound access through the load balancer or a NAT gateway, so a ' +
    'compromised workload can exfiltrate data, call a command-and-control host or fetch a second-stage ' +
    'payload from anywhere. Routing the node subnet’s egress through a choke point such as Azure Firewall, ' +
    'with FQDN rules for what the cluster really needs, blocks those calls and logs the attempts.',
  remediation: {
    summary:
      'Route egress through Azure Firewall or an NVA with a route table on the node subnet, and set the outbound type to userDefinedRouting.',
    az: 'az aks update -g <rg> -n <cluster> --outbound-type userDefinedRouting',
    terraform: 'network_profile { outbound_type = "userDefinedRouting" }',
    arm: "properties.networkProfile.outboundType: 'userDefinedRouting'",
  },
  reads: ['cluster'],
  peers: {},
  references: [
    GUIDANCE.priorityMatrix,
    {
      title: 'Limit network traffic with Azure Firewall in AKS',
      url: 'https://learn.microsoft.com/en-us/azure/aks/limit-egress-traffic',
    },
    {
      title: 'Customize cluster egress with outbound types in AKS',
      url: 'https://learn.microsoft.com/en-us/azure/aks/egress-outboundtype',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.network.outboundType,
        label: 'the outbound type',
        isCompliant: (type) => CONTROLLED.has(type.toLowerCase()),
        show: describeOutboundType,
        failMessage: (type) =>
          `Egress leaves through ${type} straight to the internet: no firewall filters or logs what workloads call`,
      });
    });
  },
});
