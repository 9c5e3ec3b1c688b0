/** @module Tests of the JSON locator, with a property test over random JSON values. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonLocator, type JsonPath } from '../../../src/load/terraform/json-locator.js';

/** Every path into a JSON value, with the value there. */
function* paths(value: unknown, prefix: JsonPath = []): Generator<[JsonPath, unknown]> {
  yield [prefix, value];
  if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* paths(item, [...prefix, i]);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) yield* paths(item, [...prefix, key]);
  }
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

describe('jsonLocator', () => {
  const text = '{\n  "a": {\n    "b": [1, {"c": "x"}],\n    "d\\"q": true\n  }\n}\n';
  const locate = jsonLocator(text, 'f.json');

  it('points at the key of a member and the start of an element', () => {
    expect(locate(['a'])).toEqual({ at: { file: 'f.json', line: 2, column: 3 }, complete: true });
    expect(locate(['a', 'b', 1, 'c'])).toEqual({
      at: { file: 'f.json', line: 3, column: 15 },
      complete: true,
    });
    expect(locate(['a', 'b', 1])).toEqual({ at: { file: 'f.json', line: 3, column: 14 }, complete: true });
    expect(locate(['a', 'd"q'])).toEqual({ at: { file: 'f.json', line: 4, column: 5 }, complete: true });
  });

  it('falls back to the deepest part of the path the text has', () => {
    expect(locate(['a', 'b', 5])).toEqual({ at: { file: 'f.json', line: 3, column: 5 }, complete: false });
    expect(locate(['a', 'b', 0, 'x'])).toEqual({
      at: { file: 'f.json', line: 3, column: 11 },
      complete: false,
    });
    expect(locate(['zzz'])).toEqual({ at: { file: 'f.json', line: 1, column: 1 }, complete: false });
  });

  it('finds every path of any JSON value, compact or indented', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, indent) => {
        const json = JSON.stringify(value, null, indent ? 2 : undefined);
        const find = jsonLocator(json, 'p.json');
        for (const [path, item] of paths(JSON.parse(json))) {
          const found = find(path);
          expect(found.complete).toBe(true);
          const offset = offsetOf(json, found.at.line, found.at.column ?? 1);
          const last = path[path.length - 1];
          const expected = typeof last === 'string' ? JSON.stringify(last) : JSON.stringify(item).charAt(0);
          expect(json.slice(offset, offset + expected.length)).toBe(expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});
