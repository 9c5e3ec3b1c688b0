/** @module require-private-cluster: the API server has no public endpoint, or failing that is restricted by authorized IP ranges. */
import type { AksCluster } from '../../model/index.js';
import { clusterSubject, describeSetting } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { forEachCluster } from '../check-setting.js';

/** A public API server: critical when open to every address, `high` when authorized ranges narrow it. */
function checkPrivateCluster(context: RuleContext<unknown>, cluster: AksCluster): void {
  const { enablePrivateCluster: isPrivate, authorizedIPRanges: ranges } = cluster.apiServer;
  const base = {
    subject: clusterSubject(cluster),
    path: isPrivate.path,
    at: isPrivate.at,
    basis: isPrivate.state,
  };
  if (isPrivate.state === 'unknown') {
    context.report({ ...base, status: 'not-assessed', message: `private cluster mode: ${isPrivate.reason}` });
    return;
  }
  if (isPrivate.value) {
    context.report({
      ...base,
      status: 'pass',
      message: 'The API server is private: it has no public endpoint.',
    });
    return;
  }
  const mode = `Private cluster mode is ${describeSetting(isPrivate)}`;
  if (ranges.state === 'unknown') {
    context.report({
      ...base,
      severity: 'high',
      severityReason: 'whether authorized IP ranges restrict the public endpoint cannot be decided',
      message:
        `${mode}: the API server has a public endpoint, and whether authorized IP ranges restrict it cannot ` +
        `be decided (${ranges.reason}). It is critical if there are none.`,
    });
    return;
  }
  const count = ranges.value.length;
  if (count > 0) {
    context.report({
      ...base,
      severity: 'high',
      severityReason: 'authorized IP ranges restrict the public endpoint',
      message:
        `${mode}: the API server has a public endpoint, restricted by ${count} authorized ` +
        `range${count === 1 ? '' : 's'}; a private cluster removes the endpoint.`,
    });
    return;
  }
  context.report({
    ...base,
    message:
      `${mode}: the API server has a public endpoint and no authorized IP ranges, so anyone on the ` +
      'internet can reach it and try credentials.',
  });
}

export default defineRule({
  id: 'require-private-cluster',
  title: 'The API server is private, or at least restricted by authorized IP ranges',
  surface: 'api-server',
  severity: 'critical',
  rationale:
    'A public API server is a publicly resolvable, reachable endpoint: it is enumerable, under constant ' +
    'credential attack, and any flaw in authentication or authorization is exploitable from anywhere, so a ' +
    'leaked kubeconfig or stolen token works from the attacker’s own machine. A private cluster removes the ' +
    'endpoint and the control plane is reachable from your network only; authorized IP ranges are the weaker ' +
    'fallback that shrinks the exposure to known sources (then this is reported as high, not critical).',
  remediation: {
    summary:
      'Make the cluster private (set at creation, or on an existing cluster with API Server VNet Integration); ' +
      'where that does not fit, restrict the public endpoint to authorized IP ranges.',
    az: 'az aks create -g <rg> -n <cluster> --enable-private-cluster ... (or: az aks update -g <rg> -n <cluster> --api-server-authorized-ip-ranges <cidr>[,<cidr>])',
    terraform:
      'private_cluster_enabled = true (or: api_server_access_profile { authorized_ip_ranges = ["<cidr>"] })',
    arm: "properties.apiServerAccessProfile.enablePrivateCluster: true (or: properties.apiServerAccessProfile.authorizedIPRanges: ['<cidr>'])",
  },
  reads: ['cluster'],
  peers: {
    checkov: ['CKV_AZURE_115', 'CKV_AZURE_6'],
    trivy: ['AVD-AZU-0041', 'AVD-AZU-0065'],
    azurePolicy: ['040732e8', '0e246bcf'],
    cis: ['5.4.1', '5.4.2'],
  },
  references: [
    GUIDANCE.checklist,
    GUIDANCE.priorityMatrix,
    GUIDANCE.rolloutOrder,
    GUIDANCE.verification,
    {
      title: 'Create a private Azure Kubernetes Service (AKS) cluster',
      url: 'https://learn.microsoft.com/en-us/azure/aks/private-clusters',
    },
    {
      title: 'Secure access to the API server using authorized IP address ranges in AKS',
      url: 'https://learn.microsoft.com/en-us/azure/aks/api-server-authorized-ip-ranges',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkPrivateCluster(context, cluster);
    });
  },
});
