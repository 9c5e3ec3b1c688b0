/** can-i, who-can and access: the verbs' answers through their renderers: first line, evidence, JSON. */
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { ClusterModel } from '../../../src/model/index.js';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { access } from '../../../src/engine/access.js';
import { canI } from '../../../src/engine/can-i.js';
import type { CanIQuery } from '../../../src/engine/can-i.js';
import { whoCan } from '../../../src/engine/who-can.js';
import type { WhoCanQuery } from '../../../src/engine/who-can.js';
import type { RbacFormat } from '../../../src/report/rbac/index.js';
import { accessRenderers, canIRenderers, whoCanRenderers } from '../../../src/report/rbac/index.js';
import { renderText } from '../../helpers/render-text.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function canIText(query: CanIQuery, format: RbacFormat = 'text') {
  const answer = canI(model, query);
  return {
    verdict: answer.verdict,
    warnings: answer.warnings,
    out: renderText(canIRenderers[format], answer),
  };
}

const whoCanText = (query: WhoCanQuery, format: RbacFormat = 'text'): string =>
  renderText(whoCanRenderers[format], whoCan(model, query));

const accessText = (user: string, format: RbacFormat = 'text'): string =>
  renderText(accessRenderers[format], access(model, { user }));

let model: ClusterModel;
beforeAll(async () => {
  model = (await loadInputs(['examples/unhardened'], { cwd: ROOT, kubectl: false })).model;
});

describe('can-i', () => {
  it('answers yes on the first line with the binding, role and rule, and exits 0', () => {
    const { verdict, out } = canIText({
      verb: 'get',
      resource: 'secrets',
      namespace: 'shop',
      user: 'system:serviceaccount:shop:default',
    });
    expect(verdict).toBe('allowed');
    expect(out.split('\n')[0]).toBe('yes');
    expect(out).toContain('RoleBinding/shop/default-deployer (examples/unhardened/manifests/rbac.yaml:16)');
    expect(out).toContain('rule 1 of Role/shop/deployer (examples/unhardened/manifests/rbac.yaml:3)');
    expect(out).toContain('Azure RBAC: no opinion');
  });

  it('answers no', () => {
    const { verdict, out } = canIText({
      verb: 'get',
      resource: 'secrets',
      namespace: 'kube-system',
      user: 'system:serviceaccount:shop:default',
    });
    expect(verdict).toBe('denied');
    expect(out.split('\n')[0]).toBe('no');
  });

  it('honours --as-group system:masters and a subresource', () => {
    const { verdict, out } = canIText({
      verb: 'create',
      resource: 'pods/exec',
      namespace: 'kube-system',
      user: 'someone',
      groups: ['system:masters'],
    });
    expect(verdict).toBe('allowed');
    expect(out).toContain('group system:masters');
  });

  it('prints JSON with the verdict and evidence', () => {
    const { out } = canIText(
      {
        verb: 'create',
        resource: 'deployments.apps',
        namespace: 'shop',
        user: 'system:serviceaccount:shop:default',
      },
      'json',
    );
    const json = JSON.parse(out) as {
      allowed: boolean;
      evidence: { plane: string; role: { name: string } }[];
    };
    expect(json.allowed).toBe(true);
    expect(json.evidence.map((e) => [e.plane, e.role.name])).toEqual([['kubernetes', 'deployer']]);
  });

  it('refuses a request it cannot read', () => {
    expect(() => canI(model, { verb: 'get', resource: 'a/b/c', user: 'x' })).toThrow(
      '"a/b/c" is not RESOURCE[/SUBRESOURCE]',
    );
    expect(() => whoCan(model, { verb: ' ', resource: 'pods' })).toThrow('a verb is required');
  });

  it('says what it assumed about an unknown resource', () => {
    const { warnings } = canIText({ verb: 'get', resource: 'widgets', user: 'x', namespace: 'shop' });
    expect(warnings.join('\n')).toContain('resource "widgets" is not a built-in resource');
  });
});

describe('who-can', () => {
  it('lists the service account with its workloads, as JSON', () => {
    const out = whoCanText({ verb: 'get', resource: 'secrets', namespace: 'shop' }, 'json');
    const json = JSON.parse(out) as {
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
    const out = whoCanText({ verb: 'create', resource: 'pods/exec', namespace: 'shop' });
    expect(out).toContain(
      'ServiceAccount system:serviceaccount:shop:default\n  Kubernetes RBAC: RoleBinding/shop/default-deployer',
    );
    expect(out).toContain(
      'workload Deployment/shop/web (examples/unhardened/manifests/web.yaml:2) runs as system:serviceaccount:shop:default, token mounted',
    );
  });
});

describe('access', () => {
  it('lists namespaced and cluster-wide grants', () => {
    const out = accessText('system:serviceaccount:shop:default');
    expect(out).toContain('namespace shop (Kubernetes RBAC):');
    expect(out).toContain('cluster-wide (Kubernetes RBAC):');
    expect(out).toContain('from RoleBinding/shop/default-deployer');
  });

  it('says nothing applies to an unknown anonymous caller beyond the public defaults', () => {
    const json = JSON.parse(accessText('system:anonymous', 'json')) as {
      kubernetes: { binding: { name: string } }[];
    };
    expect(json.kubernetes.map((k) => k.binding.name)).toEqual(['system:public-info-viewer']);
  });
});
