/** Narrowing the unhardened example's deployer grant, with and without its audit log, and the engine's proof. */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClusterModel } from '../../../src/model/index.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import type { AuditLog } from '../../../src/load/audit-log/index.js';
import { readAuditLog } from '../../../src/load/audit-log/index.js';
import type { RbacNarrowing, RemoveStep } from '../../../src/fix/rbac/index.js';
import { planRbacNarrowing } from '../../../src/fix/rbac/index.js';
import { proveNarrowing } from '../../../src/fix/rbac/prove-narrowing.js';
import { rbacAnalysisOf } from '../../../src/analysis/rbac/rbac-analysis.js';
import { findBroadGrants } from '../../../src/fix/rbac/broad-grants.js';
import { auditedUsage } from '../../../src/fix/rbac/audit-evidence.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let model: ClusterModel;
let audit: AuditLog;
let withLog: RbacNarrowing;
let withoutLog: RbacNarrowing;

beforeAll(async () => {
  model = (await loadInputs(['examples/unhardened'], { cwd: ROOT, kubectl: false })).model;
  audit = await readAuditLog(['examples/evidence/unhardened/kube-audit.jsonl'], { cwd: ROOT });
  withLog = planRbacNarrowing(model, { audit });
  withoutLog = planRbacNarrowing(model);
});

const rule = (apiGroups: string[], resources: string[], verbs: string[], resourceNames: string[] = []) => ({
  apiGroups,
  resources,
  verbs,
  resourceNames,
  nonResourceURLs: [],
});

