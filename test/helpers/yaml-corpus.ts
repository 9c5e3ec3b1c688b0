/** @module The repository's YAML as a test corpus: its files, and texts mutated from them by random edits. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';

/** Every `.yaml`/`.yml` file under `folder`, sorted. */
export function yamlFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** One of `texts` with one to four edits: a run removed and a few of `chars` inserted at a random place. */
export function mutatedTexts(texts: readonly string[], chars: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.nat({ max: 6 }),
    insert: fc.array(fc.constantFrom(...chars), { maxLength: 5 }),
  });
  return fc
    .tuple(fc.constantFrom(...texts), fc.array(edit, { minLength: 1, maxLength: 4 }))
    .map(([text, edits]) =>
      edits.reduce((t, e) => {
        const at = Math.floor(e.at * t.length);
        return t.slice(0, at) + e.insert.join('') + t.slice(at + e.remove);
      }, text),
    );
}
