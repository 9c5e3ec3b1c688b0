/** @module no-broad-authorized-ip-ranges: authorized IP ranges that restrict nothing (0.0.0.0/0, a /4, a public /12). */
import type { AksCluster, IpRange } from '../../model/index.js';
import { clusterSubject, isNonPublicRange, parseAuthorizedRange, prefixLength } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { forEachCluster } from '../check-setting.js';

/**
 * The widest acceptable prefixes. IPv4 follows the control catalog: nothing wider than a /8, no public
 * range larger than a /16. IPv6 scales the same idea to its allocation sizes: nothing wider than a /32
 * (a whole provider allocation), no public range larger than a /48 (a whole site).
 */
const LIMITS = { 4: { any: 8, public: 16 }, 6: { any: 32, public: 48 } } as const;

/** Why a parsed range is too broad, or undefined when it is narrow enough. */
export function whyBroad(range: IpRange): string | undefined {
  const limit = LIMITS[range.family];
  const prefix = prefixLength(range) ?? 0;
  if (prefix === 0) return 'every address';
  if (prefix < limit.any) return `wider than /${limit.any}`;
  if (prefix < limit.public && !isNonPublicRange(range))
    return `a public range larger than a /${limit.public}`;
  return undefined;
}

function checkRanges(context: RuleContext<unknown>, cluster: AksCluster): void {
  const { enablePrivateCluster: isPrivate, authorizedIPRanges: ranges } = cluster.apiServer;
  const subject = clusterSubject(cluster);
  const base = { subject, path: ranges.path, at: ranges.at };
  if (isPrivate.state !== 'unknown' && isPrivate.value) {
    // AKS does not support authorized IP ranges on a private cluster: there is no public endpoint to restrict.
    const message = 'Not applicable: the cluster is private, so there is no public endpoint to restrict.';
    context.report({ subject, path: isPrivate.path, at: isPrivate.at, status: 'pass', message });
    return;
  }
  if (ranges.state === 'unknown') {
    context.report({ ...base, status: 'not-assessed', message: `authorized IP ranges: ${ranges.reason}` });
    return;
  }
  if (ranges.value.length === 0) {
    const message =
      'No authorized IP ranges are set; require-private-cluster reports an open public endpoint.';
    context.report({ ...base, status: 'pass', message });
    return;
  }
  const broad: string[] = [];
  for (const [index, text] of ranges.value.entries()) {
    const range = parseAuthorizedRange(text);
    if (!range) {
      const message = `Authorized IP range "${text}" is not a valid CIDR, AKS will reject it.`;
      context.report({ ...base, path: `${ranges.path}[${index}]`, message });
      continue;
    }
    const why = whyBroad(range);
    if (why !== undefined) broad.push(`${text} (${why})`);
  }
  if (broad.length === 0) {
    const message = `All ${ranges.value.length} authorized IP ranges are narrow enough.`;
    context.report({ ...base, status: 'pass', message });
    return;
  }
  const listed = `Authorized IP ranges too broad to restrict the API server: ${broad.join(', ')}.`;
  if (isPrivate.state === 'unknown') {
    // Broad ranges matter only on a public endpoint, and the input cannot say whether there is one.
    context.report({
      ...base,
      status: 'not-assessed',
      message: `${listed} Private cluster mode: ${isPrivate.reason}`,
    });
    return;
  }
  context.report({ ...base, message: listed });
}

export default defineRule({
  id: 'no-broad-authorized-ip-ranges',
  title:
    'Authorized IP ranges contain no 0.0.0.0/0, nothing wider than a /8 and no public range larger than a /16',
  surface: 'api-server',
  severity: 'high',
  rationale:
    'Authorized IP ranges are the fallback when a cluster cannot be private: they shrink the public API ' +
    'server’s exposure from the whole internet to a handful of known sources, such as office egress, a VPN ' +
    'concentrator or a CI provider. A range like 0.0.0.0/0 or a public /12 keeps the check box ticked while ' +
    'letting in millions of addresses, so an attacker with a leaked kubeconfig or token reaches the API ' +
    'server as if no ranges were set. Peer tools only check that the list is non-empty.',
  remediation: {
    summary:
      'List only the egress addresses that need the API server (single /32s or small prefixes); prefer a ' +
      'private cluster.',
    az: 'az aks update -g <rg> -n <cluster> --api-server-authorized-ip-ranges 203.0.113.10/32,198.51.100.0/28',
    terraform: 'api_server_access_profile { authorized_ip_ranges = ["203.0.113.10/32", "198.51.100.0/28"] }',
    arm: "properties.apiServerAccessProfile.authorizedIPRanges: ['203.0.113.10/32', '198.51.100.0/28']",
  },
  reads: ['cluster'],
  peers: {},
  references: [
    GUIDANCE.checklist,
    GUIDANCE.verification,
    {
      title: 'Secure access to the API server using authorized IP address ranges in AKS',
      url: 'https://learn.microsoft.com/en-us/azure/aks/api-server-authorized-ip-ranges',
    },
    {
      title: 'RFC 1918: Address Allocation for Private Internets',
      url: 'https://www.rfc-editor.org/rfc/rfc1918',
    },
  ],
  since: '0.1.0',
  check(context) {
    forEachCluster(context, (cluster) => {
      checkRanges(context, cluster);
    });
  },
});
