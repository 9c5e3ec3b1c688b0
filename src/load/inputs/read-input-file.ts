/**
 * @module Reads an input file as text, within the size limit; binary or non-UTF-8 content becomes a diagnostic.
 * Only regular files are read, and every read stops at the limit whatever the file system says the size is
 * (`/proc` files report 0 bytes, `/dev/zero` never ends, a FIFO or `/proc/kmsg` blocks).
 */
import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open, stat } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics.js';
import type { LoadLimits } from '../limits.js';

export type ReadResult = { readonly text: string } | { readonly diagnostic: Diagnostic };

const CHUNK_BYTES = 64 * 1024;
/**
 * `O_NONBLOCK`: opening a FIFO does not wait for a writer, and a read that would block (`/proc/kmsg`)
 * fails with EAGAIN instead of hanging. It has no effect on regular files. (Absent on Windows.)
 */
const OPEN_FLAGS = constants.O_RDONLY | ((constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0);

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (bytes[i] === 10) line += 1;
  return line;
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/** What a file system entry is, for the "not a regular file" diagnostic. */
export function describeEntry(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** The "only regular files are read" diagnostic. */
export function notRegularFile(stats: Stats, file: string, level: Diagnostic['level'] = 'error'): Diagnostic {
  const what = describeEntry(stats);
  const hint = stats.isFIFO() || stats.isCharacterDevice() ? ' (use - for standard input)' : '';
  return {
    code: 'read-error',
    level,
    message: `${what}, not a regular file; not read${hint}`,
    file,
  };
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

export function overLimit(file: string, limits: LoadLimits, size?: number): Diagnostic {
  const amount = size === undefined ? `more than ${limits.maxFileBytes} bytes` : `${size} bytes`;
  const message = `${amount} is over limits.maxFileBytes (${limits.maxFileBytes}); not read`;
  return { code: 'limit-exceeded', level: 'error', message, file };
}

/**
 * Collects a stream's bytes, stopping once it holds `maxBytes + 1`: enough to tell "over the limit"
 * without reading (or buffering) the rest. Breaking out of the loop ends the stream.
 */
export async function readBoundedStream(
  chunks: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    const room = maxBytes + 1 - total;
    parts.push(bytes.length > room ? bytes.subarray(0, room) : bytes);
    total += Math.min(bytes.length, room);
    if (total > maxBytes) break;
  }
  return Buffer.concat(parts, total);
}

/** Reads at most `maxBytes + 1` bytes of an open file, chunk by chunk. */
async function readBoundedHandle(handle: FileHandle, maxBytes: number, sizeHint: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  const limit = maxBytes + 1;
  for (;;) {
    const want = Math.min(Math.max(CHUNK_BYTES, sizeHint + 1 - total), limit - total);
    if (want <= 0) break;
    const buffer = Buffer.allocUnsafe(want);
    const { bytesRead } = await handle.read(buffer, 0, want, null);
    if (bytesRead === 0) break;
    parts.push(buffer.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(parts, total);
}

/**
 * Reads a regular file within `limits.maxFileBytes`. The file is checked before it is opened, opened
 * without blocking and checked again on the open handle (it may have been swapped since), and read in chunks
 * up to the limit, so a size the file system misreports cannot make the read unbounded.
 */
export async function readInputFile(path: string, file: string, limits: LoadLimits): Promise<ReadResult> {
  let handle: FileHandle | undefined;
  try {
    // Devices, FIFOs and sockets are never opened: opening some has effects of its own.
    const named = await stat(path);
    if (!named.isFile()) return { diagnostic: notRegularFile(named, file) };
    handle = await open(path, OPEN_FLAGS);
    const stats = await handle.stat();
    if (!stats.isFile()) return { diagnostic: notRegularFile(stats, file) };
    if (stats.size > limits.maxFileBytes) return { diagnostic: overLimit(file, limits, stats.size) };
    const bytes = await readBoundedHandle(handle, limits.maxFileBytes, stats.size);
    if (bytes.length > limits.maxFileBytes) return { diagnostic: overLimit(file, limits) };
    return decodeText(bytes, file);
  } catch (error) {
    const code = errorCode(error);
    const reason = code === 'EAGAIN' ? 'EAGAIN (reading would block: not a file with content)' : code;
    return { diagnostic: { code: 'read-error', level: 'error', message: `cannot read: ${reason}`, file } };
  } finally {
    await handle?.close();
  }
}
