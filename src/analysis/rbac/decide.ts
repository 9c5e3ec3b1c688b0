/**
 * @module One access decision over both planes. The combination is aksward's model where the AKS
 * documentation is silent (docs/rbac-model.md): allowed when `system:masters`, when Kubernetes RBAC is
 * off, when a Kubernetes RBAC rule allows, when an Azure role assignment allows the data action (Entra
 * principals, Azure RBAC on), or when the principal can list a kubeconfig that is cluster-admin.
 */
import type { AzureContext } from './azure-context.js';
import type { AzureDataDecision, CredentialGrant } from './evaluate-azure.js';
import { decideAzureData, decideCredentials } from './evaluate-azure.js';
import type { K8sDecision } from './evaluate-k8s.js';
import { decideKubernetes } from './evaluate-k8s.js';
import type { RbacIndex } from './rbac-index.js';
import { bindingsOfUser } from './rbac-index.js';
import type { AccessRequest, UserInfo } from './types.js';
import { MASTERS, isSystemUser } from './user-info.js';

export type Verdict = 'allowed' | 'denied' | 'unknown';

export const COMBINATION_MODEL =
  'allowed if Kubernetes RBAC or Azure RBAC allows (aksward model, docs/rbac-model.md)';

export interface Decision {
  readonly verdict: Verdict;
  readonly request: AccessRequest;
  readonly user: UserInfo;
  readonly kubernetes: K8sDecision;
  readonly azure: AzureDataDecision;
  readonly credentials: readonly CredentialGrant[];
  /** Set when Kubernetes RBAC is off (or cannot be known): the API server then authorizes every caller. */
  readonly rbacOff?: { readonly certain: boolean; readonly basis: string };
  /** Why an `unknown` verdict is not a `denied` one. */
  readonly openQuestions: readonly string[];
}

/** Without any cluster definition, RBAC is taken to be on (the AKS API default), and the answer says so. */
function rbacOffOf(context: AzureContext): Decision['rbacOff'] {
  if (context.cluster === undefined) return undefined;
  const { kubernetesRbac } = context;
  if (kubernetesRbac.state === 'off') return { certain: true, basis: kubernetesRbac.basis };
  if (kubernetesRbac.state === 'unknown') return { certain: false, basis: kubernetesRbac.basis };
  return undefined;
}

function openQuestionsOf(
  kubernetes: K8sDecision,
  azure: AzureDataDecision,
  credentials: readonly CredentialGrant[],
  rbacOff: Decision['rbacOff'],
): readonly string[] {
  const open: string[] = [];
  for (const item of kubernetes.unresolved) open.push(`${item.binding.name}: ${item.reason}`);
  for (const item of azure.unresolved) open.push(item.reason);
  for (const grants of [azure.grants, credentials]) {
    for (const grant of grants) if (!grant.certain) open.push(...grant.caveats);
  }
  if (rbacOff && !rbacOff.certain) open.push(rbacOff.basis);
  return open.length === 0 ? NONE : [...new Set(open)];
}

/** The open questions of most decisions (an allowed one has none): one array for all of them. */
const NONE: readonly string[] = [];

/**
 * Whether `decide` would answer `allowed`, without building its answer: the probes of rules and of the attack
 * graph (845,865 on the large bench cluster) are nearly all denied, and only an allowed one needs the whole
 * decision. Each plane is asked in the order `decide` combines them, and the first that allows answers.
 */
export function allows(
  index: RbacIndex,
  context: AzureContext,
  user: UserInfo,
  request: AccessRequest,
): boolean {
  const kubernetes = decideKubernetes(index, user, request);
  if (kubernetes.superuser || kubernetes.grants.length > 0) return true;
  if (rbacOffOf(context)?.certain === true) return true;
  if (decideAzureData(context, user, request).grants.some((g) => g.certain)) return true;
  return decideCredentials(context, user).some((g) => g.certain);
}

/**
 * A token shared by the users `decide` answers alike for every request (but for naming the user): system users
 * outside `system:masters` bound alike. Azure RBAC and the cluster credentials say nothing of system users, so
 * their answer is Kubernetes RBAC's, which depends on the user through its bindings only (`bindingsOfUser` shares
 * one list between users bound alike: the list is the token). Undefined for any other user.
 */
export function decidedAlike(index: RbacIndex, user: UserInfo): object | undefined {
  if (!isSystemUser(user) || user.groups.includes(MASTERS)) return undefined;
  return bindingsOfUser(index, user);
}

/**
 * Rules ask this hundreds of thousands of times on a large cluster (every probe of every workload's
 * identity), so the decision is built without intermediate objects; its keys keep one order.
 */
export function decide(
  index: RbacIndex,
  context: AzureContext,
  user: UserInfo,
  request: AccessRequest,
): Decision {
  const kubernetes = decideKubernetes(index, user, request);
  const azure = decideAzureData(context, user, request);
  const credentials = decideCredentials(context, user);
  const rbacOff = rbacOffOf(context);
  const allowed =
    kubernetes.superuser ||
    rbacOff?.certain === true ||
    kubernetes.grants.length > 0 ||
    azure.grants.some((g) => g.certain) ||
    credentials.some((g) => g.certain);
  const openQuestions = allowed ? NONE : openQuestionsOf(kubernetes, azure, credentials, rbacOff);
  const verdict: Verdict = allowed ? 'allowed' : openQuestions.length > 0 ? 'unknown' : 'denied';
  return rbacOff
    ? { request, user, kubernetes, azure, credentials, rbacOff, verdict, openQuestions }
    : { request, user, kubernetes, azure, credentials, verdict, openQuestions };
}
