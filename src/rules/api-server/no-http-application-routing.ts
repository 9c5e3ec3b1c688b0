/** @module no-http-application-routing: the HTTP application routing add-on is off. */
import { defineRule, GUIDANCE } from '../define-rule.js';
import { checkSetting, forEachCluster } from '../check-setting.js';

export default defineRule({
  id: 'no-http-application-routing',
  title: 'The HTTP application routing add-on is disabled',
  surface: 'api-server',
  severity: 'medium',
  rationale:
    'HTTP application routing deploys an ingress controller behind a public IP and a public DNS zone that ' +
    'publishes a name for every Ingress, with no TLS. Microsoft designed it for development only and has ' +
    'retired it; in a real cluster it puts workloads on the internet over plain HTTP by default, which ' +
    'hands an attacker discoverable entry points and readable traffic.',
  remediation: {
    summary:
      'Disable the add-on and use the application routing add-on (managed NGINX with Key Vault TLS) or your own ingress controller.',
    az: 'az aks disable-addons -g <rg> -n <cluster> --addons http_application_routing',
    terraform: 'http_application_routing_enabled = false (azurerm 3.x; removed in 4.0)',
    arm: 'properties.addonProfiles.httpApplicationRouting.enabled: false',
  },
  reads: ['cluster'],
  peers: { checkov: ['CKV_AZURE_246'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'HTTP application routing add-on for AKS (retired)',
      url: 'https://learn.microsoft.com/en-us/azure/aks/http-application-routing',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkSetting(context, cluster, {
        setting: cluster.addons.httpApplicationRouting,
        label: 'the HTTP application routing add-on',
        isCompliant: (enabled) => !enabled,
        show: (enabled) => (enabled ? 'enabled' : 'disabled'),
        failMessage: () =>
          'The HTTP application routing add-on is enabled: a dev-only ingress behind a public IP and public ' +
          'DNS, without TLS',
      });
    });
  },
});
