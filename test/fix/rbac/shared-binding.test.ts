/**
 * A cluster-admin binding shared by a CI service account, a person and the on-call group, and a
 * Prometheus role that reads secrets: per-namespace Roles, a ClusterRole only for cluster-scope use,
 * subjects edited out of the shared binding, impersonation, and the generated YAML checked by kubectl
 * and rescanned by aksward's own loader and rules.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/engine/run-audit.js';
import type { ClusterModel } from '../../../src/model/index.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { readAuditLog } from '../../../src/load/audit-log/index.js';
import type { GeneratedFile, GrantStep, RbacNarrowing, RemoveStep } from '../../../src/fix/rbac/index.js';
import { objectsAfter, planRbacNarrowing } from '../../../src/fix/rbac/index.js';
import { rules as k8sRbacRules } from '../../../src/rules/k8s-rbac/index.js';
import { startFakeDiscovery } from '../../helpers/fake-discovery.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE = 'test/fixtures/fix/rbac/shared-admin';
const KUBECTL = '/usr/bin/kubectl';
let model: ClusterModel;
let narrowing: RbacNarrowing;
let unhardened: RbacNarrowing;
let unhardenedModel: ClusterModel;

beforeAll(async () => {
  model = (await loadInputs([`${FIXTURE}/manifests.yaml`], { cwd: ROOT, kubectl: false })).model;
  const audit = await readAuditLog([`${FIXTURE}/kube-audit.jsonl`], { cwd: ROOT });
  narrowing = planRbacNarrowing(model, { audit });
  unhardenedModel = (await loadInputs(['examples/unhardened'], { cwd: ROOT, kubectl: false })).model;
  unhardened = planRbacNarrowing(unhardenedModel, {
    audit: await readAuditLog(['examples/evidence/unhardened/kube-audit.jsonl'], { cwd: ROOT }),
  });
});

const grants = (n: RbacNarrowing) => n.steps.filter((s): s is GrantStep => s.kind === 'grant-narrow');
const removals = (n: RbacNarrowing) => n.steps.filter((s): s is RemoveStep => s.kind === 'remove-broad');
const files = (n: RbacNarrowing): GeneratedFile[] => [
  ...grants(n).flatMap((s) => s.files),
  ...removals(n).flatMap((s) => s.changes.flatMap((c) => (c.edited ? [c.edited] : []))),
];

describe('a shared cluster-admin binding', () => {
  it('gives a Role per namespace used, and a ClusterRole only for cluster-scope use', () => {
    expect(grants(narrowing).map((s) => [s.id, s.files.map((f) => f.path)])).toEqual([
      [
        'rbac-narrow:ci-deployer',
        ['rbac/payments/ci-deployer-narrow.yaml', 'rbac/shop/ci-deployer-narrow.yaml'],
      ],
      ['rbac-narrow:group-platform-oncall', ['rbac/shop/group-platform-oncall-narrow.yaml']],
      ['rbac-narrow:monitoring-prometheus', ['rbac/cluster/monitoring-prometheus-narrow.yaml']],
    ]);
    const deployer = narrowing.subjects.find((s) => s.subject.slug === 'ci-deployer');
    // A namespace's own GET carries the namespace: a RoleBinding there grants it (RequestInfo semantics).
    expect(deployer?.rules.find((r) => r.namespace === 'shop')?.rules).toEqual([
      {
        apiGroups: [''],
        resources: ['namespaces'],
        verbs: ['get'],
        resourceNames: ['shop'],
        nonResourceURLs: [],
      },
      { apiGroups: [''], resources: ['secrets'], verbs: ['create'], resourceNames: [], nonResourceURLs: [] },
      {
        apiGroups: ['apps'],
        resources: ['deployments'],
        verbs: ['get', 'patch'],
        resourceNames: ['api', 'web'],
        nonResourceURLs: [],
      },
    ]);
    const prometheus = narrowing.subjects.find((s) => s.subject.slug === 'monitoring-prometheus');
    expect(prometheus?.rules).toEqual([
      {
        namespace: '',
        rules: [
          {
            apiGroups: [''],
            resources: ['nodes/metrics'],
            verbs: ['get'],
            resourceNames: ['aks-system-1'],
            nonResourceURLs: [],
          },
          {
            apiGroups: [''],
            resources: ['pods'],
            verbs: ['get', 'list', 'watch'],
            resourceNames: [],
            nonResourceURLs: [],
          },
          { apiGroups: [], resources: [], verbs: ['get'], resourceNames: [], nonResourceURLs: ['/metrics'] },
        ],
      },
    ]);
  });

  it('grants the impersonation the on-call group used (named, so no-escalation-verbs does not fire), and says the exec it kept is still open', () => {
    const oncall = grants(narrowing).find((s) => s.subject.kind === 'Group');
    expect(oncall?.files[0]?.objects[0]?.['rules']).toEqual([
      { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
      { apiGroups: [''], resources: ['pods/log'], resourceNames: ['web-1'], verbs: ['get'] },
      { apiGroups: [''], resources: ['serviceaccounts'], resourceNames: ['web'], verbs: ['impersonate'] },
    ]);
    expect(oncall?.closes.map((c) => `${c.ruleId} ${c.object} ${c.status}`)).toEqual([
      'no-pod-exec-or-create RoleBinding/shop/group-platform-oncall-narrow open',
    ]);
  });

  it('edits the shared binding first, and leaves the unseen person for the user to confirm', () => {
    expect(
      removals(narrowing).map((s) => [
        s.id,
        s.changes[0]?.action,
        s.changes[0]?.removeSubjects,
        s.dependsOn,
        s.needsUserInput !== undefined,
      ]),
    ).toEqual([
      [
        'rbac-remove:ClusterRoleBinding/ci-admin',
        'edit-subjects',
        ['ServiceAccount ci/deployer', 'Group platform-oncall'],
        ['rbac-narrow:ci-deployer', 'rbac-narrow:group-platform-oncall'],
        false,
      ],
      [
        'rbac-remove:ClusterRoleBinding/ci-admin:pending',
        'delete',
        ['User alice@contoso.com'],
        ['rbac-remove:ClusterRoleBinding/ci-admin'],
        true,
      ],
      [
        'rbac-remove:ClusterRoleBinding/prometheus',
        'delete',
        ['ServiceAccount monitoring/prometheus'],
        ['rbac-narrow:monitoring-prometheus'],
        false,
      ],
    ]);
    const edited = removals(narrowing)[0]?.changes[0]?.edited;
    expect(edited?.objects[0]?.['subjects']).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice@contoso.com' },
    ]);
    expect(removals(narrowing)[1]?.needsUserInput).toMatch(/alice@contoso.com made no request/);
  });

  it('proves it: every audited request survives, and cluster-admin is gone for the narrowed subjects', () => {
    expect(narrowing.proof.holds).toBe(true);
    expect(narrowing.proof.lost).toEqual([]);
    const commands = narrowing.proof.removedRights.map((c) => `${c.command} -> ${c.expected}`);
    expect(commands).toContain("kubectl auth can-i '*' '*' -A --as system:serviceaccount:ci:deployer -> no");
    expect(commands).toContain(
      "kubectl auth can-i '*' '*' -A --as aksward-check --as-group platform-oncall -> no",
    );
    expect(commands).toContain(
      'kubectl auth can-i list secrets -A --as system:serviceaccount:monitoring:prometheus -> no',
    );
    expect(narrowing.forbidden.map((f) => `${f.subject}: ${f.request}`)).toEqual([
      'carol@contoso.com: list secrets in namespace payments',
    ]);
  });

  it('without an audit log: the known Prometheus image is narrowed, the others need the user', () => {
    const plain = planRbacNarrowing(model);
    expect(
      plain.subjects.map((s) => [s.subject.display, s.evidence, s.needsUserInput !== undefined]),
    ).toEqual([
      ['ServiceAccount ci/deployer', 'none', true],
      ['User alice@contoso.com', 'none', true],
      ['Group platform-oncall', 'none', true],
      ['ServiceAccount monitoring/prometheus', 'manifests', false],
    ]);
    const rules = plain.subjects[3]?.rules[0]?.rules ?? [];
    expect(rules.some((r) => r.resources.includes('secrets'))).toBe(false);
    expect(rules[0]?.resources).toEqual(['endpoints', 'nodes', 'pods', 'services']);
    expect(plain.proof.holds).toBe(true);
  });
});

describe('the generated manifests', () => {
  it.skipIf(!existsSync(KUBECTL))(
    'pass kubectl apply --dry-run=client (offline, discovery from a loopback stub)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'aksward-fix-rbac-'));
      const all = [...files(narrowing), ...files(unhardened)];
      expect(all.length).toBeGreaterThan(5);
      const fake = await startFakeDiscovery();
      try {
        for (const [i, file] of all.entries()) {
          const path = join(dir, String(i), file.path);
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, file.text);
          const { stdout } = await promisify(execFile)(
            KUBECTL,
            ['apply', '--dry-run=client', '--validate=false', '-f', path],
            {
              env: { ...process.env, KUBECONFIG: fake.kubeconfig },
            },
          );
          expect(stdout).toMatch(/\(dry run\)/);
        }
        // The check can fail: a manifest kubectl cannot map is refused.
        const broken = join(dir, 'broken.yaml');
        writeFileSync(broken, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Rolez\nmetadata: {name: x}\n');
        await expect(
          promisify(execFile)(KUBECTL, ['apply', '--dry-run=client', '--validate=false', '-f', broken], {
            env: { ...process.env, KUBECONFIG: fake.kubeconfig },
          }),
        ).rejects.toThrow();
      } finally {
        await fake.close();
      }
    },
  );

  it('loaded back through the loader, scan clean of the k8s-rbac rules except the rights kept because used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aksward-fix-rbac-scan-'));
    for (const file of grants(unhardened).flatMap((s) => s.files)) {
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeFileSync(join(dir, file.path), file.text);
    }
    const loaded = await loadInputs([dir], { cwd: dir, kubectl: false });
    expect(loaded.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    const failing = runAudit(loaded.model, { rules: k8sRbacRules, today: '2026-11-23' })
      .findings.filter((f) => f.status === 'fail')
      .map((f) => `${f.ruleId} ${f.subject.display}`);
    // Only what the result itself lists as still open: the pipeline still runs as the default service account.
    expect(failing).toEqual(['no-default-service-account RoleBinding/shop/default-narrow']);
    expect(
      grants(unhardened)
        .flatMap((s) => s.closes)
        .map((c) => `${c.ruleId} ${c.object} ${c.status}`),
    ).toEqual(['no-default-service-account RoleBinding/shop/default-narrow open']);

    const openGrants = grants(narrowing).flatMap((s) =>
      s.closes.filter((c) => c.status === 'open').map((c) => `${c.ruleId} ${c.object}`),
    );
    const otherDir = mkdtempSync(join(tmpdir(), 'aksward-fix-rbac-scan-'));
    for (const file of grants(narrowing).flatMap((s) => s.files)) {
      mkdirSync(dirname(join(otherDir, file.path)), { recursive: true });
      writeFileSync(join(otherDir, file.path), file.text);
    }
    const other = await loadInputs([otherDir], { cwd: otherDir, kubectl: false });
    const found = runAudit(other.model, { rules: k8sRbacRules, today: '2026-11-23' })
      .findings.filter((f) => f.status === 'fail')
      .map((f) => `${f.ruleId} ${f.subject.display}`);
    expect(found.sort()).toEqual(openGrants.sort());
  });

  it('the model after the confirmed steps no longer trips the rules the steps close', () => {
    const after = objectsAfter(unhardenedModel, grants(unhardened), removals(unhardened));
    const findings = runAudit(
      { ...unhardenedModel, objects: after },
      { rules: k8sRbacRules, today: '2026-11-23' },
    ).findings;
    const failing = findings
      .filter((f) => f.status === 'fail')
      .map((f) => `${f.ruleId} ${f.subject.display}`);
    for (const closed of removals(unhardened)
      .flatMap((s) => s.closes)
      .filter((c) => c.status === 'closed')) {
      expect(failing).not.toContain(`${closed.ruleId} ${closed.object}`);
    }
    expect(
      failing.filter((f) =>
        /no-(secret-read|wildcard-rules|pod-exec-or-create|overprivileged-workload)/.test(f),
      ),
    ).toEqual([]);
  });
});
