/**
 * Names that are JavaScript built-ins never reach Object.prototype (issue 16: `"[constructor]"` evaluated to a
 * function), and evaluation stays bounded whatever lambdas, ranges and user functions multiply.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, scopeOf } from './table.js';

const BUILT_IN_NAMES = [
  ...Object.getOwnPropertyNames(Object.prototype),
  ...Object.getOwnPropertyNames(Function.prototype),
  'prototype',
  'then',
];

/** A decided value is JSON: nothing callable, no prototype other than Object's, Array's or null's. */
function isJson(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && Object.values(value).every(isJson);
}

const scope = scopeOf({
  parameters: { p: { type: 'string', defaultValue: 'ok' } },
  variables: { v: 'ok' },
  functions: [
    { namespace: 'ns', members: { f: { parameters: [], output: { type: 'string', value: 'ok' } } } },
  ],
});

describe('JavaScript built-in names in ARM expressions', () => {
  const shapes = (name: string): string[] => [
    `[${name}]`,
    `[${name}()]`,
    `[${name}(1)]`,
    `[parameters('${name}')]`,
    `[variables('${name}')]`,
    `[createObject('a', 1).${name}]`,
    `[createObject('a', 1)['${name}']]`,
    `[createArray(1).${name}]`,
    `[ns.${name}()]`,
    `[${name}.f()]`,
    `[map(createArray(1), lambda('x', lambdaVariables('${name}')))]`,
    `[tryGet(createObject('a', 1), '${name}')]`,
    `[contains(createObject('a', 1), '${name}')]`,
    `[json('{"${name}": 1}').${name}]`,
    `[createObject('${name}', 1)]`,
    `[union(createObject('${name}', createObject('a', 1)), createObject('${name}', createObject('b', 2)))]`,
    `[toObject(createArray('${name}'), lambda('k', lambdaVariables('k')))]`,
    `[items(createObject('${name}', 1))]`,
  ];
  it.each(BUILT_IN_NAMES)('%s never evaluates to a JavaScript object', (name) => {
    for (const text of shapes(name)) {
      const result = evaluate(scope, text);
      if (result.ok) expect(isJson(result.value), text).toBe(true);
    }
  });

  it('keeps __proto__ and constructor as ordinary keys', () => {
    expect(evaluate(scope, "[createObject('__proto__', 1).__proto__]")).toEqual({ ok: true, value: 1 });
    expect(evaluate(scope, '[json(\'{"constructor": 2}\').constructor]')).toEqual({ ok: true, value: 2 });
    expect(evaluate(scope, '[constructor]')).toMatchObject({ ok: false, undecidable: false });
    expect(evaluate(scope, "[parameters('constructor')]")).toMatchObject({ ok: false });
  });
});

describe('bounded evaluation', () => {
  it.each([
    ['[range(0, 100000000)]', 'count must be 0 to 10000'],
    [
      "[map(range(0, 10000), lambda('i', map(range(0, 10000), lambda('j', lambdaVariables('j')))))]",
      'too many evaluation steps',
    ],
    ["[padLeft('x', 2000000000, '0')]", 'too large'],
    [
      "[reduce(range(0, 40), 'ab', lambda('s', 'x', concat(lambdaVariables('s'), lambdaVariables('s'))))]",
      'too large',
    ],
  ])('%s is refused: %s', (text, reason) => {
    const result = evaluate(scope, text);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('refuses 5,000-deep expressions without recursing into them', () => {
    const deep = `[${'not('.repeat(5000)}true()${')'.repeat(5000)}]`;
    const result = evaluate(scope, deep);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.reason).toContain('nested too deeply');
  });
});
