/**
 * @module The JSON and SARIF writers stream their long array a batch at a time in its place: the bytes must be
 * those of `jsonText` of the whole document, whatever the values hold (the placeholder's own text, a key and
 * quote sequence, line breaks, bidi controls) and however many batches there are.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/finding.js';
import { jsonText } from '../../src/report/escape.js';
import type { ArrayPath } from '../../src/report/json-stream.js';
import { writeJsonDocument } from '../../src/report/json-stream.js';
import { formatSarif } from '../../src/report/sarif.js';
import { CONTEXT, RESULT, must } from './fixtures.js';

const HOSTILE = [
  '\u0000aksward-array\u0000',
  '"results": "\u0000aksward-array\u0000"',
  '"findings": []',
  'a\n"b"\\c\u202e\u2028\u0007',
  '',
];

const text = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 12 }));
const value = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(text, tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** A document with a container chain down to the array, other keys around it on every level. */
function documentAt(path: ArrayPath, around: Record<string, unknown>, array: unknown[]): unknown {
  return path.reduceRight<unknown>(
    (inner, key) => (key === 0 ? [inner, around] : { ...around, [key]: inner, after: around }),
    array,
  );
}

function streamed(document: unknown, path: ArrayPath, items: readonly unknown[]): string {
  const parts: string[] = [];
  writeJsonDocument(
    document,
    path,
    items,
    (item) => item,
    (piece) => parts.push(piece),
  );
  return parts.join('');
}

describe('writeJsonDocument', () => {
  it('writes the bytes jsonText writes for the whole document, for any values and batch count', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ArrayPath>(['findings'], ['runs', 0, 'results'], ['a', 'b']),
        fc.dictionary(text, value, { maxKeys: 3 }),
        fc.array(value, { maxLength: 200 }),
        (path, around, items) => {
          const whole = documentAt(path, around, items);
          expect(streamed(documentAt(path, around, []), path, items)).toBe(jsonText(whole));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('writes an empty array as `[]`', () => {
    expect(streamed({ a: 1, findings: ['x'], b: 2 }, ['findings'], [])).toBe(
      jsonText({ a: 1, findings: [], b: 2 }),
    );
  });
});

describe('SARIF, streamed', () => {
  const model = must(
    RESULT.findings.find((f) => f.status === 'fail'),
    'a failing finding',
  );
  const findings: Finding[] = Array.from({ length: 150 }, (_, i) => ({
    ...model,
    message: `${HOSTILE[i % HOSTILE.length] ?? ''} #${i}`,
    fingerprint: i.toString(16).padStart(32, '0'),
  }));

  it('is the text of the whole log, over several batches, hostile messages included', () => {
    const out = formatSarif({ ...RESULT, findings }, CONTEXT);
    expect(out).toBe(`${jsonText(JSON.parse(out))}\n`);
    const log = JSON.parse(out) as { runs: { results: { message: { text: string } }[] }[] };
    expect(log.runs[0]?.results).toHaveLength(150);
    expect(log.runs[0]?.results[149]?.message.text).toContain('#149');
  });
});
