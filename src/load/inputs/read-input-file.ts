/** @module Reads an input file as text, within the size limit; binary or non-UTF-8 content becomes a diagnostic. */
import { readFile, stat } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics.js';
import type { LoadLimits } from '../limits.js';

export type ReadResult = { readonly text: string } | { readonly diagnostic: Diagnostic };

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (bytes[i] === 10) line += 1;
  return line;
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/**
 * Decodes bytes: UTF-8 (a byte-order mark is dropped), or UTF-16 when it starts with its
 * byte-order mark (PowerShell's `>` writes UTF-16LE, e.g. `kubectl get -o yaml > all.yaml`).
 */
export function decodeText(bytes: Uint8Array, file: string): ReadResult {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : 'utf-8';
  if (encoding === 'utf-8') {
    const nul = bytes.indexOf(0);
    if (nul !== -1) {
      const message = 'binary file (a NUL byte); not read';
      return {
        diagnostic: { code: 'parse-error', level: 'error', message, file, line: lineOfByte(bytes, nul) },
      };
    }
  }
  try {
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    // TextDecoder says only "invalid data"; find the line ourselves
    const loose = new TextDecoder(encoding).decode(bytes);
    const line = loose.slice(0, loose.indexOf('\uFFFD')).split('\n').length;
    const message = `not ${encoding === 'utf-8' ? 'UTF-8' : 'UTF-16'} text (an invalid byte sequence); not read`;
    return { diagnostic: { code: 'read-error', level: 'error', message, file, line } };
  }
}

export async function readInputFile(path: string, file: string, limits: LoadLimits): Promise<ReadResult> {
  try {
    const { size } = await stat(path);
    if (size > limits.maxFileBytes) {
      const message = `${size} bytes is over limits.maxFileBytes (${limits.maxFileBytes}); not read`;
      return { diagnostic: { code: 'limit-exceeded', level: 'error', message, file } };
    }
    return decodeText(await readFile(path), file);
  } catch (error) {
    return {
      diagnostic: { code: 'read-error', level: 'error', message: `cannot read: ${errorCode(error)}`, file },
    };
  }
}
