/** @module The CLI's contact with the process: streams, colour decision, stdin. */
import { fstatSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import type { Diagnostic } from '../load/diagnostics.js';
import { collapseDuplicates } from '../report/collapse-diagnostics.js';
import { MAX_TEXT_CHARS, sanitizeLine } from '../report/escape.js';
import { readBoundedStream } from '../load/inputs/read-input-file.js';

export interface Streams {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly stdoutIsTTY: boolean;
  /** Whether stderr is a terminal (the progress line); unset means no. */
  readonly stderrIsTTY?: boolean;
  readonly env: NodeJS.ProcessEnv;
}

/** A stream whose reader has gone (EPIPE) or that failed: nothing more is written to it. */
const closed = new Set<NodeJS.WriteStream>();
/** Set when a stream failed for another reason than its reader closing it: the run exits 2. */
let writeFailure: string | undefined;

/** Writes unless the stream is closed; a write to a closed pipe is dropped, never an error. */
function writeTo(stream: NodeJS.WriteStream, s: string): void {
  if (!closed.has(stream) && !stream.destroyed) stream.write(s);
}

/** The one way `writeFully` writes: `fs.writeSync` of bytes from an offset, returning how many it wrote. */
export type WriteBytes = (fd: number, bytes: Uint8Array, offset: number) => number;

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text` to `fd` before returning: a write may take part of it, and a non-blocking pipe
 * that is full (EAGAIN: the reader is behind) is waited for a millisecond at a time. Other errors throw.
 */
export function writeFully(fd: number, text: string, write: WriteBytes = writeSync): void {
  const bytes = Buffer.from(text);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += write(fd, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

/**
 * Whether stdout is a pipe or a socket, written through its descriptor (`writeFully`) rather than
 * `process.stdout`: Node writes to a pipe asynchronously, queueing what the pipe cannot take at once, and
 * a renderer that writes gigabytes without returning to the event loop (`reach -f json` on a
 * 10,000-workload cluster: 4.8 GB) held most of it in memory (3.4 GB peak, against 0.3 GB to a file).
 * `process.stdout` is then never touched: creating it makes the pipe non-blocking. A TTY or a file is
 * written synchronously by the stream already.
 */
let stdoutDirect: boolean | undefined;
let stdoutClosed = false;

function isStdoutDirect(): boolean {
  if (stdoutDirect === undefined) {
    try {
      const stat = fstatSync(1);
      stdoutDirect = stat.isFIFO() || stat.isSocket();
    } catch {
      // No stdout at all (closed descriptor): the stream reports it, as before.
      stdoutDirect = false;
    }
  }
  return stdoutDirect;
}

function writeStdout(s: string): void {
  if (!isStdoutDirect()) {
    writeTo(process.stdout, s);
    return;
  }
  if (stdoutClosed) return;
  try {
    writeFully(1, s);
  } catch (error) {
    stdoutClosed = true;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return;
    writeFailure ??= code ?? 'write failed';
    writeTo(process.stderr, `aksward: cannot write output: ${writeFailure}\n`);
  }
}

/**
 * `aksward scan | head -c1`: the reader closes the pipe and the next write fails with EPIPE (or
 * ERR_STREAM_DESTROYED). That ends output quietly, as for git: no stack trace, no "internal error";
 * the run finishes and exits with the code it computes (so a pipe closed early never turns findings
 * into a pass). Any other write error is said once on stderr and makes the run exit 2.
 */
export function guardProcessStreams(): void {
  const streams = isStdoutDirect() ? [process.stderr] : [process.stdout, process.stderr];
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      closed.add(stream);
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
      writeFailure ??= error.code ?? 'write failed';
      writeTo(process.stderr, `aksward: cannot write output: ${writeFailure}\n`);
    });
  }
}

/** Whether a write failed for another reason than a closed pipe (see `guardProcessStreams`). */
export const outputFailed = (): boolean => writeFailure !== undefined;

export const processStreams: Streams = {
  out: (s) => {
    writeStdout(s);
  },
  err: (s) => {
    writeTo(process.stderr, s);
  },
  stdoutIsTTY: isatty(1),
  stderrIsTTY: process.stderr.isTTY,
  env: process.env,
};

/** Colour only on a TTY, never with NO_COLOR (any non-empty value) or TERM=dumb; FORCE_COLOR forces it. */
export function decideColor(streams: Streams, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  const { env } = streams;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== '') return true;
  if (env.TERM === 'dumb') return false;
  return streams.stdoutIsTTY;
}

/** Standard input, up to `maxBytes + 1` bytes (the loader reports more as over the limit). */
export function readStdin(maxBytes: number): Promise<Uint8Array> {
  return readBoundedStream(process.stdin, maxBytes);
}

/** Warnings and errors of the loaders as `aksward: <level>: <file>:<line>: <message>` lines on stderr. */
export function writeDiagnostics(
  diagnostics: readonly (Pick<Diagnostic, 'level' | 'file' | 'line' | 'message'> & {
    readonly code?: string;
  })[],
  streams: Streams,
): void {
  for (const d of collapseDuplicates(diagnostics)) {
    if (d.level === 'info') continue;
    const file = sanitizeLine(d.file);
    const where = d.line === undefined ? file : `${file}:${d.line}`;
    streams.err(`aksward: ${d.level}: ${where}: ${sanitizeLine(d.message, MAX_TEXT_CHARS)}\n`);
  }
}
