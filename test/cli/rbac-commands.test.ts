/** can-i, who-can and access as commands: first line, evidence, JSON and exit codes. */
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { ClusterModel } from '../../src/model/index.js';
import { loadInputs } from '../../src/load/load-inputs.js';
import { canICommand } from '../../src/cli/can-i-command.js';
import type { RbacStreams } from '../../src/cli/can-i-command.js';
import { whoCanCommand } from '../../src/cli/who-can-command.js';
import { accessCommand } from '../../src/cli/access-command.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function capture(): RbacStreams & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (s) => (out += s),
    err: (s) => (err += s),
    stdoutIsTTY: false,
    env: {},
    stdout: () => out,
    stderr: () => err,
  };
}

let model: ClusterModel;
beforeAll(async () => {
  model = (await loadInputs(['examples/unhardened'], { cwd: ROOT, kubectl: false })).model;
});

describe('can-i', () => {
  it('answers yes on the first line with the binding, role and rule, and exits 0', () => {
    const io = capture();
    const code = canICommand(
      model,
      { verb: 'get', resource: 'secrets' },
      { namespace: 'shop', as: 'system:serviceaccount:shop:default' },
      io,
    );
    const lines = io.stdout().split('\n');
    expect(code).toBe(0);
    expect(lines[0]).toBe('yes');
    expect(io.stdout()).toContain(
      'RoleBinding/shop/default-deployer (examples/unhardened/manifests/rbac.yaml:16)',
    );
    expect(io.stdout()).toContain('rule 1 of Role/shop/deployer (examples/unhardened/manifests/rbac.yaml:3)');
    expect(io.stdout()).toContain('Azure RBAC: no opinion');
  });

  it('answers no and exits 1', () => {
    const io = capture();
    const code = canICommand(
      model,
      { verb: 'get', resource: 'secrets' },
      { namespace: 'kube-system', as: 'system:serviceaccount:shop:default' },
      io,
    );
    expect(code).toBe(1);
    expect(io.stdout().split('\n')[0]).toBe('no');
  });

  it('honours --as-group system:masters and a subresource', () => {
    const io = capture();
    const code = canICommand(
      model,
      { verb: 'create', resource: 'pods/exec' },
      { namespace: 'kube-system', as: 'someone', asGroup: ['system:masters'] },
      io,
    );
    expect(code).toBe(0);
    expect(io.stdout()).toContain('group system:masters');
  });

  it('prints JSON with the verdict and evidence', () => {
    const io = capture();
    canICommand(
      model,
      { verb: 'create', resource: 'deployments.apps' },
      { namespace: 'shop', as: 'system:serviceaccount:shop:default', format: 'json' },
      io,
    );
    const json = JSON.parse(io.stdout()) as {
      allowed: boolean;
      evidence: { plane: string; role: { name: string } }[];
    };
    expect(json.allowed).toBe(true);
    expect(json.evidence.map((e) => [e.plane, e.role.name])).toEqual([['kubernetes', 'deployer']]);
  });

  it('exits 2 without --as, on a bad resource or a bad format', () => {
    expect(canICommand(model, { verb: 'get', resource: 'pods' }, {}, capture())).toBe(2);
    expect(canICommand(model, { verb: 'get', resource: 'a/b/c' }, { as: 'x' }, capture())).toBe(2);
    expect(
      canICommand(model, { verb: 'get', resource: 'pods' }, { as: 'x', format: 'yaml' }, capture()),
    ).toBe(2);
  });

  it('warns on stderr about an unknown resource', () => {
    const io = capture();
    canICommand(model, { verb: 'get', resource: 'widgets' }, { as: 'x', namespace: 'shop' }, io);
    expect(io.stderr()).toContain('resource "widgets" is not a built-in resource');
  });
});

describe('who-can', () => {
  it('lists the service account with its workloads, as JSON', () => {
    const io = capture();
    const code = whoCanCommand(
      model,
      { verb: 'get', resource: 'secrets' },
      { namespace: 'shop', format: 'json' },
      io,
    );
    expect(code).toBe(0);
    const json = JSON.parse(io.stdout()) as {
      subjects: { kind: string; name: string; default: boolean; workloads: { workload: string }[] }[];
    };
    const mine = json.subjects.filter((s) => !s.default);
    // With local accounts on, Azure principals that can list the admin credential are system:masters.
    expect(mine.map((s) => [s.kind, s.name])).toEqual([
      ['AzurePrincipal', 'ci-deployer'],
      ['AzurePrincipal', 'sg-all-engineers'],
      ['ServiceAccount', 'system:serviceaccount:shop:default'],
    ]);
    expect(mine[2]?.workloads.map((w) => w.workload).sort()).toEqual([
      'Deployment/shop/api',
      'Deployment/shop/web',
      'StatefulSet/shop/db',
    ]);
  });

  it('prints text with the evidence under each subject', () => {
    const io = capture();
    whoCanCommand(model, { verb: 'create', resource: 'pods/exec' }, { namespace: 'shop' }, io);
    expect(io.stdout()).toContain(
      'ServiceAccount system:serviceaccount:shop:default\n  Kubernetes RBAC: RoleBinding/shop/default-deployer',
    );
    expect(io.stdout()).toContain(
      'workload Deployment/shop/web (examples/unhardened/manifests/web.yaml:2) runs as system:serviceaccount:shop:default, token mounted',
    );
  });
});

describe('access', () => {
  it('lists namespaced and cluster-wide grants', () => {
    const io = capture();
    expect(accessCommand(model, 'system:serviceaccount:shop:default', {}, io)).toBe(0);
    expect(io.stdout()).toContain('namespace shop (Kubernetes RBAC):');
    expect(io.stdout()).toContain('cluster-wide (Kubernetes RBAC):');
    expect(io.stdout()).toContain('from RoleBinding/shop/default-deployer');
  });

  it('says nothing applies to an unknown anonymous caller beyond the public defaults', () => {
    const io = capture();
    accessCommand(model, 'system:anonymous', { format: 'json' }, io);
    const json = JSON.parse(io.stdout()) as { kubernetes: { binding: { name: string } }[] };
    expect(json.kubernetes.map((k) => k.binding.name)).toEqual(['system:public-info-viewer']);
  });
});
