/** @module no-broad-credential-access: Azure roles that hand out cluster-admin are few and scoped to the cluster. */
import * as z from 'zod';
import type { AzureRoleAssignment } from '../../model/azure-rbac.js';
import { displayPrincipal, displayRoleAssignment } from '../../model/azure-rbac.js';
import type { AksCluster, Subject } from '../../model/index.js';
import { clusterSubject } from '../../model/index.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import type { RuleContext } from '../define-rule.js';
import type { AzureContext, AzureRbacAnalysis } from '../kit/analyses.js';

const Options = z.object({
  /** More principals than this holding cluster-admin power through Azure is a finding on the cluster. */
  maxPrincipals: z.number().int().min(1).default(5),
});
type Options = z.infer<typeof Options>;

const assignmentSubject = (assignment: AzureRoleAssignment): Subject => ({
  kind: 'RoleAssignment',
  name: assignment.name,
  display: displayRoleAssignment(assignment),
  at: assignment.at,
});

/** What an assignment lets its principal do that amounts to cluster-admin; empty when nothing. */
function powersOf(
  azureRbac: AzureRbacAnalysis,
  context: AzureContext,
  assignment: AzureRoleAssignment,
): string[] {
  const { credentialGrants, grantsFor, actions } = azureRbac;
  const powers: string[] = [];
  for (const grant of credentialGrants(context, [assignment])) {
    powers.push(
      `list the cluster ${grant.credential} credential, a system:masters kubeconfig (${grant.role.name})`,
    );
  }
  const target = context.clusterId;
  if (
    grantsFor(context, [assignment], 'dataActions', `${actions.MANAGED_CLUSTERS}/*`, target).grants.length > 0
  ) {
    powers.push('act as cluster admin through Azure RBAC data actions');
  }
  if (grantsFor(context, [assignment], 'actions', actions.ROLE_ASSIGNMENT_WRITE, target).grants.length > 0) {
    powers.push('assign itself any role on the cluster (roleAssignments/write)');
  }
  return powers;
}

/** Path segments of a resource id: a scope that covers the cluster with as many segments is the cluster. */
const depthOf = (id: string): number => id.split('/').filter((segment) => segment !== '').length;

function checkCluster(context: RuleContext<Options, 'azureRbac'>, cluster: AksCluster): void {
  const { azureRbac } = context.analyses;
  const azure = azureRbac.contextFor(cluster);
  const holders = new Set<string>();
  for (const assignment of azure.assignments) {
    const powers = powersOf(azureRbac, azure, assignment);
    if (powers.length === 0) continue;
    holders.add(assignment.principalId);
    const subject = assignmentSubject(assignment);
    const who = `${displayPrincipal(assignment)} can ${powers.join(', and ')}`;
    const match = azureRbac.scopeCovers(assignment.scope, azure.clusterId ?? '');
    if (match === 'unknown') {
      context.report({
        subject,
        status: 'not-assessed',
        message: `${who} if scope ${assignment.scope} contains ${cluster.display}.`,
      });
    } else if (match === 'yes' && depthOf(assignment.scope) === depthOf(azure.clusterId ?? '')) {
      context.report({ subject, status: 'pass', message: `${who}, scoped to the cluster itself.` });
    } else {
      context.report({
        subject,
        message: `${who}, granted at ${assignment.scope}: every cluster beneath it, not just ${cluster.name}.`,
      });
    }
  }
  const subject = clusterSubject(cluster);
  const { maxPrincipals } = context.options;
  const count = `${holders.size} principal(s) hold cluster-admin power through Azure (at most ${maxPrincipals} expected)`;
  context.report({
    subject,
    ...(holders.size > maxPrincipals ? {} : { status: 'pass' as const }),
    message: `${count}.`,
  });
}

export default defineRule({
  id: 'no-broad-credential-access',
  title:
    'Azure role assignments that list cluster credentials or act as cluster admin are few and scoped to the cluster',
  surface: 'identity',
  severity: 'high',
  rationale:
    'On the Azure plane, the question "can this person read my production secrets" starts with "can they get a ' +
    'kubeconfig". With local accounts enabled, listClusterAdminCredential returns a system:masters certificate, ' +
    'and without Entra ID the user credential is that same certificate; Owner and Contributor include both ' +
    'actions. An assignment at the subscription or resource group hands that power over every cluster beneath ' +
    'it, to principals nobody reviews as cluster admins.',
  remediation: {
    summary:
      'Assign credential and cluster-admin roles at the cluster scope, to a small reviewed group; disable local accounts so listing credentials no longer yields cluster-admin.',
    az: 'az role assignment create --assignee <group-object-id> --role "Azure Kubernetes Service RBAC Reader" --scope <cluster-id>/namespaces/<ns>; az role assignment delete --ids <broad-assignment-id>',
    terraform: 'azurerm_role_assignment.<name>.scope = azurerm_kubernetes_cluster.<cluster>.id',
    arm: 'Microsoft.Authorization/roleAssignments with scope: the managedClusters resource (or <cluster>/namespaces/<ns>)',
  },
  reads: ['cluster', 'role-assignments'],
  peers: {},
  references: [
    GUIDANCE.checklist,
    {
      title: 'Use Azure RBAC to define access to the Kubernetes configuration file in AKS',
      url: 'https://learn.microsoft.com/en-us/azure/aks/control-kubeconfig-access',
    },
    {
      title: 'Use Azure RBAC for Kubernetes authorization',
      url: 'https://learn.microsoft.com/en-us/azure/aks/manage-azure-rbac',
    },
  ],
  since: '0.1.0',
  parseOptions: (raw) => Options.parse(raw ?? {}),
  needs: ['azureRbac'],
  check(context) {
    const { model } = context;
    const noInput = context.analyses.azureRbac.roleAssignments.length === 0;
    for (const cluster of model.clusters) {
      if (noInput) {
        const message =
          'no role-assignment input (az role assignment list --all -o json): who can list credentials is unknown.';
        context.report({ subject: clusterSubject(cluster), status: 'not-assessed', message });
        continue;
      }
      checkCluster(context, cluster);
    }
  },
});
