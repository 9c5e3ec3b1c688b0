import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkJsonSyntax } from '../../../src/load/cluster-json/json-syntax.js';
import { parseJsonTree, toPlain } from '../../../src/load/cluster-json/json-tree.js';
import { createMemorySink } from './memory-sink.js';

const accepts = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('checkJsonSyntax agrees with JSON.parse', () => {
  it('accepts every generated JSON text, compact or indented', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 5 }), fc.constantFrom(0, 2, '\t'), (text, indent) => {
        const pretty = JSON.stringify(JSON.parse(text), null, indent);
        expect(checkJsonSyntax(text, 200)).toBeUndefined();
        expect(checkJsonSyntax(pretty, 200)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('accepts and refuses exactly what JSON.parse does on near-JSON noise', () => {
    const token = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      ' ',
      '"a"',
      '"\\u00e9"',
      '"\\x"',
      '1',
      '-0.5e3',
      '01',
      'true',
      'nul',
      'null',
      "'s'",
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 14 }), (tokens) => {
        const text = tokens.join('');
        expect(checkJsonSyntax(text, 200) === undefined).toBe(accepts(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseJsonTree', () => {
  it('keeps the value JSON.parse gives, with 1-based lines on every node', () => {
    const text = '{\n  "a": [\n    1,\n    {"b": null}\n  ],\n  "A": "last wins"\n}';
    const sink = createMemorySink();
    const tree = parseJsonTree(text, 'x.json', sink);
    expect(tree && toPlain(tree)).toEqual(JSON.parse(text));
    expect(tree?.kind === 'object' && tree.entries.map((e) => [e.key, e.line, e.value.line])).toEqual([
      ['a', 2, 2],
      ['A', 6, 6],
    ]);
    expect(sink.diagnostics).toEqual([
      {
        code: 'conflicting-value',
        level: 'warning',
        message: 'key "A" repeats the key on line 2 (ARM keys are case-insensitive); the last one is used',
        file: 'x.json',
        line: 6,
      },
    ]);
  });

  it('gives own __proto__ keys, never a prototype change', () => {
    const tree = parseJsonTree('{"__proto__": {"polluted": true}}', 'x.json', createMemorySink());
    const plain = tree && (toPlain(tree) as Record<string, unknown>);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(Object.keys(plain ?? {})).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
