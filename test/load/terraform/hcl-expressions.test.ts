/** @module Tests of the resolver of `${…}` expressions: variables, tfvars, locals and the reasons for unknown. */
import { describe, expect, it } from 'vitest';
import {
  createResolver,
  type ModuleScope,
  type VariableDeclaration,
} from '../../../src/load/terraform/hcl-expressions.js';

const scope: ModuleScope = {
  variables: new Map([
    ['enabled', { hasDefault: true, default: true }],
    ['tier', { hasDefault: true, default: 'Free' }],
    ['nodefault', { hasDefault: false }],
    ['nullable', { hasDefault: true, default: null }],
    ['obj', { hasDefault: true, default: { a: 'x', list: ['p', 'q'], 'odd-key': 1 } }],
    ['cats', { hasDefault: true, default: ['kube-audit', 'kube-audit', 'guard'] }],
  ]),
  tfvars: new Map<string, unknown>([['tier', 'Standard']]),
  locals: new Map<string, unknown>([
    ['env', 'prod'],
    ['name', 'aks-${local.env}'],
    ['loop', '${local.loop}'],
    ['cluster_id', '${azurerm_kubernetes_cluster.main.id}'],
    ['unknown', '${var.nodefault}'],
  ]),
};
const resolver = createResolver(scope);
const resolve = (raw: unknown) => resolver.resolve(raw);

