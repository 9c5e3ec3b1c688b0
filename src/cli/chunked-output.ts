/** @module Writing a report to a file a chunk at a time (`--output` files beside the main report). */
import { closeSync, openSync, writeSync } from 'node:fs';
import { chunked } from '../report/chunked.js';

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
