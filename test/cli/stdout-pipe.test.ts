/**
 * @module A pipe on stdout is written synchronously through its descriptor (`writeFully`), so a renderer
 * that never yields cannot queue its whole output in memory: every byte arrives, in order, through
 * partial writes and a full non-blocking pipe (EAGAIN).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeFully } from '../../src/cli/io.js';
import type { WriteBytes } from '../../src/cli/io.js';
import { cli } from './run.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const main = fileURLToPath(new URL('../../dist/aksward.mjs', import.meta.url));

/** A descriptor that takes at most `most` bytes a call and is full (EAGAIN) every `fullEvery`-th call. */
function fakePipe(most: number, fullEvery: number): { write: WriteBytes; received: () => Buffer } {
  const chunks: Buffer[] = [];
  let calls = 0;
  return {
    write: (_fd, bytes, offset) => {
      calls++;
      if (calls % fullEvery === 0) throw Object.assign(new Error('full'), { code: 'EAGAIN' });
      const taken = Buffer.from(bytes.subarray(offset, offset + most));
      chunks.push(taken);
      return taken.length;
    },
    received: () => Buffer.concat(chunks),
  };
}

describe('writeFully', () => {
  it('writes every byte in order through partial writes and a full pipe, multi-byte characters included', () => {
    const text = `{"name": "é-ü-日本-😀"}\n`.repeat(50);
    for (const [most, fullEvery] of [
      [1, 2],
      [3, 3],
      [7, 5],
      [4096, 1000],
    ] as const) {
      const pipe = fakePipe(most, fullEvery);
      writeFully(1, text, pipe.write);
      expect(pipe.received().toString('utf8')).toBe(text);
    }
  });

  it('throws any other error (a closed pipe is for the caller to end quietly)', () => {
    const closed: WriteBytes = () => {
      throw Object.assign(new Error('gone'), { code: 'EPIPE' });
    };
    expect(() => {
      writeFully(1, 'x', closed);
    }).toThrow('gone');
  });
});

describe('stdout as a pipe', () => {
  it('carries the built CLI’s whole answer, as written in process (spawn’s pipe is a socket pair)', async () => {
    const args = ['reach', 'examples/multi-tenant', '-f', 'json'];
    const expected = (await cli(args, { cwd: root })).stdout;
    const received = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [main, ...args], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.on('error', reject);
      child.on('close', () => {
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
    });
    expect(expected.length).toBeGreaterThan(1000);
    expect(received).toBe(expected);
  });
});