describe('createResolver', () => {
  it('passes literals through, and keeps a lone interpolation typed', () => {
    expect(resolve(3)).toEqual({ kind: 'value', value: 3 });
    expect(resolve('plain')).toEqual({ kind: 'value', value: 'plain' });
    expect(resolve('${var.enabled}')).toEqual({ kind: 'value', value: true });
    expect(resolve('${true}')).toEqual({ kind: 'value', value: true });
    expect(resolve('${"quoted"}')).toEqual({ kind: 'value', value: 'quoted' });
    expect(resolve('$${not.an.expression}')).toEqual({ kind: 'value', value: '${not.an.expression}' });
    expect(resolve('${var.nullable}')).toEqual({ kind: 'value', value: null });
  });

  it('prefers tfvars over defaults and resolves locals and templates', () => {
    expect(resolve('${var.tier}')).toEqual({ kind: 'value', value: 'Standard' });
    expect(resolve('${local.name}')).toEqual({ kind: 'value', value: 'aks-prod' });
    expect(resolve(['${local.env}', { k: '${var.tier}-x' }])).toEqual({
      kind: 'value',
      value: ['prod', { k: 'Standard-x' }],
    });
  });

  it('follows attribute and index steps into variable values', () => {
    expect(resolve('${var.obj.a}')).toEqual({ kind: 'value', value: 'x' });
    expect(resolve('${var.obj["odd-key"]}')).toEqual({ kind: 'value', value: 1 });
    expect(resolve('${var.obj.list[1]}')).toEqual({ kind: 'value', value: 'q' });
    expect(resolve('${var.obj.missing}')).toEqual({
      kind: 'unknown',
      reason: 'var.obj.missing has no element missing',
    });
  });

  it('evaluates toset and tolist over known lists', () => {
    expect(resolve('${toset(var.cats)}')).toEqual({ kind: 'value', value: ['kube-audit', 'guard'] });
    expect(resolve('${tolist(["a", "b",])}')).toEqual({ kind: 'value', value: ['a', 'b'] });
  });

  it('says why a value is unknown', () => {
    const reason = (raw: unknown) => {
      const r = resolve(raw);
      return r.kind === 'unknown' ? r.reason : 'known';
    };
    expect(reason('${var.nodefault}')).toBe('depends on var.nodefault, which has no default');
    expect(reason('${local.unknown}')).toBe('depends on var.nodefault, which has no default');
    expect(reason('${var.nope}')).toBe('depends on var.nope, which this module does not declare');
    expect(reason('${local.nope}')).toBe('depends on local.nope, which this module does not define');
    expect(reason('${local.loop}')).toBe('local.loop refers to itself');
    expect(reason('${azurerm_key_vault.kv.id}')).toBe(
      'depends on azurerm_key_vault.kv.id, a resource attribute known only after apply',
    );
    expect(reason('${data.azurerm_subnet.s.id}')).toBe(
      'depends on data.azurerm_subnet.s, a data source read when Terraform plans',
    );
    expect(reason('${module.net.subnet_id}')).toBe(
      'depends on module.net.subnet_id, an output of a module aksward does not follow',
    );
    expect(reason('${each.value.v}')).toBe('depends on each.value.v, which differs per for_each instance');
    expect(reason('${count.index}')).toBe('depends on count.index, which differs per count instance');
    expect(reason('${merge(var.obj, {})}')).toBe(
      'depends on the function merge(), which aksward does not evaluate',
    );
    expect(reason('${var.enabled ? "a" : "b"}')).toBe(
      'depends on an expression over var.enabled that aksward does not evaluate',
    );
    expect(reason('%{ if true }x%{ endif }')).toBe(
      'uses a template directive (%{…}) that aksward does not evaluate',
    );
    expect(reason('x-${var.obj}')).toBe('interpolates a value that is not a string');
  });

  it('stays linear and bounded on locals that fan out', () => {
    const locals = new Map<string, unknown>([['l0', 'ab']]);
    for (let i = 1; i <= 40; i++) locals.set(`l${i}`, `\${local.l${i - 1}}\${local.l${i - 1}}`);
    const fanOut = createResolver({ variables: new Map(), tfvars: new Map(), locals });
    expect(fanOut.resolve('${local.l5}')).toEqual({ kind: 'value', value: 'ab'.repeat(32) });
    expect(fanOut.resolve('${local.l40}')).toEqual({
      kind: 'unknown',
      reason: 'builds a string longer than aksward evaluates (1 MiB)',
    });
  });

  it('evaluates each variable once: 26 defaults each reading the previous one twice', () => {
    // Before the memo this took 2^26 evaluations (66 s); a counter on declaration lookups measures the work.
    let lookups = 0;
    const declared = new Map<string, VariableDeclaration>([['v0', { hasDefault: true, default: 'x' }]]);
    for (let i = 1; i < 26; i++) {
      declared.set(`v${i}`, { hasDefault: true, default: `\${var.v${i - 1}}\${var.v${i - 1}}` });
    }
    const variables = new Map(declared);
    variables.get = (name: string) => {
      lookups++;
      return declared.get(name);
    };
    const chain = createResolver({ variables, tfvars: new Map(), locals: new Map() });
    expect(chain.resolve('${var.v4}')).toEqual({ kind: 'value', value: 'x'.repeat(16) });
    expect(chain.resolve('${var.v25}')).toEqual({
      kind: 'unknown',
      reason: 'builds a string longer than aksward evaluates (1 MiB)',
    });
    expect(lookups).toBeLessThanOrEqual(2 * 26 + 2);
  });

  it('bounds lists that share memoised variables: 2^30 elements are unknown, not walked', () => {
    const variables = new Map<string, VariableDeclaration>([['l0', { hasDefault: true, default: 'x' }]]);
    for (let i = 1; i <= 30; i++) {
      variables.set(`l${i}`, { hasDefault: true, default: [`\${var.l${i - 1}}`, `\${var.l${i - 1}}`] });
    }
    const lists = createResolver({ variables, tfvars: new Map(), locals: new Map() });
    expect(lists.resolve('${var.l2}')).toEqual({
      kind: 'value',
      value: [
        ['x', 'x'],
        ['x', 'x'],
      ],
    });
    expect(lists.resolve('${var.l30}')).toEqual({
      kind: 'unknown',
      reason: 'builds a value larger than aksward evaluates (4 Mi elements)',
    });
  });

  it('reads variables in a cycle as unknown and reports each cycle once', () => {
    const cycles: string[][] = [];
    const cyclic = createResolver(
      {
        variables: new Map<string, VariableDeclaration>([
          ['a', { hasDefault: true, default: '${var.b}' }],
          ['b', { hasDefault: true, default: '${var.a}' }],
          ['self', { hasDefault: true, default: 'x' }],
          ['c', { hasDefault: true, default: '${local.c}' }],
        ]),
        tfvars: new Map([['self', '${var.self}-1']]),
        locals: new Map([['c', '${var.c}']]),
      },
      (cycle) => cycles.push([...cycle]),
    );
    expect(cyclic.resolve('${var.a}')).toEqual({
      kind: 'unknown',
      reason: 'var.a is in a reference cycle: var.a → var.b → var.a',
    });
    expect(cyclic.resolve('${var.b}').kind).toBe('unknown');
    expect(cyclic.resolve('${var.self}')).toEqual({ kind: 'unknown', reason: 'var.self refers to itself' });
    expect(cyclic.resolve('${local.c}').kind).toBe('unknown');
    expect(cycles).toEqual([
      ['var.a', 'var.b', 'var.a'],
      ['var.self', 'var.self'],
      ['local.c', 'var.c', 'local.c'],
    ]);
  });

  it('reads only own properties of a value: var.obj.constructor is no element', () => {
    expect(resolve('${var.obj.constructor}')).toEqual({
      kind: 'unknown',
      reason: 'var.obj.constructor has no element constructor',
    });
    const raw: unknown = JSON.parse('{"__proto__":"${var.tier}"}');
    const value = resolve(raw);
    expect(value.kind === 'value' && Object.getOwnPropertyDescriptor(value.value, '__proto__')?.value).toBe(
      'Standard',
    );
  });

  it('binds a dynamic block iterator', () => {
    const bound = resolver.bind('enabled_log', { key: 0, value: 'kube-audit' });
    expect(bound.resolve('${enabled_log.value}')).toEqual({ kind: 'value', value: 'kube-audit' });
    expect(bound.resolve('${enabled_log.key}')).toEqual({ kind: 'value', value: 0 });
    expect(resolver.resolve('${enabled_log.value}').kind).toBe('unknown');
  });

  it('lists the resources a value refers to, through locals, ignoring data sources prefixes', () => {
    expect([...resolver.references('${local.cluster_id}')]).toEqual(['azurerm_kubernetes_cluster.main']);
    expect([...resolver.references('${azurerm_kubernetes_cluster.main[0].id}')]).toEqual([
      'azurerm_kubernetes_cluster.main',
    ]);
    expect([...resolver.references('${data.azurerm_kubernetes_cluster.x.id}')]).toEqual([
      'data.azurerm_kubernetes_cluster.x',
    ]);
    expect([...resolver.references('literal azurerm_kubernetes_cluster.main')]).toEqual([]);
    expect([...resolver.references('${var.tier}')]).toEqual([]);
  });
});
