/** @module Writing a report a piece at a time: small pieces gathered into chunks of about 32 KiB. */

/** Text gathered before a `write`; a piece this size or larger is written as it is. */
export const CHUNK = 32 * 1024;

/**
 * Gathers small pieces and hands `write` one chunk at a time; `end` writes the rest. A piece of a chunk or
 * more (a batch of the JSON report's findings, a piece of the connection list) is handed on as it is, after
 * what is pending: joining it with others would copy every byte of a large report once more.
 */
export function chunked(write: (text: string) => void): { write: (text: string) => void; end: () => void } {
  let pending: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    write(pending.length === 1 ? (pending[0] ?? '') : pending.join(''));
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
