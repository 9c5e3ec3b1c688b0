/**
 * @module The shortcuts the manifest reader takes for speed answer as the line-by-line readings they
 * replace: document splitting that skips lines which cannot change a document, the Helm source read
 * without splitting the document, and List splitting only for texts with an `items:` line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { helmTemplate } from '../../../src/load/manifests/helm-source.js';
import type { TextSlice } from '../../../src/load/manifests/split-documents.js';
import {
  isBlankOrComment,
  splitDocuments,
  splitListItems,
} from '../../../src/load/manifests/split-documents.js';

/** Every line looked at, as the reader did before: the reference the shortcut must equal. */
function splitEveryLine(text: string): TextSlice[] {
  const documents: TextSlice[] = [];
  let open = { start: 0, line: 1, explicit: false, content: false };
  const close = (end: number): void => {
    if (open.explicit || open.content) documents.push({ start: open.start, end, line: open.line });
  };
  let start = 0;
  let number = 1;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const next = newline === -1 ? text.length : newline + 1;
    let line = text.slice(start, newline === -1 ? text.length : newline);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (start === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    if (/^---(?:[ \t]|$)/.test(line)) {
      close(start);
      const keepPrelude = !open.explicit && !open.content;
      open = {
        start: keepPrelude ? open.start : start,
        line: keepPrelude ? open.line : number,
        explicit: true,
        content: !isBlankOrComment(line.slice(3)),
      };
    } else if (/^\.\.\.(?:[ \t]|$)/.test(line)) {
      close(next);
      open = { start: next, line: number + 1, explicit: false, content: false };
    } else if (!isBlankOrComment(line) && !(line.startsWith('%') && !open.content)) {
      open.content = true;
    }
    start = next;
    number += 1;
  }
  close(text.length);
  return documents;
}

const LINES = [
  '---',
  '--- # c',
  '--- |',
  '---x',
  '...',
  '... # end',
  '....',
  '# comment',
  '',
  '   ',
  '%YAML 1.1',
  'a: 1',
  '- item',
  '-- x',
  '.hidden: 1',
  '  text',
  '\uFEFF---',
  '\uFEFFa: 1',
  '\t',
];

describe('document splitting', () => {
  it('splits any stream of marker-like, blank, comment and content lines as looking at every line does', () => {
    const stream = fc
      .tuple(
        fc.array(fc.constantFrom(...LINES), { maxLength: 14 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
      )
      .map(([lines, eol, trailing]) => lines.join(eol) + (trailing ? eol : ''));
    fc.assert(
      fc.property(stream, (text) => {
        expect(splitDocuments(text)).toEqual(splitEveryLine(text));
      }),
      { numRuns: 2000, seed: 20260515 },
    );
  });
});

describe('helmTemplate', () => {
  it('reads the Source comment among the leading comments, markers and blank lines, with CRLF too', () => {
    expect(helmTemplate('---\r\n\r\n# Source: chart/templates/a.yaml\r\nkind: A\r\n')).toBe(
      'chart/templates/a.yaml',
    );
    expect(helmTemplate('# other\n#  Source:  chart/templates/b.yaml  \nkind: B\n')).toBe(
      'chart/templates/b.yaml',
    );
    expect(helmTemplate('kind: C\n# Source: chart/templates/c.yaml\n')).toBeUndefined();
    expect(helmTemplate('')).toBeUndefined();
    expect(helmTemplate('# Source: last/line.yaml')).toBe('last/line.yaml');
  });

  it('looks at the first 64 lines only', () => {
    const comments = (count: number): string => '# note\n'.repeat(count);
    expect(helmTemplate(`${comments(63)}# Source: c/templates/x.yaml\n`)).toBe('c/templates/x.yaml');
    expect(helmTemplate(`${comments(64)}# Source: c/templates/x.yaml\n`)).toBeUndefined();
  });
});

describe('splitListItems', () => {
  it('cuts a List whose items: line is the first line, after a byte-order mark', () => {
    expect(splitListItems('\uFEFFitems:\n- a: 1\n- a: 2\nkind: List\n')?.items).toHaveLength(2);
  });

  it('leaves a text without an items: line at column 0 alone', () => {
    expect(splitListItems('kind: List\n  items:\n  - a: 1\n')).toBeUndefined();
    expect(splitListItems('kind: X\nmetadata: {}\n')).toBeUndefined();
  });
});