describe('with the audit log', () => {
  it('finds the broad grant: the default service account bound to Role/shop/deployer', () => {
    expect(
      withLog.subjects.map((s) => [
        s.subject.display,
        s.evidence,
        s.broadBindings.map((b) => [b.binding.display, b.ruleIds]),
      ]),
    ).toEqual([
      [
        'ServiceAccount shop/default',
        'audit-log',
        [
          [
            'RoleBinding/shop/default-deployer',
            ['no-secret-read', 'no-pod-exec-or-create', 'no-wildcard-rules'],
          ],
        ],
      ],
    ]);
  });

  it('writes exactly the rules the pipeline used: no secrets, no exec, no create of workloads', () => {
    expect(withLog.subjects[0]?.rules).toEqual([
      {
        namespace: 'shop',
        rules: [
          rule([''], ['configmaps'], ['create']),
          rule([''], ['configmaps'], ['get'], ['web-config']),
          rule([''], ['pods'], ['get', 'list']),
          rule([''], ['services'], ['get'], ['api', 'db', 'web']),
          rule(['apps'], ['deployments'], ['get', 'list', 'watch']),
          rule(['apps'], ['deployments'], ['patch'], ['api', 'web']),
          rule(['apps'], ['statefulsets'], ['get'], ['db']),
        ],
      },
    ]);
  });

  it('orders the steps: the narrow grant first, the removal after and depending on it', () => {
    expect(withLog.steps.map((s) => [s.kind, s.id, s.dependsOn, s.needsUserInput])).toEqual([
      ['grant-narrow', 'rbac-narrow:shop-default', [], undefined],
      [
        'remove-broad',
        'rbac-remove:RoleBinding/shop/default-deployer',
        ['rbac-narrow:shop-default'],
        undefined,
      ],
    ]);
    const [grant, removal] = withLog.steps;
    expect(grant?.kind === 'grant-narrow' && grant.files.map((f) => f.path)).toEqual([
      'rbac/shop/shop-default-narrow.yaml',
    ]);
    expect(grant?.kind === 'grant-narrow' && grant.files[0]?.text.split('\n').slice(0, 2)).toEqual([
      '# Narrow RBAC for ServiceAccount shop/default, written by aksward fix: review before applying.',
      '# Evidence: from 71 audit events, 2026-11-02T09:13:03.122000Z to 2026-11-09T11:40:18.524000Z (examples/evidence/unhardened/kube-audit.jsonl).',
    ]);
    const remove = removal as RemoveStep;
    expect(remove.changes.map((c) => [c.action, c.binding.display, c.binding.file, c.binding.line])).toEqual([
      ['delete', 'RoleBinding/shop/default-deployer', 'examples/unhardened/manifests/rbac.yaml', 16],
    ]);
    expect(remove.deleteRoles.map((r) => r.display)).toEqual(['Role/shop/deployer']);
    expect(remove.blockedBy).toEqual([]);
    expect(remove.breaksIfEarly).toHaveLength(12);
    expect(remove.breaksIfEarly[1]).toBe(
      'ServiceAccount shop/default loses patch deployments.apps named web in namespace shop (3 audited)',
    );
  });

  it('closes the rules of the broad grant, the workloads running as the account included', () => {
    const removal = withLog.steps[1];
    expect(removal?.closes.map((c) => `${c.ruleId} ${c.object} ${c.status}`)).toEqual([
      'no-secret-read RoleBinding/shop/default-deployer closed',
      'no-pod-exec-or-create RoleBinding/shop/default-deployer closed',
      'no-wildcard-rules Role/shop/deployer closed',
      'no-overprivileged-workload Deployment/shop/api closed',
      'no-overprivileged-workload StatefulSet/shop/db closed',
      'no-overprivileged-workload Deployment/shop/web closed',
    ]);
    expect(withLog.steps[0]?.closes.map((c) => `${c.ruleId} ${c.object} ${c.status}`)).toEqual([
      'no-default-service-account RoleBinding/shop/default-narrow open',
    ]);
    expect(withLog.subjects[0]?.suggestions[0]).toMatch(
      /give that client \(a pipeline\) its own service account/,
    );
  });

  it('proves it: every audited request still allowed, the removed rights answer no', () => {
    const { proof } = withLog;
    expect(proof.holds).toBe(true);
    expect(proof.lost).toEqual([]);
    expect([proof.preserved, proof.notModeled]).toEqual([17, 4]);
    expect(proof.removedRights.map((c) => `${c.command} -> ${c.expected}`)).toEqual([
      'kubectl auth can-i get secrets -n shop --as system:serviceaccount:shop:default -> no',
      'kubectl auth can-i list secrets -n shop --as system:serviceaccount:shop:default -> no',
      'kubectl auth can-i watch secrets -n shop --as system:serviceaccount:shop:default -> no',
      'kubectl auth can-i create pods -n shop --as system:serviceaccount:shop:default -> no',
      'kubectl auth can-i create deployments.apps -n shop --as system:serviceaccount:shop:default -> no',
      'kubectl auth can-i create statefulsets.apps -n shop --as system:serviceaccount:shop:default -> no',
      'kubectl auth can-i create pods/exec -n shop --as system:serviceaccount:shop:default -> no',
      'kubectl auth can-i get pods/exec -n shop --as system:serviceaccount:shop:default -> no',
    ]);
    expect(proof.removedRights.every((c) => c.verdict === 'denied')).toBe(true);
    expect(proof.keptRights.map((c) => c.command)).toContain(
      'kubectl auth can-i patch deployments.apps api -n shop --as system:serviceaccount:shop:default',
    );
    expect(proof.keptRights.every((c) => c.holds && c.expected === 'yes')).toBe(true);
  });

  it('reports the forbidden request and the identities the inputs do not know', () => {
    expect(withLog.forbidden).toEqual([
      {
        subject: 'system:serviceaccount:shop:default',
        request: 'get namespaces named shop in namespace shop',
        count: 1,
        at: { file: 'examples/evidence/unhardened/kube-audit.jsonl', line: 12 },
      },
    ]);
    // Controllers of kube-system: their bindings are AKS's own, expected missing (info, not a warning).
    expect(
      withLog.diagnostics.map((d) => [d.code, d.level, d.line, d.events, d.message.split(' ')[0]]),
    ).toEqual([
      ['unknown-subject', 'info', 4, 6, 'system:serviceaccount:kube-system:deployment-controller'],
      ['unknown-subject', 'info', 6, 3, 'system:serviceaccount:kube-system:replicaset-controller'],
      ['unknown-subject', 'info', 9, 3, 'system:serviceaccount:kube-system:coredns'],
    ]);
  });

  it('the proof fails when step 2 runs without step 1: it lists exactly what would break and blocks the removal', () => {
    const analysis = rbacAnalysisOf(model);
    const removals = withLog.steps.filter((s): s is RemoveStep => s.kind === 'remove-broad');
    const proved = proveNarrowing({
      model,
      analysis,
      broad: findBroadGrants(analysis),
      subjects: withLog.subjects,
      grants: [],
      removals,
      usage: auditedUsage(audit),
    });
    expect(proved.proof.holds).toBe(false);
    expect(proved.proof.lost.map((l) => `${l.subject} loses ${l.request} (${l.count} audited)`)).toEqual(
      removals[0]?.breaksIfEarly.map((b) =>
        b.replace('ServiceAccount shop/default', 'system:serviceaccount:shop:default'),
      ),
    );
    expect(proved.removals[0]?.blockedBy).toHaveLength(12);
  });
});

describe('without an audit log', () => {
  it('narrows by the manifests, says so, and asks the user before removing a grant that writes', () => {
    const [subject] = withoutLog.subjects;
    expect(subject?.evidence).toBe('manifests');
    expect(subject?.rules).toEqual([]);
    expect(subject?.needsUserInput).toMatch(
      /its broad role writes objects, which none of its workloads .* needs .*rerun with --audit-log/,
    );
    expect(subject?.suggestions).toEqual([
      'set automountServiceAccountToken: false on Deployment/shop/api: its pod spec shows no use of the Kubernetes API',
      'set automountServiceAccountToken: false on StatefulSet/shop/db: its pod spec shows no use of the Kubernetes API',
      'set automountServiceAccountToken: false on Deployment/shop/web: its pod spec shows no use of the Kubernetes API',
    ]);
    expect(withoutLog.steps.map((s) => [s.id, s.needsUserInput !== undefined])).toEqual([
      ['rbac-narrow:shop-default', false],
      ['rbac-remove:RoleBinding/shop/default-deployer:pending', true],
    ]);
    expect(withoutLog.steps[0]?.kind === 'grant-narrow' && withoutLog.steps[0].files).toEqual([]);
    expect(withoutLog.proof.holds).toBe(true);
    expect(withoutLog.evidence).toBeUndefined();
  });
});
