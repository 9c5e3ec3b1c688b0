/** @module Writing a report a piece at a time: pieces gathered into chunks of about 64 KiB, to a stream or a file. */
import { closeSync, openSync, writeSync } from 'node:fs';

const CHUNK = 64 * 1024;

/**
 * Gathers small pieces and hands `write` one chunk at a time; `end` writes the rest. A piece of a chunk or more
 * (a batch of the JSON report's findings) is handed on as it is, after what is pending: joining it would only
 * copy it.
 */
export function chunked(write: (text: string) => void): { write: (text: string) => void; end: () => void } {
  let pending: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    write(pending.join(''));
    pending = [];
    size = 0;
  };
  return {
    write: (text) => {
      if (text.length >= CHUNK) {
        flush();
        write(text);
        return;
      }
      pending.push(text);
      size += text.length;
      if (size >= CHUNK) flush();
    },
    end: flush,
  };
}

/** Writes a report to a file a chunk at a time (created or truncated). */
export function writeFileInChunks(file: string, produce: (write: (text: string) => void) => void): void {
  const fd = openSync(file, 'w');
  try {
    const out = chunked((text) => writeSync(fd, text));
    produce(out.write);
    out.end();
  } finally {
    closeSync(fd);
  }
}
