/**
 * @module The report writers' chunking: small pieces are gathered into chunks, a piece of a chunk or more is
 * handed on as it is after what is pending, and the text written is always the pieces in order.
 */
import { describe, expect, it } from 'vitest';
import { CHUNK, chunked } from '../../src/report/chunked.js';

function writes(pieces: readonly string[]): string[] {
  const out: string[] = [];
  const stream = chunked((text) => out.push(text));
  for (const piece of pieces) stream.write(piece);
  stream.end();
  return out;
}

/** A deterministic mix of small and large pieces, each tagged with its index so an order change shows. */
function pieces(seed: number, count: number): string[] {
  let state = seed;
  const next = (): number => (state = (state * 1103515245 + 12345) % 2147483648);
  return Array.from({ length: count }, (_, i) => {
    const roll = next() % 10;
    const length = roll < 7 ? next() % 200 : roll < 9 ? next() % (CHUNK * 2) : CHUNK;
    return `<${i}>${'x'.repeat(length)}`;
  });
}

describe('chunked', () => {
  it.each([1, 2, 3, 4, 5])('writes the pieces in order, whatever their sizes (seed %i)', (seed) => {
    const input = pieces(seed, 300);
    const out = writes(input);
    expect(out.join('')).toBe(input.join(''));
    expect(out.every((text) => text.length > 0)).toBe(true);
  });

  it('gathers small pieces into chunks of about CHUNK characters', () => {
    const out = writes(Array.from({ length: 2000 }, () => 'y'.repeat(100)));
    const perChunk = Math.ceil(CHUNK / 100);
    expect(out.length).toBe(Math.ceil(2000 / perChunk));
    expect(out.slice(0, -1).every((text) => text.length === perChunk * 100)).toBe(true);
    expect(out.at(-1)?.length).toBe((2000 % perChunk || perChunk) * 100);
  });

  it('hands a large piece on as it is, after the pending small ones', () => {
    const large = 'L'.repeat(CHUNK + 5);
    expect(writes(['a', 'b', large, 'c'])).toEqual(['ab', large, 'c']);
    expect(writes([large])).toEqual([large]);
  });

  it('writes nothing for no pieces', () => {
    expect(writes([])).toEqual([]);
  });
});
