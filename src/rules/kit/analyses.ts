/**
 * @module The analyses a rule can declare in `needs` and read from `context.analyses`: their names and what each
 * holds. The engine computes each one once per run (src/engine/analyses.ts). This is the one file under rules/
 * that names analysis/, and only its types: everything a rule calls at run time reaches it through these objects.
 */
import type { AksCluster, Workload } from '../../model/index.js';
import type { AzureRoleAssignment } from '../../model/azure-rbac.js';
import type { Reachability } from '../../analysis/netpol/index.js';
import type { DnsReachability } from '../../analysis/netpol/dns.js';
import type { UnnamedReach } from '../../analysis/netpol/cross-namespace.js';
import type { clusterEnforcement } from '../../analysis/netpol/options.js';
import type { PortSet, describePorts, hasPort, unionPorts } from '../../analysis/netpol/port-set.js';
import type { AttackGraph, LandingDigest, workloadId } from '../../analysis/paths/index.js';
import type { PoolView, Tri, canLand, isPinned, poolViews } from '../../analysis/placement/node-placement.js';
import type { credentialMounts } from '../../analysis/placement/node-credentials.js';
import type { PodSecurityAdmission } from '../../analysis/pod-security/admission.js';
import type { AzureContext } from '../../analysis/rbac/azure-context.js';
import type { scopeCovers } from '../../analysis/rbac/azure-scope.js';
import type { credentialGrants, grantsFor } from '../../analysis/rbac/evaluate-azure.js';
import type { bindingNamespace } from '../../analysis/rbac/evaluate-k8s.js';
import type { BindingMatch, Capability, UserMatch, describeProbe } from '../../analysis/rbac/capabilities.js';
import type { RbacAnalysis } from '../../analysis/rbac/rbac-analysis.js';
import type { RoleResolution } from '../../analysis/rbac/rbac-index.js';
import type {
  EffectiveRule,
  RbacBinding,
  RbacRole,
  RbacSubject,
  UserInfo,
  describeBinding,
  describeEffectiveRule,
  describeRole,
  describeRule,
  describeSubject,
} from '../../analysis/rbac/types.js';
import type {
  serviceAccountUsername,
  subjectServiceAccount,
  userInfo,
} from '../../analysis/rbac/user-info.js';
import type { TokenMount } from '../../analysis/rbac/workload-identity.js';
import type { NamespaceIndex } from '../../analysis/tenancy/namespace-index.js';

export type { ParsedPolicy, PolicyRule as NetworkPolicyRule } from '../../analysis/netpol/index.js';
export type { AttackPath, TargetKind } from '../../analysis/paths/index.js';
export type { CheckId } from '../../analysis/pod-security/index.js';
export type { AzureContext, BindingMatch, Capability, UserMatch, PoolView, Tri };
export type { EffectiveRule, NamespaceIndex, RbacBinding, RbacRole, RbacSubject, UserInfo };

/** Kubernetes RBAC over both planes, and what rules ask of it. */
export interface RbacRuleAnalysis extends RbacAnalysis {
  /** The capabilities the rules probe for (cluster-admin, secret read, pod creation, ...). */
  readonly probes: {
    readonly CLUSTER_ADMIN: Capability;
    readonly SECRET_READ: Capability;
    readonly POD_CREATE: Capability;
    readonly WORKLOAD_CREATE: Capability;
    readonly POD_EXEC: Capability;
    readonly ESCALATION: Capability;
  };
  /** The well-known groups and users (`system:authenticated`, `system:masters`, ...). */
  readonly groups: {
    readonly ANONYMOUS: string;
    readonly AUTHENTICATED: string;
    readonly UNAUTHENTICATED: string;
    readonly MASTERS: string;
  };
  /** The probes of a capability that one binding's role allows, within the binding's own scope. */
  readonly bindingCapability: (binding: RbacBinding, capability: Capability) => BindingMatch[];
  /** The probes of a capability the identity is allowed in `namespace`. */
  readonly userCapability: (user: UserInfo, namespace: string, capability: Capability) => UserMatch[];
  /** The role a binding grants, or why it cannot be resolved. */
  readonly resolveRoleRef: (binding: RbacBinding) => RoleResolution;
  /** Whether a binding of the inputs (or a bound aggregation) grants the role; an unbound role is latent. */
  readonly isRoleBound: (role: RbacRole) => boolean;
  /** The probes of a capability a role would grant once bound (a ClusterRole: cluster-wide). */
  readonly roleCapability: (role: RbacRole, capability: Capability) => BindingMatch[];
  /** Whether a workload's service-account token is mounted, and what decided it. */
  readonly tokenMount: (workload: Workload) => TokenMount;
  /** The namespace a binding applies in (`''` for a ClusterRoleBinding). */
  readonly bindingNamespace: typeof bindingNamespace;
  /** The service account a subject names, resolved in the binding's namespace. */
  readonly subjectServiceAccount: typeof subjectServiceAccount;
  readonly serviceAccountUsername: typeof serviceAccountUsername;
  readonly userInfo: typeof userInfo;
  readonly describeProbe: typeof describeProbe;
  readonly describeRole: typeof describeRole;
  readonly describeBinding: typeof describeBinding;
  readonly describeSubject: typeof describeSubject;
  readonly describeRule: typeof describeRule;
  readonly describeEffectiveRule: typeof describeEffectiveRule;
}

