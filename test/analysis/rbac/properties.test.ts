/** Invariants of the RBAC engine, checked with generated roles, bindings and requests (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateClusterRoles, ruleKey } from '../../../src/analysis/rbac/aggregate.js';
import {
  CLUSTER_ADMIN,
  ESCALATION,
  POD_CREATE,
  POD_EXEC,
  SECRET_READ,
  WORKLOAD_CREATE,
  allowedProbes,
  probeRequest,
} from '../../../src/analysis/rbac/capabilities.js';
import { analyzeRbac } from '../../../src/analysis/rbac/rbac-analysis.js';
import { bindingCovers, bindingNamespace } from '../../../src/analysis/rbac/evaluate-k8s.js';
import { ruleAllows } from '../../../src/analysis/rbac/match-rule.js';
import type { RbacIndex } from '../../../src/analysis/rbac/rbac-index.js';
import { resolveRoleRef } from '../../../src/analysis/rbac/rbac-index.js';
import type { PolicyRule, RbacRole, ResourceRequest, UserInfo } from '../../../src/analysis/rbac/types.js';
import { subjectAppliesTo, userInfo } from '../../../src/analysis/rbac/user-info.js';
import { selectorForLabels } from '../../../src/model/index.js';
import { clusterFrom } from '../../helpers/cluster-from.js';
import { kubeObject, modelOf } from './helpers.js';

const RBAC = 'rbac.authorization.k8s.io/v1';
const NAMESPACES = ['n1', 'n2'];

const ruleArb = fc.record({
  verbs: fc.subarray(['get', 'list', 'create', 'delete', '*'], { minLength: 1 }),
  apiGroups: fc.subarray(['', 'apps', '*'], { minLength: 1 }),
  resources: fc.subarray(['pods', 'pods/exec', 'secrets', 'deployments', '*', '*/scale'], { minLength: 1 }),
  resourceNames: fc.subarray(['a', 'b']),
  nonResourceURLs: fc.constant<string[]>([]),
});

const subjectArb = fc.oneof(
  fc.constantFrom('u1', 'u2').map((name) => ({ kind: 'User', name })),
  fc
    .constantFrom('g1', 'system:authenticated', 'system:serviceaccounts:n1')
    .map((name) => ({ kind: 'Group', name })),
  fc.record({
    kind: fc.constant('ServiceAccount'),
    name: fc.constantFrom('sa1', 'default'),
    namespace: fc.constantFrom('n1', 'n2', ''),
  }),
);

const roleArb = fc.record({
  cluster: fc.boolean(),
  name: fc.constantFrom('r1', 'r2', 'r3'),
  namespace: fc.constantFrom(...NAMESPACES),
  rules: fc.array(ruleArb, { maxLength: 3 }),
});

const bindingArb = fc.record({
  cluster: fc.boolean(),
  name: fc.constantFrom('b1', 'b2', 'b3', 'b4'),
  namespace: fc.constantFrom(...NAMESPACES),
  roleKind: fc.constantFrom('Role', 'ClusterRole'),
  roleName: fc.constantFrom('r1', 'r2', 'r3', 'view', 'edit'),
  subjects: fc.array(subjectArb, { minLength: 1, maxLength: 3 }),
});

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;
type RoleSpec = ValueOf<typeof roleArb>;
type BindingSpec = ValueOf<typeof bindingArb>;

function roleObject(spec: RoleSpec, index: number) {
  const metadata = spec.cluster ? { name: spec.name } : { name: spec.name, namespace: spec.namespace };
  return kubeObject(
    { apiVersion: RBAC, kind: spec.cluster ? 'ClusterRole' : 'Role', metadata, rules: spec.rules },
    'g.yaml',
    index,
  );
}

function bindingObject(spec: BindingSpec, index: number, prefix = '') {
  const metadata = spec.cluster
    ? { name: `${prefix}${spec.name}` }
    : { name: `${prefix}${spec.name}`, namespace: spec.namespace };
  return kubeObject(
    {
      apiVersion: RBAC,
      kind: spec.cluster ? 'ClusterRoleBinding' : 'RoleBinding',
      metadata,
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: spec.cluster ? 'ClusterRole' : spec.roleKind,
        name: spec.roleName,
      },
      subjects: spec.subjects,
    },
    'g.yaml',
    index,
  );
}

