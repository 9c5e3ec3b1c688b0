import { describe, expect, it } from 'vitest';
import type { ClusterScopeMode, ScopeSource } from '../../../src/load/scopes/assign-scopes.js';
import { assignScopes } from '../../../src/load/scopes/assign-scopes.js';

const manifest = (file: string, ...identities: string[]): ScopeSource => ({
  file,
  kind: 'manifest',
  identities: new Set(identities),
});
const cluster = (file: string): ScopeSource => ({ file, kind: 'cluster', identities: new Set() });
const kustomization = (file: string, ...identities: string[]): ScopeSource => ({
  file,
  kind: 'kustomization',
  identities: new Set(identities),
});

const scopesOf = (sources: readonly ScopeSource[], mode: ClusterScopeMode = 'auto') =>
  assignScopes(sources, mode).map((scope) => [scope.name, scope.files]);

describe('assignScopes: the default reads the repository layout', () => {
  it('keeps a cluster definition and the manifests beside and below it as one cluster', () => {
    const sources = [
      cluster('ex/cluster.json'),
      cluster('ex/main.tf'),
      manifest('ex/manifests/web.yaml', 'web'),
      manifest('ex/manifests/db.yaml', 'db'),
      manifest('ex/role-assignments.json'),
    ];
    expect(scopesOf(sources)).toEqual([['ex', sources.map((s) => s.file)]]);
  });

  it('gives every manifest to the one cluster definition of the inputs, and each to the nearest of several', () => {
    const one = [
      cluster('after/ex/main.tf'),
      manifest('after/aksward/network/deny.yaml'),
      manifest('after/ex/m/web.yaml', 'web'),
    ];
    expect(scopesOf(one)).toEqual([['after/ex', one.map((s) => s.file)]]);
    const two = [
      cluster('a/main.tf'),
      cluster('a/tf/main.tf'),
      manifest('a/web.yaml', 'web'),
      manifest('other/x.yaml', 'x'),
    ];
    expect(scopesOf(two)).toEqual([
      ['a', ['a/main.tf', 'a/web.yaml']],
      ['a/tf', ['a/tf/main.tf']],
      ['other/x.yaml', ['other/x.yaml']],
    ]);
  });

  it('makes each unrelated sample folder its own cluster when the folder above holds no manifest', () => {
    const sources = [
      manifest('repo/web/guestbook/frontend.yaml', 'frontend'),
      manifest('repo/web/guestbook/redis.yaml', 'redis'),
      manifest('repo/databases/cassandra/cassandra.yaml', 'cassandra'),
    ];
    expect(scopesOf(sources)).toEqual([
      ['repo/databases/cassandra/cassandra.yaml', ['repo/databases/cassandra/cassandra.yaml']],
      ['repo/web/guestbook', ['repo/web/guestbook/frontend.yaml', 'repo/web/guestbook/redis.yaml']],
    ]);
  });

  it('splits alternative installs of one app (they define the same objects) and keeps a split-free app whole', () => {
    const sources = [
      manifest('app/all-in-one.yaml', 'web', 'api'),
      manifest('app/quickstart/web.yaml', 'web'),
      manifest('app/quickstart/api.yaml', 'api'),
      manifest('other/a.yaml', 'a'),
      manifest('other/parts/b.yaml', 'b'),
    ];
    expect(scopesOf(sources)).toEqual([
      ['app/all-in-one.yaml', ['app/all-in-one.yaml']],
      ['app/quickstart', ['app/quickstart/web.yaml', 'app/quickstart/api.yaml']],
      ['other', ['other/a.yaml', 'other/parts/b.yaml']],
    ]);
  });

  it('splits a folder into its files when two of them define the same object (install vs namespace-install)', () => {
    const sources = [
      manifest('manifests/install.yaml', 'server', 'crd'),
      manifest('manifests/namespace-install.yaml', 'server'),
    ];
    expect(scopesOf(sources).map(([name]) => name)).toEqual([
      'manifests/install.yaml',
      'manifests/namespace-install.yaml',
    ]);
  });

  it('makes each kustomization its own cluster, and joins a lone one to the cluster definition beside it', () => {
    const overlays = [
      kustomization('app/overlays/dev/kustomization.yaml', 'web'),
      kustomization('app/overlays/prod/kustomization.yaml', 'web'),
    ];
    expect(scopesOf(overlays).map(([name]) => name)).toEqual(['app/overlays/dev', 'app/overlays/prod']);
    const beside = [cluster('aks/cluster.json'), kustomization('aks/k8s/kustomization.yaml', 'web')];
    expect(scopesOf(beside)).toEqual([['aks', ['aks/cluster.json', 'aks/k8s/kustomization.yaml']]]);
  });

  it('gives no scope for no input, and one for a single file or standard input', () => {
    expect(scopesOf([])).toEqual([]);
    expect(scopesOf([manifest('<stdin>', 'a')])).toEqual([['<stdin>', ['<stdin>']]]);
  });
});

describe('assignScopes: the explicit modes', () => {
  const sources = [
    cluster('aks/cluster.json'),
    manifest('aks/manifests/web.yaml', 'web'),
    kustomization('app/overlays/dev/kustomization.yaml', 'web'),
    manifest('samples/a/a.yaml', 'a'),
  ];

  it('all: one cluster of everything', () => {
    expect(scopesOf(sources, 'all')).toEqual([['all inputs', sources.map((s) => s.file)]]);
  });

  it('per-kustomization: each kustomization, and the rest together', () => {
    expect(scopesOf(sources, 'per-kustomization').map(([name]) => name)).toEqual([
      'app/overlays/dev',
      'other inputs',
    ]);
  });

  it('per-folder: each folder on its own, the cluster definition apart from the manifests below it', () => {
    expect(scopesOf(sources, 'per-folder').map(([name]) => name)).toEqual([
      'aks',
      'aks/manifests',
      'app/overlays/dev',
      'samples/a',
    ]);
  });

  it('never names two scopes alike', () => {
    const clash = [kustomization('x/kustomization.yaml', 'a'), manifest('x/extra.yaml', 'b')];
    expect(scopesOf(clash, 'per-folder').map(([name]) => name)).toEqual(['x', 'x#2']);
  });
});
