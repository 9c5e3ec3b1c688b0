/** Used requests into the narrowest rules: scopes, pairing, resourceNames, merging and order. */
import { describe, expect, it } from 'vitest';
import type { AccessRequest } from '../../../src/analysis/rbac/types.js';
import { narrowRules } from '../../../src/fix/rbac/index.js';

const r = (
  verb: string,
  resource: string,
  namespace = 'shop',
  name = '',
  apiGroup = '',
  subresource = '',
): AccessRequest => ({
  kind: 'resource',
  verb,
  apiGroup,
  resource,
  subresource,
  name,
  namespace,
});
const rule = (apiGroups: string[], resources: string[], verbs: string[], resourceNames: string[] = []) => ({
  apiGroups,
  resources,
  verbs,
  resourceNames,
  nonResourceURLs: [],
});

describe('narrowRules', () => {
  it('pairs watch with list, and list with get', () => {
    expect(narrowRules([r('watch', 'pods')])).toEqual([
      { namespace: 'shop', rules: [rule([''], ['pods'], ['get', 'list', 'watch'])] },
    ]);
    expect(narrowRules([r('list', 'pods')])).toEqual([
      { namespace: 'shop', rules: [rule([''], ['pods'], ['get', 'list'])] },
    ]);
  });

  it('keeps resourceNames for up to five names, per exact name set, and never for create', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    expect(
      narrowRules([
        ...names.map((n) => r('get', 'configmaps', 'shop', n)),
        r('patch', 'configmaps', 'shop', 'a'),
        r('create', 'configmaps', 'shop', 'z'),
      ]),
    ).toEqual([
      {
        namespace: 'shop',
        rules: [
          rule([''], ['configmaps'], ['create']),
          rule([''], ['configmaps'], ['get'], names),
          rule([''], ['configmaps'], ['patch'], ['a']),
        ],
      },
    ]);
    const six = [...names, 'f'].map((n) => r('get', 'configmaps', 'shop', n));
    expect(narrowRules(six)[0]?.rules).toEqual([rule([''], ['configmaps'], ['get'])]);
  });

  it('drops names a list already covers', () => {
    expect(narrowRules([r('get', 'services', 'shop', 'web'), r('list', 'services')])[0]?.rules).toEqual([
      rule([''], ['services'], ['get', 'list']),
    ]);
  });

  it('merges resources with the same group, verbs and names; core group first; kubectl verb order', () => {
    const rules = narrowRules([
      r('update', 'deployments', 'shop', '', 'apps'),
      r('create', 'deployments', 'shop', '', 'apps'),
      r('create', 'statefulsets', 'shop', '', 'apps'),
      r('update', 'statefulsets', 'shop', '', 'apps'),
      r('get', 'pods', 'shop', 'web-1', '', 'log'),
    ])[0]?.rules;
    expect(rules).toEqual([
      rule([''], ['pods/log'], ['get'], ['web-1']),
      rule(['apps'], ['deployments', 'statefulsets'], ['create', 'update']),
    ]);
  });

  it('puts cluster-scoped and all-namespace requests and URLs in the cluster scope, last', () => {
    expect(
      narrowRules([
        r('list', 'pods', ''),
        r('get', 'nodes', '', 'n1', '', 'metrics'),
        { kind: 'non-resource', verb: 'get', path: '/metrics' },
        r('get', 'configmaps', 'b'),
        r('get', 'configmaps', 'a'),
      ]).map((s) => [s.namespace, s.rules.length]),
    ).toEqual([
      ['a', 1],
      ['b', 1],
      ['', 3],
    ]);
  });

  it('is stable: the same requests in any order give the same rules', () => {
    const requests = [
      r('get', 'services', 'shop', 'web'),
      r('patch', 'deployments', 'shop', 'web', 'apps'),
      r('watch', 'pods'),
      r('create', 'configmaps'),
    ];
    expect(narrowRules([...requests].reverse())).toEqual(narrowRules(requests));
  });
});
