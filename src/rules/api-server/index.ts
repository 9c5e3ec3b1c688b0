/** @module The api-server rules, in id order. */
import type { AnyRule } from '../define-rule.js';
import noBroadAuthorizedIpRanges from './no-broad-authorized-ip-ranges.js';
import noDashboardAddon from './no-dashboard-addon.js';
import noHttpApplicationRouting from './no-http-application-routing.js';
import noPrivateClusterPublicFqdn from './no-private-cluster-public-fqdn.js';
import noRunCommand from './no-run-command.js';
import requireApiServerVnetIntegration from './require-api-server-vnet-integration.js';
import requirePrivateCluster from './require-private-cluster.js';

export const rules: readonly AnyRule[] = [
  noBroadAuthorizedIpRanges,
  noDashboardAddon,
  noHttpApplicationRouting,
  noPrivateClusterPublicFqdn,
  noRunCommand,
  requireApiServerVnetIntegration,
  requirePrivateCluster,
];
