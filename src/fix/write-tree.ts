/**
 * @module Writing a plan's files: thousands of small files (a policy per workload, the inputs under `after/`).
 * One at a time, each write waits for the one before; a few in flight at once take a third of the time.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';

/** Writes in flight at once. */
const CONCURRENCY = 16;

/**
 * Writes each text at its path relative to `root`, the folders made first. A path that would leave `root` is
 * refused before anything is written.
 */
export async function writeTree(root: string, files: Iterable<readonly [string, string]>): Promise<void> {
  // By target: a path given twice is written once, with its last text.
  const byTarget = new Map<string, string>();
  for (const [relative, text] of files) {
    const target = path.resolve(root, relative);
    if (target !== root && !target.startsWith(root + path.sep))
      throw new UsageError(`refusing to write outside ${root}: ${relative}`);
    byTarget.set(target, text);
  }
  const targets = [...byTarget].map(([target, text]) => ({ target, text }));
  for (const folder of new Set(targets.map((t) => path.dirname(t.target))))
    await mkdir(folder, { recursive: true });
  let next = 0;
  const writer = async (): Promise<void> => {
    for (let file = targets[next++]; file !== undefined; file = targets[next++])
      await writeFile(file.target, file.text);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, targets.length) }, writer));
}
