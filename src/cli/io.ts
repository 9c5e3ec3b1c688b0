/** @module The CLI's contact with the process: streams, colour decision, stdin. */
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

/**
 * `aksward scan | head -c1`: the reader closes the pipe and the next write fails with EPIPE (or
 * ERR_STREAM_DESTROYED). That ends output quietly, as for git: no stack trace, no "internal error";
 * the run finishes and exits with the code it computes (so a pipe closed early never turns findings
 * into a pass). Any other write error is said once on stderr and makes the run exit 2.
 */
export function guardProcessStreams(): void {
  for (const stream of [process.stdout, process.stderr]) {
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
    writeTo(process.stdout, s);
  },
  err: (s) => {
    writeTo(process.stderr, s);
  },
  stdoutIsTTY: process.stdout.isTTY,
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
