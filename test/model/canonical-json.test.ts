import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/model/index.js';

describe('canonicalJson', () => {
  it('gives one text for the same object whatever its key order, and JSON.stringify’s scalars', () => {
    const a = canonicalJson({ b: [1, 'x', null, { d: true, c: false }], a: { z: 1, y: 2 } });
    const b = canonicalJson({ a: { y: 2, z: 1 }, b: [1, 'x', null, { c: false, d: true }] });
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"y":2,"z":1},"b":[1,"x",null,{"c":false,"d":true}]}');
    expect(canonicalJson({ a: [], b: {} })).toBe('{"a":[],"b":{}}');
    expect(canonicalJson({ a: [1] })).not.toBe(canonicalJson({ a: [2] }));
  });

  it('reads JSON nested 50,000 levels deep without overflowing the stack (a hostile input scanned as a duplicate)', () => {
    let deep: unknown = [];
    for (let i = 0; i < 50_000; i += 1) deep = [deep];
    const text = canonicalJson({ data: deep });
    expect(text.length).toBe('{"data":}'.length + 2 * 50_001);
  });
});