/** Azure RBAC on the control plane: who can list a cluster's credentials or act as its admin. */
export interface AzureRbacAnalysis {
  /** The role assignments in the inputs (`az role assignment list`); empty when none was given. */
  readonly roleAssignments: readonly AzureRoleAssignment[];
  /** The Azure side of one cluster: its settings, the assignments and the role definitions. */
  readonly contextFor: (cluster: AksCluster) => AzureContext;
  /** The kubeconfig credentials the assignments let their principals list, and on what basis. */
  readonly credentialGrants: typeof credentialGrants;
  /** The grants of one action (data action or control-plane action) at a target scope. */
  readonly grantsFor: typeof grantsFor;
  /** Whether an assignment scope covers the target resource id (`unknown` with placeholders). */
  readonly scopeCovers: typeof scopeCovers;
  readonly actions: { readonly MANAGED_CLUSTERS: string; readonly ROLE_ASSIGNMENT_WRITE: string };
}

/** NetworkPolicy reachability with the default modelling. */
export interface ReachabilityRuleAnalysis {
  readonly result: Reachability;
  /** One source among those `isOther` accepts that reaches class `dst` without a policy naming it. */
  readonly unnamedReach: (dst: number, isOther: (source: number) => boolean) => UnnamedReach | undefined;
  /** Whether one cluster definition's engine enforces NetworkPolicies. */
  readonly enforcementOf: typeof clusterEnforcement;
  readonly describePorts: typeof describePorts;
}

/** Reachability of cluster DNS (the input's CoreDNS, or the one AKS manages). */
export interface DnsRuleAnalysis extends DnsReachability {
  readonly noPorts: PortSet;
  readonly unionPorts: typeof unionPorts;
  readonly hasPort: typeof hasPort;
}

/** The attack graph, built from the RBAC and reachability analyses. */
export interface AttackGraphRuleAnalysis {
  readonly graph: AttackGraph;
  /** The ids of the internet-exposed workloads. */
  readonly exposedWorkloads: () => string[];
  /** The blast radius and the shortest path per target kind from one landing node. */
  readonly landingDigest: (start: string) => LandingDigest;
  /** `workload:<namespace>/<name>`. */
  readonly workloadId: typeof workloadId;
  /** The `control` of a step that no rule of the catalog breaks (node → kubelet identity through IMDS). */
  readonly noControl: string;
}

/** Where workloads may land among a cluster's node pools, and what node credentials they mount. */
export interface PlacementRuleAnalysis {
  /** The pools as placement sees them, or why they cannot be read. */
  readonly poolViews: typeof poolViews;
  readonly canLand: typeof canLand;
  readonly isPinned: typeof isPinned;
  readonly credentialMounts: typeof credentialMounts;
}

export interface Analyses {
  readonly rbac: RbacRuleAnalysis;
  readonly azureRbac: AzureRbacAnalysis;
  readonly reachability: ReachabilityRuleAnalysis;
  readonly dns: DnsRuleAnalysis;
  readonly attackGraph: AttackGraphRuleAnalysis;
  readonly podSecurity: PodSecurityAdmission;
  readonly placement: PlacementRuleAnalysis;
  /** Objects by kind and the namespace they land in, and the first object that names each namespace. */
  readonly namespaceIndex: NamespaceIndex;
}

export type AnalysisName = keyof Analyses;
