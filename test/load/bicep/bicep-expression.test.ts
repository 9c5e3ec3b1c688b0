/** @module Bicep expressions, translated to ARM and evaluated: one row per construct of the expression language. */
import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../src/load/cluster-json/arm-value.js';
import { createTemplateScope } from '../../../src/load/cluster-json/template-scope.js';
import { compileBicep } from '../../../src/load/bicep/bicep-compile.js';
import { parseBicep } from '../../../src/load/bicep/bicep-parser.js';

/** Compiles `source` and evaluates its variable `x`; `reports` collects what the compiler reported. */
function evaluate(source: string): { result: Evaluation; reports: string[] } {
  const parsed = parseBicep(source);
  if (!parsed.ok) throw new Error(`${parsed.message} at ${parsed.line}`);
  const reports: string[] = [];
  const template = compileBicep(parsed.declarations, 'main.bicep', {
    report: (message, line) => reports.push(`${line}: ${message}`),
    module: () => undefined,
  });
  return { result: createTemplateScope(template).variable('x', false), reports };
}

const value = (expression: string, prelude = ''): unknown => {
  const { result } = evaluate(`${prelude}\nvar x = ${expression}\n`);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
};

describe('Bicep operators and literals', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 / 3', 3],
    ['10 % 3', 1],
    ['-5 + 1', -4],
    ['-(2 + 3)', -5],
    ["'a' == 'a'", true],
    ["'A' =~ 'a'", true],
    ["'A' !~ 'a'", false],
    ['1 != 2', true],
    ['2 < 3', true],
    ['3 <= 3', true],
    ['4 > 3', true],
    ['3 >= 4', false],
    ['true && false || true', true],
    ['!true', false],
    ["null ?? 'x'", 'x'],
    ["null ?? null ?? 'z'", 'z'],
    ["true ? 'a' : 'b'", 'a'],
    ["1 > 2 ? 'a' : 2 > 1 ? 'b' : 'c'", 'b'],
    ['{ a: { b: 1 } }.a.b', 1],
    ["{ a: 1 }['a']", 1],
    ["{ a: 1 }.?b ?? 'd'", 'd'],
    ['{ a: { b: 1 } }.?a.?c', null],
    ['[1, 2, 3][1]', 2],
    ['[1][?5]', null],
    ['[\n  1\n  2\n]', [1, 2]],
    ['{\n  a: 1\n  b: [\n    true\n  ]\n}', { a: 1, b: [true] }],
    ['{ a: 1, b: 2 }', { a: 1, b: 2 }],
    ['null', null],
  ])('%s', (expression, expected) => {
    expect(value(expression)).toEqual(expected);
  });
});

describe('Bicep strings', () => {
  it.each([
    ["'x-${1 + 1}-${'y'}'", 'x-2-y'],
    ["'{braces}${1}'", '{braces}1'],
    ["'it\\'s \\${not} a hole'", "it's ${not} a hole"],
    ["'tab\\there'", 'tab\there'],
    ["'\\u{41}'", 'A'],
    ["'''\nline1\nline2'''", 'line1\nline2'],
    ["'''no ${interpolation}'''", 'no ${interpolation}'],
    ["'[not an expression]'", '[not an expression]'],
    ["'${'nested ${'deep'}'}'", 'nested deep'],
  ])('%s', (expression, expected) => {
    expect(value(expression)).toEqual(expected);
  });
});

describe('Bicep loops, lambdas and functions', () => {
  it.each([
    ['[for i in range(0, 3): i * 2]', [0, 2, 4]],
    ["[for (x, i) in ['a', 'b']: '${i}${x}']", ['0a', '1b']],
    [
      '[for x in [1, 2]: [for y in [10, 20]: x * y]]',
      [
        [10, 20],
        [20, 40],
      ],
    ],
    ['map([1, 2], x => x + 1)', [2, 3]],
    ['filter([1, 2, 3], x => x > 1)', [2, 3]],
    ['reduce([1, 2, 3], 0, (cur, next) => cur + next)', 6],
    ["toObject([{ n: 'a', v: 1 }], x => x.n, x => x.v)", { a: 1 }],
    ['union({ a: 1 }, { b: 2 })', { a: 1, b: 2 }],
    ["length('abc')", 3],
    ["sys.concat('a', 'b')", 'ab'],
    ["contains(['a'], 'a')", true],
    ["any('x')", 'x'],
    ["toLower('ABC')", 'abc'],
  ])('%s', (expression, expected) => {
    expect(value(expression)).toEqual(expected);
  });

  it('calls user-defined functions', () => {
    expect(value('double(4)', 'func double(n int) int => n * 2')).toBe(8);
    expect(value("greet('x')", "func greet(name string) string => 'hi ${name}'")).toBe('hi x');
  });

  it('reads parameters and variables declared in any order', () => {
    expect(value("'${p}-${v}'", "param p string = 'a'\nvar v = 'b'")).toBe('a-b');
  });

  it('leaves deployment values undecided', () => {
    const { result } = evaluate('var x = az.resourceGroup().location\n');
    expect(result).toMatchObject({ ok: false, undecidable: true });
  });

  it('reports an undeclared name at its line, and the value is undecided', () => {
    const { result, reports } = evaluate('\n\nvar x = missing\n');
    expect(result).toMatchObject({ ok: false, undecidable: true });
    expect(reports).toEqual(["3: 'missing' is not declared"]);
  });

  it('does not evaluate compile-time file reads', () => {
    const { result, reports } = evaluate("var x = loadJsonContent('settings.json')\n");
    expect(result).toMatchObject({ ok: false, undecidable: true });
    expect(reports).toHaveLength(1);
  });
});
