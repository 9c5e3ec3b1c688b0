import { describe, expect, it } from 'vitest';
import type { ArmScope } from '../../../src/load/cluster-json/arm-evaluator.js';
import { resolveString, resolveValue } from '../../../src/load/cluster-json/arm-evaluator.js';
import { parseArmExpression } from '../../../src/load/cluster-json/arm-expression-parser.js';
import { parseJsonTree } from '../../../src/load/cluster-json/json-tree.js';
import { createTemplateScope } from '../../../src/load/cluster-json/template-scope.js';
import { createMemorySink } from './memory-sink.js';

const template = {
  parameters: {
    env: { type: 'string', defaultValue: 'prod' },
    region: { type: 'string', defaultValue: "[toUpper(parameters('env'))]" },
    noDefault: { type: 'string' },
    obj: { type: 'object', defaultValue: { nested: { value: 42 }, list: ['a', 'b'] } },
    list: { type: 'array', defaultValue: ['x', 'y', 'z'] },
  },
  variables: {
    isProd: "[equals(parameters('env'), 'prod')]",
    tier: "[if(variables('isProd'), 'Standard', 'Free')]",
    loopA: "[variables('loopB')]",
    loopB: "[variables('loopA')]",
    copy: [{ name: 'fromLoop', count: 2, input: "[copyIndex('fromLoop')]" }],
  },
};

function scopeOf(value: unknown): ArmScope {
  const root = parseJsonTree(JSON.stringify(value, null, 2), 'template.json', createMemorySink());
  if (!root) throw new Error('fixture does not parse');
  return createTemplateScope(root);
}

const scope = scopeOf(template);
const evaluate = (text: string, symbolic = false) => resolveString(text, scope, symbolic);
const value = (text: string): unknown => {
  const result = evaluate(text);
  if (!result.ok) throw new Error(`expected a value for ${text}, got: ${result.reason}`);
  return result.value;
};

describe('ARM expression evaluator: decided values', () => {
  it.each([
    ["[concat('a', 'b', 'c')]", 'abc'],
    ['[concat(createArray(1, 2), createArray(3))]', [1, 2, 3]],
    ["[concat('it''s', ' ok')]", "it's ok"],
    ["[format('{0}-{1}', 'aks', 1)]", 'aks-1'],
    ["[format('{{literal}} {0}', 'x')]", '{literal} x'],
    ["[format('{0}', true())]", 'True'],
    ["[if(equals(parameters('env'), 'prod'), 'Standard', 'Free')]", 'Standard'],
    ["[if(true(), 'a', reference('x').y)]", 'a'],
    ["[equals('A', 'a')]", false],
    ["[equals(createArray(1, 'x'), createArray(1, 'x'))]", true],
    ['[not(equals(1, 2))]', true],
    ['[and(true(), false())]', false],
    ['[or(false(), true())]', true],
    ["[and(false(), parameters('noDefault'))]", false],
    ["[bool('TRUE')]", true],
    ["[bool('yes')]", false],
    ['[bool(0)]', false],
    ['[string(true())]', 'True'],
    ["[string(createObject('a', 1))]", '{"a":1}'],
    ["[int('42')]", 42],
    ["[empty('')]", true],
    ['[empty(createArray())]', true],
    ["[empty(parameters('obj'))]", false],
    ["[toLower('AbC')]", 'abc'],
    ["[toUpper('abc')]", 'ABC'],
    ['[coalesce(null(), null())]', null],
    ["[coalesce(null(), 'x', reference('never').evaluated)]", 'x'],
    ["[createArray(1, 'two', true())]", [1, 'two', true]],
    ['[union(createArray(1, 2), createArray(2, 3))]', [1, 2, 3]],
    ["[parameters('obj').nested.value]", 42],
    ["[parameters('obj')['nested']['value']]", 42],
    ["[parameters('list')[1]]", 'y'],
    ["[PARAMETERS('Env')]", 'prod'],
    ["[parameters('obj').NESTED.Value]", 42],
    ["[variables('tier')]", 'Standard'],
    ["[parameters('region')]", 'PROD'],
    ["[toUpper(concat(format('{0}', parameters('env')), '-', string(length(createArray(1, 2)))))]", 'PROD-2'],
    ["[last(split('a/b/c', '/'))]", 'c'],
    ["[tryGet(parameters('obj'), 'missing')]", null],
    ['[[not an expression]', '[not an expression]'],
    ['[not closed', '[not closed'],
    ['plain text', 'plain text'],
  ])('%s', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });

  it('merges objects with union, nested objects included', () => {
    const merged = value(
      "[union(createObject('a', 1, 'n', createObject('x', 1)), createObject('b', 2, 'n', createObject('y', 2)))]",
    );
    expect(merged).toEqual({ a: 1, n: { x: 1, y: 2 }, b: 2 });
  });

  it('builds resource ids, with placeholders for what only the deployment knows', () => {
    expect(value("[resourceId('Microsoft.ContainerService/managedClusters', 'aks')]")).toBe(
      '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/aks',
    );
    expect(
      value(
        "[resourceId('sub-1', 'rg-1', 'Microsoft.ContainerService/managedClusters/agentPools', 'aks', 'system')]",
      ),
    ).toBe(
      '/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ContainerService/managedClusters/aks/agentPools/system',
    );
    const compared = evaluate("[equals(resourceId('Microsoft.Network/virtualNetworks', 'v'), 'x')]");
    expect(compared).toMatchObject({ ok: false, undecidable: true });
  });

  it('resolves expressions in object keys and values recursively', () => {
    const result = resolveValue({ "[concat('k', '1')]": ["[parameters('env')]", { deep: '[[x]' }] }, scope);
    expect(result).toEqual({ ok: true, value: { k1: ['prod', { deep: '[x]' }] } });
  });
});

