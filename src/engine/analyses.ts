/**
 * @module The analyses of one run: each one a rule declares in `needs` is computed once, on first need, from the
 * model and the analyses it depends on (the attack graph from RBAC and reachability), and handed to the rules
 * that declared it: a rule gets only what it declared.
 */
import type { ClusterModel } from '../model/index.js';
import { findUnnamedReach } from '../analysis/netpol/cross-namespace.js';
import { analyzeDnsReachability } from '../analysis/netpol/dns.js';
import { computeReachability } from '../analysis/netpol/index.js';
import { clusterEnforcement } from '../analysis/netpol/options.js';
import { NO_PORTS, describePorts, hasPort, unionPorts } from '../analysis/netpol/port-set.js';
import {
  NO_CONTROL,
  buildAttackGraph,
  exposedWorkloads,
  landingDigest,
  workloadId,
} from '../analysis/paths/index.js';
import { credentialMounts } from '../analysis/placement/node-credentials.js';
import { canLand, isPinned, poolViews } from '../analysis/placement/node-placement.js';
import { podSecurityAdmission } from '../analysis/pod-security/admission.js';
import { MANAGED_CLUSTERS, ROLE_ASSIGNMENT_WRITE } from '../analysis/rbac/azure-actions.js';
import { azureContextFor, roleAssignmentInputs } from '../analysis/rbac/azure-context.js';
import { scopeCovers } from '../analysis/rbac/azure-scope.js';
import {
  CLUSTER_ADMIN,
  ESCALATION,
  POD_CREATE,
  POD_EXEC,
  SECRET_READ,
  WORKLOAD_CREATE,
  bindingCapability,
  describeProbe,
  roleCapability,
  userCapability,
} from '../analysis/rbac/capabilities.js';
import { bindingNamespace } from '../analysis/rbac/evaluate-k8s.js';
import { credentialGrants, grantsFor } from '../analysis/rbac/evaluate-azure.js';
import { analyzeRbac } from '../analysis/rbac/rbac-analysis.js';
import { isRoleBound, resolveRoleRef } from '../analysis/rbac/rbac-index.js';
import {
  describeBinding,
  describeEffectiveRule,
  describeRole,
  describeRule,
  describeSubject,
} from '../analysis/rbac/types.js';
import {
  ANONYMOUS,
  AUTHENTICATED,
  MASTERS,
  UNAUTHENTICATED,
  serviceAccountUsername,
  subjectServiceAccount,
  userInfo,
} from '../analysis/rbac/user-info.js';
import { tokenMount } from '../analysis/rbac/workload-identity.js';
import { indexNamespaces } from '../analysis/tenancy/namespace-index.js';
import type { AnalysisName, Analyses } from '../rules/kit/analyses.js';
import type { Timings } from './timings.js';
import { timed } from './timings.js';

/**
 * Each analysis from the model and, through `get`, the analyses it is built from. `timings`: the run's, for the
 * work an analysis defers to its first question (the landing digests).
 */
type Builders = {
  readonly [N in AnalysisName]: (
    model: ClusterModel,
    get: AnalysisRun['get'],
    timings: Timings | undefined,
  ) => Analyses[N];
};

const BUILDERS: Builders = {
  rbac: (model) => {
    const analysis = analyzeRbac(model);
    const { index } = analysis;
    return {
      ...analysis,
      probes: { CLUSTER_ADMIN, SECRET_READ, POD_CREATE, WORKLOAD_CREATE, POD_EXEC, ESCALATION },
      groups: { ANONYMOUS, AUTHENTICATED, UNAUTHENTICATED, MASTERS },
      bindingCapability: (binding, capability) => bindingCapability(analysis, binding, capability),
      userCapability: (user, namespace, capability) => userCapability(analysis, user, namespace, capability),
      resolveRoleRef: (binding) => resolveRoleRef(index, binding),
      isRoleBound: (role) => isRoleBound(index, role),
      roleCapability: (role, capability) => roleCapability(analysis, role, capability),
      tokenMount: (workload) => tokenMount(index, workload),
      bindingNamespace,
      subjectServiceAccount,
      serviceAccountUsername,
      userInfo,
      describeProbe,
      describeRole,
      describeBinding,
      describeSubject,
      describeRule,
      describeEffectiveRule,
    };
  },
  azureRbac: (model) => ({
    roleAssignments: roleAssignmentInputs(model).roleAssignments,
    contextFor: (cluster) => azureContextFor(model, cluster),
    credentialGrants,
    grantsFor,
    scopeCovers,
    actions: { MANAGED_CLUSTERS, ROLE_ASSIGNMENT_WRITE },
  }),
  reachability: (model) => {
    // Memoised per model: the DNS analysis shares it when the input has its own CoreDNS.
    const result = computeReachability(model);
    return {
      result,
      unnamedReach: (dst, isOther) => findUnnamedReach(result, dst, isOther),
      enforcementOf: clusterEnforcement,
      describePorts,
    };
  },
  dns: (model) => ({ ...analyzeDnsReachability(model), noPorts: NO_PORTS, unionPorts, hasPort }),
  attackGraph: (model, get, timings) => {
    const graph = buildAttackGraph(model, { rbac: get('rbac'), reachability: get('reachability').result });
    return {
      graph,
      exposedWorkloads: () => exposedWorkloads(graph),
      // Computed on a landing's first question and kept: the time of the rule that asks first, were it not timed.
      landingDigest: (start) =>
        timed(timings, 'analysis', 'landing digests', () => landingDigest(graph, start)),
      workloadId,
      noControl: NO_CONTROL,
    };
  },
  podSecurity: (model) => podSecurityAdmission(model),
  placement: () => ({ poolViews, canLand, isPinned, credentialMounts }),
  namespaceIndex: (model) => indexNamespaces(model.objects),
};

/** The analyses of one model, for one run. */
export interface AnalysisRun {
  /** The analysis, computed on first call. */
  readonly get: <N extends AnalysisName>(name: N) => Analyses[N];
  /** Exactly the analyses named, for a rule that declared them. */
  readonly pick: <N extends AnalysisName>(needs: readonly N[]) => Pick<Analyses, N>;
}

export function analysisRun(model: ClusterModel, timings?: Timings): AnalysisRun {
  const computed = new Map<AnalysisName, Analyses[AnalysisName]>();
  const run: AnalysisRun = {
    get<N extends AnalysisName>(name: N): Analyses[N] {
      let value = computed.get(name) as Analyses[N] | undefined;
      if (value === undefined) {
        value = timed(timings, 'analysis', name, () => BUILDERS[name](model, run.get, timings));
        computed.set(name, value);
      }
      return value;
    },
    pick<N extends AnalysisName>(needs: readonly N[]): Pick<Analyses, N> {
      return Object.freeze(Object.fromEntries(needs.map((name) => [name, run.get(name)]))) as Pick<
        Analyses,
        N
      >;
    },
  };
  return run;
}

/** Every analysis name, in declaration order. */
export const ANALYSIS_NAMES = Object.keys(BUILDERS) as AnalysisName[];
