import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pooledString } from '../../../src/load/manifests/string-pool.js';

describe('pooledString', () => {
  it('gives back the same text, whatever it holds (lone surrogates, NUL, quotes, long texts)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(pooledString(text)).toBe(text);
      }),
    );
    for (const text of ['\ud800x', 'a"b\\c\n', '\0'.repeat(20), 'é'.repeat(5000)])
      expect(pooledString(text)).toBe(text);
  });

  it('keeps no larger text alive through a pooled string (a substring view would hold its document)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const kept: string[] = [];
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 200; i += 1) {
      // A fresh 100 KB document each time; its image value is a 40-character substring.
      const document = `image: registry.example.com/team/app-${String(i).padStart(4, '0')}:1\n${'x'.repeat(100_000)}`;
      kept.push(pooledString(document.slice(7, 47)));
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(kept[3]).toBe('registry.example.com/team/app-0003:1\nxxx');
    // Held documents would be 20 MB; the pooled copies are a few KB.
    expect(grown).toBeLessThan(5_000_000);
  });
});