describe('ARM expression evaluator: undecided and invalid values', () => {
  it.each([
    ["[parameters('noDefault')]", 'parameter noDefault has no default value'],
    ["[or(false(), parameters('noDefault'))]", 'parameter noDefault has no default value'],
    [
      "[if(false(), 'a', reference('x').y)]",
      'reference() depends on the deployment and cannot be evaluated offline',
    ],
    [
      '[subscription().subscriptionId]',
      'subscription() depends on the deployment and cannot be evaluated offline',
    ],
    [
      "[listKeys('x', '2020-01-01').keys[0].value]",
      'listKeys() depends on the deployment and cannot be evaluated offline',
    ],
    ["[variables('fromLoop')]", 'variable fromLoop is built by a copy loop'],
  ])('%s is undecidable: %s', (text, reason) => {
    expect(evaluate(text)).toEqual({ ok: false, undecidable: true, reason });
  });

  it.each([
    ["[parameters('nope')]", 'parameter nope is not declared'],
    ["[int('4x')]", 'int() cannot convert a string'],
    ["[variables('loopA')]", 'refers to itself'],
    ["[parameters('obj').missing]", "property 'missing' does not exist"],
    ["[if('yes', 1, 2)]", 'if() condition is a string'],
    ["[format('{0:N2', 1)]", "unmatched '{'"],
    ['[myns.myFunc(1)]', 'user-defined function myns.myFunc is not declared'],
  ])('%s is invalid: %s', (text, reason) => {
    const result = evaluate(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.undecidable).toBe(false);
      expect(result.reason).toContain(reason);
    }
  });

  it.each([
    ["[concat('a',]", 'invalid expression'],
    ["[concat('a']", "expected ')' at the end"],
    ["['unterminated]", 'unterminated string literal'],
    ["[concat('a') extra]", "unexpected 'extra' after the expression"],
    ['[]', 'expression ends too early'],
    ['[1 + 2]', "unexpected character '+'"],
  ])('%s is a syntax error', (text, reason) => {
    const result = evaluate(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('never names a string literal in a syntax error: it may be a secret', () => {
    const result = parseArmExpression("concat('hunter2' 'x')");
    expect(result).toEqual({ ok: false, reason: "invalid expression: expected ')' before a string literal" });
  });

  it('refuses hostile nesting and exponential growth without throwing', () => {
    const deep = `[${'not('.repeat(200)}true()${')'.repeat(200)}]`;
    expect(evaluate(deep)).toMatchObject({
      ok: false,
      reason: 'invalid expression: expression nested too deeply',
    });
    const variables: Record<string, string> = { v0: 'x'.repeat(1000) };
    for (let i = 1; i <= 20; i++)
      variables[`v${i}`] = `[concat(variables('v${i - 1}'), variables('v${i - 1}'))]`;
    const bomb = scopeOf({ variables });
    expect(resolveString("[variables('v20')]", bomb)).toEqual({
      ok: false,
      undecidable: false,
      reason: 'computed value is too large',
    });
  });
});

describe('ARM expression evaluator: symbolic names', () => {
  it('keeps an undecided part as its own expression so names still compare', () => {
    expect(evaluate("[format('{0}/{1}', parameters('noDefault'), 'default')]", true)).toEqual({
      ok: true,
      value: "[parameters('noDefault')]/default",
    });
    expect(evaluate("[concat(parameters('env'), '-', uniqueString(resourceGroup().id))]", true)).toEqual({
      ok: true,
      value: 'prod-[uniqueString(resourceGroup().id)]',
    });
  });
});

describe('ARM expression evaluator: resource limits', () => {
  it('refuses values that share themselves into an exponential size, before serialising them', () => {
    const variables: Record<string, string> = { v0: "[createArray('x')]" };
    for (let i = 1; i <= 40; i++) {
      variables[`v${i}`] = `[createObject('a', variables('v${i - 1}'), 'b', variables('v${i - 1}'))]`;
    }
    const bomb = scopeOf({ variables });
    const tooLarge = { ok: false, undecidable: false, reason: 'computed value is too large' };
    expect(resolveString("[variables('v40')]", bomb)).toEqual(tooLarge);
    expect(resolveString("[string(variables('v19'))]", bomb)).toEqual(tooLarge);
    expect(resolveString("[format('{0}{0}{0}{0}', string(variables('v15')))]", bomb)).toEqual(tooLarge);
  });

  it('refuses a union too large to de-duplicate', () => {
    const many = `[union(split('${','.repeat(20_000)}', ','), createArray())]`;
    expect(evaluate(many)).toMatchObject({ ok: false, reason: 'union() of more than 10000 items' });
  });
});
