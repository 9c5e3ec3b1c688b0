/**
 * `aksward fix` end to end on the unhardened example with its flow and audit evidence: the plan's order,
 * the hardened copy scanned, the Terraform diffs applied by git, the manifests accepted by kubectl,
 * re-running on the result, and bad evidence.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixPlan } from '../../src/fix/plan/types.js';
import { PLAN_PHASES } from '../../src/fix/plan/types.js';
import { deploymentYaml } from '../helpers/deployment-yaml.js';
import { startFakeDiscovery } from '../helpers/fake-discovery.js';
import { cli } from './run.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FLOWS = 'examples/evidence/unhardened/hubble-flows.jsonl';
const AUDIT = 'examples/evidence/unhardened/kube-audit.jsonl';
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
const hasGit = spawnSync('git', ['--version'], { stdio: 'ignore' }).status === 0;

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('aksward fix on examples/unhardened with flows and an audit log', () => {
  let out = '';
  let plan: FixPlan;
  let run: Awaited<ReturnType<typeof cli>>;

  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'aksward-fix-'));
    run = await cli(['fix', 'examples/unhardened', '-o', out, '--flows', FLOWS, '--audit-log', AUDIT], {
      cwd: ROOT,
    });
    plan = JSON.parse(readFileSync(path.join(out, 'plan.json'), 'utf8')) as FixPlan;
  }, 120_000);

  it('writes plan.md, plan.json, the artifacts and after/, and exits 0', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^aksward fix: \d+ steps and \d+ decisions/);
    expect(existsSync(path.join(out, 'plan.md'))).toBe(true);
    expect(plan.schemaVersion).toBe('1.1');
    for (const step of plan.steps)
      for (const artifact of step.artifacts)
        expect(existsSync(path.join(out, artifact)), artifact).toBe(true);
  });

  it('says a change waits for the user’s value without also saying azurerm cannot express it', () => {
    const text = readFileSync(path.join(out, 'plan.md'), 'utf8');
    const defender = text.split('\n').filter((line) => line.includes('microsoft_defender block needs your'));
    expect(defender.length).toBeGreaterThan(0);
    for (const line of defender) expect(line).not.toContain('azurerm has no attribute');
  });

  it('orders the steps as the guidance does: creation decisions first, allow before deny, narrow before removal, warn before deny', () => {
    const phases = plan.steps.map((s) => PLAN_PHASES.indexOf(s.phase));
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    expect(plan.steps[0]?.phase).toBe('creation');
    const at = (id: string) => plan.steps.findIndex((s) => s.id === id);
    expect(at('network-allow:shop')).toBeGreaterThan(-1);
    expect(at('network-allow:shop')).toBeLessThan(at('network-default-deny:shop'));
    expect(at('rbac-narrow:shop-default')).toBeLessThan(at('rbac-remove:RoleBinding/shop/default-deployer'));
    expect(at('admission-warn')).toBeLessThan(at('workloads-harden'));
    expect(at('workloads-harden')).toBeLessThan(at('admission-deny'));
    expect(at('cluster:require-entra-integration')).toBeLessThan(at('cluster:no-local-accounts'));
    // Each step names what depends on what, and every dependency comes first.
    for (const step of plan.steps)
      for (const dep of step.dependsOn) {
        const before = plan.steps.find((s) => s.id === dep);
        if (before) expect(before.number, `${step.id} after ${dep}`).toBeLessThan(step.number);
      }
  });

  it('proves the evidence survives: every flow and audited request kept, DNS allowed, removed rights denied', () => {
    expect(plan.proof.network).toMatchObject({ severed: 0, dnsAllowed: true });
    expect(plan.proof.network?.flowsChecked).toBeGreaterThan(0);
    expect(plan.proof.rbac).toMatchObject({ requestsLost: 0, rightsRemovedHold: true });
    expect(plan.proof.rbac?.requestsPreserved).toBeGreaterThan(0);
  });

  it('leaves no critical or high finding in after/ without a migration, a rebuild or a decision that explains it', async () => {
    const rescan = await cli(['scan', path.join(out, 'after'), '-f', 'json', '--fail-on', 'none'], {
      cwd: ROOT,
    });
    const report = JSON.parse(rescan.stdout) as {
      findings: { ruleId: string; severity: string; status: string; subject: { display: string } }[];
    };
    const open = report.findings.filter(
      (f) => f.status === 'fail' && (f.severity === 'critical' || f.severity === 'high'),
    );
    expect(open.length).toBeLessThan((plan.proof.before.critical ?? 0) + (plan.proof.before.high ?? 0));
    for (const finding of open) {
      const remaining = plan.proof.remaining.find(
        (r) => r.ruleId === finding.ruleId && r.subject === finding.subject.display,
      );
      expect(remaining?.reason, `${finding.ruleId} ${finding.subject.display}`).toMatch(
        /needs your input|no automatic fix|\((migrate|rebuild)\)/,
      );
    }
    expect((plan.proof.after.critical ?? 0) + (plan.proof.after.high ?? 0)).toBe(open.length);
  });

  it.skipIf(!hasGit)(
    'Terraform diffs apply with git apply, in step order, and give the hardened main.tf',
    () => {
      const repo = mkdtempSync(path.join(tmpdir(), 'aksward-fix-git-'));
      cpSync(path.join(ROOT, 'examples'), path.join(repo, 'examples'), { recursive: true });
      const tf = plan.steps.flatMap((s) => s.artifacts.filter((a) => a.endsWith('main-tf.diff')));
      expect(tf.length).toBeGreaterThan(5);
      // `git apply` throws (and the test fails) on a patch that does not apply.
      for (const diff of tf) execFileSync('git', ['apply', path.join(out, diff)], { cwd: repo });
      const applied = readFileSync(path.join(repo, 'examples/unhardened/main.tf'), 'utf8');
      expect(applied).toBe(readFileSync(path.join(out, 'after/examples/unhardened/main.tf'), 'utf8'));
      // The original comments survive.
      expect(applied).toContain('# The unhardened cluster of the worked example');
    },
  );

  it.skipIf(!hasGit)(
    'the manifest edits replay: the hand edits (lines that hold a secret) then git apply, step by step, give after/',
    () => {
      const repo = mkdtempSync(path.join(tmpdir(), 'aksward-fix-replay-'));
      cpSync(path.join(ROOT, 'examples'), path.join(repo, 'examples'), { recursive: true });
      let handEdits = 0;
      for (const step of plan.steps) {
        // A step's hand edits address the lines as they are before it: bottom-up keeps them valid.
        const manual = step.apply
          .filter((a) => a.startsWith('by hand, before the diffs: '))
          .map((a) => a.slice('by hand, before the diffs: '.length))
          .reverse();
        for (const edit of manual) {
          const m = /^(\S+) (?:line (\d+)|lines (\d+)-(\d+)): (replace|delete)[^\n]*(?:\n([\s\S]*))?$/.exec(
            edit,
          );
          expect(m, edit).not.toBeNull();
          if (!m) continue;
          const file = path.join(repo, m[1] ?? '');
          const from = Number(m[2] ?? m[3]);
          const to = Number(m[2] ?? m[4]);
          const lines = readFileSync(file, 'utf8').split('\n');
          lines.splice(from - 1, to - from + 1, ...(m[5] === 'replace' ? (m[6] ?? '').split('\n') : []));
          writeFileSync(file, lines.join('\n'));
          handEdits++;
        }
        for (const a of step.apply) {
          const diff = /^git apply (--unidiff-zero )?(\S+\.diff)/.exec(a);
          if (diff?.[2] && !diff[2].includes('main-tf'))
            execFileSync('git', ['apply', ...(diff[1] ? ['--unidiff-zero'] : []), path.join(out, diff[2])], {
              cwd: repo,
            });
        }
      }
      expect(handEdits).toBeGreaterThan(0);
      const manifests = path.join('examples', 'unhardened', 'manifests');
      for (const name of readdirSync(path.join(repo, manifests)))
        expect(readFileSync(path.join(repo, manifests, name), 'utf8'), name).toBe(
          readFileSync(path.join(out, 'after', manifests, name), 'utf8'),
        );
    },
  );

  describe.skipIf(!hasKubectl)('generated manifests pass kubectl apply --dry-run=client', () => {
    let fake: Awaited<ReturnType<typeof startFakeDiscovery>>;
    beforeAll(async () => {
      fake = await startFakeDiscovery();
    });
    afterAll(async () => {
      await fake.close();
    });
    it('network, rbac, admission, secrets and service-account files', async () => {
      const generated = files(out).filter((f) => f.endsWith('.yaml') && !f.startsWith('after'));
      expect(generated.some((f) => f.startsWith('secrets/'))).toBe(true);
      expect(generated.some((f) => f.startsWith('network/'))).toBe(true);
      expect(generated.some((f) => f.startsWith('rbac/'))).toBe(true);
      expect(generated.some((f) => f.startsWith('admission/'))).toBe(true);
      // Asynchronous: the fake API server answers from this process's event loop.
      for (const file of generated) {
        const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
          execFile(
            'kubectl',
            [
              'apply',
              '--dry-run=client',
              '--validate=false',
              '--request-timeout=10s',
              '-f',
              path.join(out, file),
            ],
            { env: { ...process.env, KUBECONFIG: fake.kubeconfig } },
            (error, _stdout, stderr) => {
              resolve({ code: error ? 1 : 0, stderr });
            },
          );
        });
        expect(result.code, `${file}: ${result.stderr}`).toBe(0);
      }
    }, 120_000);
  });

  it('re-running fix on after/ gives no steps but migrations the inputs cannot show as done', async () => {
    const again = mkdtempSync(path.join(tmpdir(), 'aksward-fix-again-'));
    const second = await cli(['fix', path.join(out, 'after'), '-o', again], { cwd: ROOT });
    expect(second.code, second.stderr).toBe(0);
    const replan = JSON.parse(readFileSync(path.join(again, 'plan.json'), 'utf8')) as FixPlan;
    expect(replan.steps.filter((s) => s.kind !== 'migrate' && s.kind !== 'rebuild').map((s) => s.id)).toEqual(
      [],
    );
  }, 120_000);
});

describe('aksward fix with bad evidence', () => {
  it('reports a truncated audit line and another cluster’s flows, and still writes the plan', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-fix-bad-'));
    const audit = readFileSync(path.join(ROOT, AUDIT), 'utf8').split('\n');
    writeFileSync(
      path.join(dir, 'audit.jsonl'),
      [
        ...audit.slice(0, 5),
        audit[5]?.slice(0, 40) ?? '{',
        ...audit.slice(6).filter((l) => l.trim() !== ''),
        // An identity no binding names and that is not AKS's own: a warning.
        (audit[1] ?? '')
          .replace('"username":"system:kube-controller-manager"', '"username":"mallory@contoso.com"')
          .replace(/"auditID":"[^"]*"/, '"auditID":"0d0c0b0a-0000-4000-8000-00000000aaaa"'),
      ].join('\n'),
    );
    writeFileSync(
      path.join(dir, 'flows.jsonl'),
      `${JSON.stringify({ flow: { verdict: 'FORWARDED', source: { namespace: 'other', pod_name: 'x-1', labels: ['k8s:app=x'] }, destination: { namespace: 'other', pod_name: 'y-1', labels: ['k8s:app=y'] }, l4: { TCP: { destination_port: 80 } }, Type: 'L3_L4', traffic_direction: 'EGRESS', IP: { source: '10.0.0.1', destination: '10.0.0.2' } } })}\n`,
    );
    const out = path.join(dir, 'out');
    const run = await cli(
      [
        'fix',
        'examples/unhardened',
        '-o',
        out,
        '--flows',
        path.join(dir, 'flows.jsonl'),
        '--audit-log',
        path.join(dir, 'audit.jsonl'),
      ],
      { cwd: ROOT },
    );
    const plan = JSON.parse(readFileSync(path.join(out, 'plan.json'), 'utf8')) as FixPlan;
    expect(plan.steps.length).toBeGreaterThan(10);
    const messages = plan.diagnostics.map((d) => `${d.file ?? ''}:${d.line ?? ''} ${d.message}`).join('\n');
    expect(messages).toMatch(/audit\.jsonl:6/);
    expect(messages).toMatch(/flows\.jsonl/);
    expect(run.stderr).toMatch(/audit\.jsonl:6/);
    // Each diagnostic at its level: the unknown user is a warning, the kube-system controllers are info.
    expect(run.stderr).toMatch(/warning: .*audit\.jsonl:\d+: mallory@contoso\.com .*named by no binding/);
    expect(run.stderr).not.toContain('deployment-controller');
    const controller = plan.diagnostics.find((d) => d.message.includes('deployment-controller'));
    expect(controller?.level).toBe('info');
  }, 120_000);
});

describe('aksward fix on the example’s manifests laid out otherwise', () => {
  /** The after/ state's failing findings, by rule and subject (lines differ between the layouts). */
  async function planAndRescan(cwd: string): Promise<{ failing: string[]; steps: string[]; out: string }> {
    const out = mkdtempSync(path.join(tmpdir(), 'aksward-fix-layout-'));
    const evidence = ['--flows', path.join(ROOT, FLOWS), '--audit-log', path.join(ROOT, AUDIT)];
    const run = await cli(['fix', '.', '-o', out, ...evidence], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(path.join(out, 'plan.json'), 'utf8')) as FixPlan;
    const scan = await cli(['scan', path.join(out, 'after'), '-f', 'json', '--fail-on', 'none'], { cwd });
    const report = JSON.parse(scan.stdout) as {
      findings: { ruleId: string; status: string; subject: { display: string } }[];
    };
    return {
      failing: report.findings
        .filter((f) => f.status === 'fail')
        .map((f) => `${f.ruleId} ${f.subject.display}`)
        .sort(),
      steps: plan.steps.map((s) => s.id).sort(),
      out,
    };
  }

  it('leaves a RoleBinding that is a List item to a hand edit: the List’s other objects stay', async () => {
    const example = path.join(ROOT, 'examples/unhardened');
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-fix-list-'));
    cpSync(example, dir, { recursive: true });
    const items = loadAll(readFileSync(path.join(example, 'manifests/rbac.yaml'), 'utf8')) as object[];
    const keep = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'keep-me', namespace: 'shop' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'ServiceAccount', name: 'api', namespace: 'shop' }],
    };
    writeFileSync(
      path.join(dir, 'manifests/rbac.yaml'),
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [...items, keep] }, null, 2),
    );
    const out = mkdtempSync(path.join(tmpdir(), 'aksward-fix-list-out-'));
    const run = await cli(['fix', '.', '-o', out, '--audit-log', path.join(ROOT, AUDIT)], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const after = JSON.parse(readFileSync(path.join(out, 'after/manifests/rbac.yaml'), 'utf8')) as {
      items: { metadata: { name: string } }[];
    };
    expect(after.items.map((i) => i.metadata.name)).toEqual(['deployer', 'default-deployer', 'keep-me']);
    const plan = JSON.parse(readFileSync(path.join(out, 'plan.json'), 'utf8')) as FixPlan;
    const removal = plan.steps.find((s) => s.id === 'rbac-remove:RoleBinding/shop/default-deployer');
    expect(removal?.artifacts.filter((a) => a.includes('rbac.yaml'))).toEqual([]);
    expect(removal?.apply).toEqual([
      'by hand: RoleBinding/shop/default-deployer at manifests/rbac.yaml:47 is item 1 of a List: delete it there, and leave the rest of that document as it is',
      'kubectl delete rolebinding default-deployer -n shop',
      'by hand: Role/shop/deployer at manifests/rbac.yaml:5 is item 0 of a List: delete it there, and leave the rest of that document as it is',
      'kubectl delete role deployer -n shop',
    ]);
  }, 120_000);

  it('patches each workload, not the document that follows the Secrets and RoleBindings it removed', async () => {
    const example = path.join(ROOT, 'examples/unhardened');
    const one = mkdtempSync(path.join(tmpdir(), 'aksward-fix-one-file-'));
    for (const name of ['cluster.json', 'main.tf', 'role-assignments.json'])
      cpSync(path.join(example, name), path.join(one, name));
    // The Role, RoleBinding and Secrets the plan deletes come before the workloads it patches.
    const order = ['namespace', 'rbac', 'secrets', 'api', 'db', 'log-agent', 'web'];
    const texts = order.map((name) => readFileSync(path.join(example, 'manifests', `${name}.yaml`), 'utf8'));
    writeFileSync(path.join(one, 'all.yaml'), texts.join('---\n'));
    const split = await planAndRescan(example);
    const joined = await planAndRescan(one);
    expect(joined.steps).toEqual(split.steps);
    expect(joined.failing).toEqual(split.failing);
    expect(split.failing.some((f) => f.startsWith('require-seccomp '))).toBe(false);
    // No Service, Secret or RBAC object took a pod's patch.
    const after = readFileSync(path.join(joined.out, 'after', 'all.yaml'), 'utf8');
    for (const doc of loadAll(after) as ({ kind?: string; spec?: { template?: unknown } } | null)[])
      if (doc?.kind !== undefined && !['Deployment', 'StatefulSet', 'DaemonSet'].includes(doc.kind))
        expect(doc.spec?.template, doc.kind).toBeUndefined();
  }, 120_000);
});