const requestArb: fc.Arbitrary<ResourceRequest> = fc.record({
  kind: fc.constant('resource' as const),
  verb: fc.constantFrom('get', 'list', 'create', 'delete', 'update'),
  apiGroup: fc.constantFrom('', 'apps'),
  resource: fc.constantFrom('pods', 'secrets', 'deployments'),
  subresource: fc.constantFrom('', 'exec', 'scale'),
  name: fc.constantFrom('', 'a'),
  namespace: fc.constantFrom('', 'n1', 'n2'),
});

const userArb = fc.oneof(
  fc.constantFrom('u1', 'u2', 'u3').map((name) => userInfo(name, ['g1'])),
  fc
    .constantFrom('system:serviceaccount:n1:sa1', 'system:serviceaccount:n2:default')
    .map((name) => userInfo(name)),
);

describe('RBAC engine invariants', () => {
  it('an extra binding never removes a permission', () => {
    fc.assert(
      fc.property(
        fc.array(roleArb, { maxLength: 4 }),
        fc.array(bindingArb, { maxLength: 4 }),
        bindingArb,
        userArb,
        requestArb,
        (roles, bindings, extra, user, request) => {
          const objects = [...roles.map(roleObject), ...bindings.map((b, i) => bindingObject(b, i + 10))];
          const before = analyzeRbac(modelOf({ objects })).canI(user, request).verdict;
          const after = analyzeRbac(
            modelOf({ objects: [...objects, bindingObject(extra, 99, 'extra-')] }),
          ).canI(user, request).verdict;
          if (before === 'allowed') expect(after).toBe('allowed');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('decides each (user, request) as the authorizer does binding by binding, however many were asked before', () => {
    // Users bound alike share decisions (service accounts of one namespace); masters and plain users too.
    const users = [
      userInfo('u1', ['g1']),
      userInfo('u2', ['g1']),
      userInfo('u3', ['system:masters']),
      ...['sa1', 'sa2', 'default'].flatMap((sa) =>
        NAMESPACES.map((ns) => userInfo(`system:serviceaccount:${ns}:${sa}`)),
      ),
    ];
    /** The reference: every binding in order, its first subject that applies, its role's rules. */
    const reference = (index: RbacIndex, user: UserInfo, request: ResourceRequest): string[] => {
      const out: string[] = [];
      for (const binding of index.bindings) {
        const subject = binding.subjects.find((s) => subjectAppliesTo(s, user, bindingNamespace(binding)));
        if (!subject || !bindingCovers(binding, request)) continue;
        const resolution = resolveRoleRef(index, binding);
        if (!resolution.ok) {
          if (resolution.unresolved)
            out.push(`? ${binding.name} ${String(subject.index)} ${resolution.reason}`);
          continue;
        }
        for (const { rule, index: i } of resolution.rules)
          if (ruleAllows(rule, request))
            out.push(`+ ${binding.name} ${String(subject.index)} ${resolution.role.name} ${String(i)}`);
      }
      return out;
    };
    fc.assert(
      fc.property(
        fc.array(roleArb, { maxLength: 4 }),
        fc.array(bindingArb, { maxLength: 5 }),
        fc.array(requestArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(users.length - 1), fc.nat(5), fc.boolean()), {
          minLength: 1,
          maxLength: 40,
        }),
        (roles, bindings, requests, questions) => {
          const objects = [...roles.map(roleObject), ...bindings.map((b, i) => bindingObject(b, i + 10))];
          const analysis = analyzeRbac(modelOf({ objects }));
          // The same request objects asked again and again (as the probes are), or equal copies.
          for (const [u, r, copy] of questions) {
            const user = users[u] ?? userInfo('nobody');
            const request = requests[r % requests.length] as ResourceRequest;
            const { kubernetes } = analysis.canI(user, copy ? { ...request } : request);
            const got = [
              ...kubernetes.unresolved.map(
                (x) => `? ${x.binding.name} ${String(x.subject.index)} ${x.reason}`,
              ),
              ...kubernetes.grants.map(
                (g) =>
                  `+ ${g.binding.name} ${String(g.subject.index)} ${g.role.name} ${String(g.rule.index)}`,
              ),
            ];
            const expected = reference(analysis.index, user, request);
            expect(got.sort()).toEqual(expected.sort());
            expect(analysis.allows(user, request)).toBe(analysis.canI(user, request).verdict === 'allowed');
            expect(kubernetes.superuser).toBe(user.groups.includes('system:masters'));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('allowedProbes answers as canI probe by probe, shared by users decided alike whatever the order of asking', () => {
    // Service accounts bound alike share an answer; masters, plain users and RBAC off are asked afresh.
    const users = [
      userInfo('u1', ['g1']),
      userInfo('u3', ['system:masters']),
      userInfo('system:serviceaccount:n1:sa3', ['system:masters']),
      userInfo('system:node:n1', ['system:nodes']),
      ...['sa1', 'sa2', 'default'].flatMap((sa) =>
        NAMESPACES.map((ns) => userInfo(`system:serviceaccount:${ns}:${sa}`)),
      ),
    ];
    const capabilities = [CLUSTER_ADMIN, SECRET_READ, POD_CREATE, WORKLOAD_CREATE, POD_EXEC, ESCALATION];
    fc.assert(
      fc.property(
        fc.array(roleArb, { maxLength: 4 }),
        fc.array(bindingArb, { maxLength: 5 }),
        fc.constantFrom<boolean | undefined>(true, false, undefined),
        fc.array(
          fc.tuple(
            fc.nat(users.length - 1),
            fc.constantFrom('', ...NAMESPACES),
            fc.nat(capabilities.length - 1),
          ),
          { minLength: 1, maxLength: 40 },
        ),
        (roles, bindings, enableRbac, questions) => {
          const objects = [...roles.map(roleObject), ...bindings.map((b, i) => bindingObject(b, i + 10))];
          const clusters = enableRbac === undefined ? [] : [clusterFrom({ enableRBAC: enableRbac })];
          const analysis = analyzeRbac(modelOf({ objects, clusters }));
          for (const [u, namespace, c] of questions) {
            const user = users[u] ?? userInfo('nobody');
            const capability = capabilities[c] ?? CLUSTER_ADMIN;
            const expected = capability.probes.filter(
              (probe) => analysis.canI(user, probeRequest(probe, namespace)).verdict === 'allowed',
            );
            expect(allowedProbes(analysis, user, namespace, capability)).toEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ClusterRole aggregation does not depend on the order of the roles', () => {
    const labelsArb = fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.constant('true'), { maxKeys: 2 });
    const aggregatedArb = fc.record({
      rules: fc.array(ruleArb, { maxLength: 2 }),
      labels: labelsArb,
      selects: fc.option(fc.subarray(['a', 'b', 'c'], { minLength: 1 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(aggregatedArb, { minLength: 1, maxLength: 6 }), fc.nat(), (specs, seed) => {
        const roles: RbacRole[] = specs.map((spec, i) => ({
          kind: 'ClusterRole',
          name: `role-${i}`,
          labels: spec.labels,
          rules: spec.rules,
          isDefault: false,
          ...(spec.selects
            ? {
                aggregationSelectors: spec.selects.map((key) => selectorForLabels({ [key]: 'true' })),
              }
            : {}),
        }));
        const shuffled =
          fc.sample(fc.shuffledSubarray(roles, { minLength: roles.length, maxLength: roles.length }), {
            seed,
            numRuns: 1,
          })[0] ?? roles;
        const keys = (map: Map<string, readonly { rule: PolicyRule }[]>) =>
          Object.fromEntries(
            [...map].map(([name, rules]) => [name, rules.map((r) => ruleKey(r.rule)).sort()]),
          );
        expect(keys(aggregateClusterRoles(shuffled))).toEqual(keys(aggregateClusterRoles(roles)));
      }),
      { numRuns: 300 },
    );
  });

  it('a ClusterRole aggregated into another never holds rules its sources lack', () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 3 }), (rules) => {
        const source: RbacRole = {
          kind: 'ClusterRole',
          name: 'src',
          labels: { x: 'true' },
          rules,
          isDefault: false,
        };
        const sink: RbacRole = {
          kind: 'ClusterRole',
          name: 'sink',
          labels: {},
          rules: [],
          isDefault: false,
          aggregationSelectors: [selectorForLabels({ x: 'true' })],
        };
        const result = aggregateClusterRoles([sink, source]);
        const unique = new Set(rules.map((r) => ruleKey(r)));
        expect((result.get('sink') ?? []).map((r) => ruleKey(r.rule)).sort()).toEqual([...unique].sort());
      }),
    );
  });
});
