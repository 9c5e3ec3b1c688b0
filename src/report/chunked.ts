/**
 * @module Writing a report a piece at a time: findings rendered a batch at a time (`forEachBatch`), and small
 * pieces gathered into chunks of about 32 KiB (`chunked`).
 */

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

/**
 * Findings rendered per piece by the streamed formats (JSON, SARIF, JUnit, the terminal's details): enough that
 * native `JSON.stringify` does the work, few enough that a piece's text (1 to 2 KB a finding) stays near V8's
 * 128 KB large-object size. A larger string goes to the old generation and stays there until a major
 * collection (512 findings at a time: 20 MB more peak memory for the JSON report).
 */
const BATCH = 64;

/** Visits `items` a batch at a time, in order, with the index of each batch's first item. */
export function forEachBatch<T>(
  items: readonly T[],
  visit: (batch: readonly T[], start: number) => void,
): void {
  for (let start = 0; start < items.length; start += BATCH) visit(items.slice(start, start + BATCH), start);
}
