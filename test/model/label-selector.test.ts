import { describe, expect, it } from 'vitest';
import {
  describeSelector,
  matchesSelector,
  parseLabelSelector,
  selectorForLabels,
} from '../../src/model/label-selector.js';
import type { LabelSelector } from '../../src/model/label-selector.js';

function parse(value: unknown): { selector: LabelSelector | null; problems: string[] } {
  const problems: string[] = [];
  const selector = parseLabelSelector(value, (path, message) => {
    problems.push(`${path.join('.')}: ${message}`);
    return null;
  });
  return { selector, problems };
}

function matches(value: unknown, labels: Record<string, string>): boolean {
  const { selector } = parse(value);
  if (!selector) throw new Error('invalid selector');
  return matchesSelector(selector, labels);
}

describe('label selectors', () => {
  it('treats {} and absent as everything', () => {
    expect(matches({}, {})).toBe(true);
    expect(matches(undefined, { a: 'b' })).toBe(true);
  });

  it('ANDs matchLabels and matchExpressions', () => {
    const sel = {
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }],
    };
    expect(matches(sel, { app: 'web', tier: 'fe' })).toBe(true);
    expect(matches(sel, { app: 'web' })).toBe(false);
    expect(matches(sel, { app: 'db', tier: 'fe' })).toBe(false);
  });

  it('matches NotIn and DoesNotExist on objects without the key', () => {
    expect(matches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['be'] }] }, {})).toBe(
      true,
    );
    expect(
      matches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['be'] }] }, { tier: 'be' }),
    ).toBe(false);
    expect(matches({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, {})).toBe(true);
    expect(matches({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, { tier: '' })).toBe(true);
  });

  it('gives equal selectors equal keys', () => {
    const a = parse({ matchLabels: { b: '2', a: '1' } }).selector;
    const b = parse({
      matchExpressions: [{ key: 'a', operator: 'In', values: ['1'] }],
      matchLabels: { b: '2' },
    }).selector;
    expect(a?.key).toBe(b?.key);
    expect(describeSelector(a ?? { requirements: [], key: '' })).toBe('a=1, b=2');
  });

  it('parses equal selectors to one object, and different ones to different objects', () => {
    // Generated NetworkPolicies repeat a few selectors in every rule: one object each keeps that linear.
    const a = parse({ matchLabels: { b: '2', a: '1' } }).selector;
    const b = parse({
      matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '1'] }],
      matchLabels: { b: '2' },
    }).selector;
    if (!a) throw new Error('a valid selector did not parse');
    expect(b).toBe(a);
    expect(selectorForLabels({ a: '1', b: '2' })).toBe(a);
    const c = parse({ matchLabels: { a: '1', b: '3' } }).selector;
    if (!c) throw new Error('a valid selector did not parse');
    expect(c).not.toBe(a);
    expect(c.key).toBe('a In (1); b In (3)');
    expect(matchesSelector(c, { a: '1', b: '2' })).toBe(false);
    expect(matchesSelector(a, { a: '1', b: '2' })).toBe(true);
  });

  it('reports malformed selectors, which then select nothing', () => {
    expect(parse({ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] })).toEqual({
      selector: null,
      problems: ['matchExpressions.0.operator: operator "Equals" is not In, NotIn, Exists or DoesNotExist'],
    });
    expect(parse({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }).problems).toEqual([
      'matchExpressions.0.values: In needs at least one value',
    ]);
    expect(
      parse({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }).selector,
    ).toBeNull();
    expect(parse({ matchLabels: { replicas: 3 } }).problems).toEqual([
      'matchLabels.replicas: label value of "replicas" is not a string',
    ]);
    expect(parse('app=web').selector).toBeNull();
  });
});

describe('selectorForLabels', () => {
  it('is the parsed selector of the same matchLabels', () => {
    const labels = { 'rbac.authorization.k8s.io/aggregate-to-view': 'true', b: '2' };
    expect(selectorForLabels(labels)).toEqual(parse({ matchLabels: labels }).selector);
    expect(matchesSelector(selectorForLabels({}), { any: 'thing' })).toBe(true);
  });
});