describe('aksward fix on a namespace whose policy admits every pod of it', () => {
  it('plans every other step and says why no network step is planned, instead of running out of memory', async () => {
    // 510 workloads, each admitting the 509 others: 259,590 connections, past the 250,000 a plan keeps.
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-fix-flat-'));
    const workloads = Array.from({ length: 510 }, (_, i) =>
      deploymentYaml('big', `w${i}`, '{ name: c, image: registry.example/w:latest }'),
    );
    const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: same-namespace, namespace: big }
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress: [{ from: [{ podSelector: {} }] }]
`;
    writeFileSync(path.join(dir, 'big.yaml'), [...workloads, policy].join('---\n'));
    const out = mkdtempSync(path.join(tmpdir(), 'aksward-fix-flat-out-'));
    const run = await cli(['fix', '.', '-o', out], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(path.join(out, 'plan.json'), 'utf8')) as FixPlan;
    expect(plan.steps.filter((s) => s.phase === 'network')).toEqual([]);
    // The workloads are still hardened.
    expect(plan.steps.map((s) => s.id)).toContain('workloads-harden');
    const decision = plan.decisions.find((d) => d.decide.startsWith('network steps not planned'));
    expect(decision).toMatchObject({
      ruleId: 'require-default-deny',
      subject: '1 application namespace(s): big',
    });
    expect(decision?.decide).toContain('more than 250,000 connections between workloads');
    // It covers the namespace's network findings, which stay open as needing the user's input.
    expect(decision?.fingerprints.length).toBeGreaterThan(0);
    const open = plan.proof.remaining.filter((r) => r.ruleId === 'require-default-deny');
    expect(open).toEqual([expect.objectContaining({ subject: 'Namespace/big', needs: 'input' })]);
    expect(readFileSync(path.join(out, 'plan.md'), 'utf8')).toContain('network steps not planned');
  }, 120_000);
});
