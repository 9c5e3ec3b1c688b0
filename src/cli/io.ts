/** @module The CLI's contact with the process: streams, colour decision, stdin. */
import type { Diagnostic } from '../load/diagnostics.js';
import { MAX_TEXT_CHARS, sanitizeLine } from '../report/escape.js';
import { readBoundedStream } from '../load/inputs/read-input-file.js';

export interface Streams {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly stdoutIsTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
}

export const processStreams: Streams = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  stdoutIsTTY: process.stdout.isTTY,
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
export function writeDiagnostics(diagnostics: readonly Diagnostic[], streams: Streams): void {
  for (const d of diagnostics) {
    if (d.level === 'info') continue;
    const file = sanitizeLine(d.file);
    const where = d.line === undefined ? file : `${file}:${d.line}`;
    streams.err(`aksward: ${d.level}: ${where}: ${sanitizeLine(d.message, MAX_TEXT_CHARS)}\n`);
  }
}
