import { parseAllDocuments, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { itemText, splitDocuments, splitListItems } from '../../../src/load/manifests/split-documents.js';

const STREAMS: Record<string, string> = {
  plain: 'a: 1\n',
  'leading comment and marker': '# c\n---\na: 1\n---\nb: 2\n',
  'empty explicit documents': '---\n---\na: 1\n---\n',
  'document end markers': 'a: 1\n...\n# between\n---\nb: 2\n...\nc: 3\n',
  directives: '%YAML 1.1\n---\na: 1\n...\n%YAML 1.1\n---\nb: 2\n',
  'content on the marker line': '--- |\n  text\n--- # comment\nb: 2\n--- [1, 2]\n',
  crlf: 'a: 1\r\n---\r\nb: 2\r\n',
  'marker-like text inside scalars': 'a: "---"\nb: |\n  --- not a marker\n  ...\nc: ----\n',
  'byte-order mark': '\uFEFF---\na: 1\n',
};

describe('splitDocuments', () => {
  for (const [name, text] of Object.entries(STREAMS)) {
    it(`splits like the yaml library: ${name}`, () => {
      const expected = parseAllDocuments(text).map((document) => document.toJS() as unknown);
      const actual = splitDocuments(text).map(
        (slice) => parseDocument(text.slice(slice.start, slice.end)).toJS() as unknown,
      );
      expect(actual).toEqual(expected);
    });
  }

  it('gives each document its first line', () => {
    expect(splitDocuments('# c\n---\na: 1\n---\nb: 2\n').map((s) => s.line)).toEqual([1, 4]);
  });
});

describe('splitListItems', () => {
  it('cuts a kubectl-style List into items and a skeleton without them', () => {
    const text = 'apiVersion: v1\nitems:\n- a: 1\n  b:\n    - x\n# note\n- a: 2\nkind: List\n';
    const split = splitListItems(text);
    expect(split?.items.map((item) => [item.line, text.slice(item.start, item.end)])).toEqual([
      [3, '- a: 1\n  b:\n    - x\n# note\n'],
      [7, '- a: 2\n'],
    ]);
    expect(split?.skeleton).toBe('apiVersion: v1\nitems:\nkind: List\n');
    const first = split?.items[0];
    expect(split && first ? parseDocument(itemText(text, split, first)).toJS() : undefined).toEqual({
      a: 1,
      b: ['x'],
    });
  });

  it('handles indented sequences and leaves other shapes to the whole-document parse', () => {
    expect(splitListItems('items:\n  - a: 1\n  - a: 2\nkind: List\n')?.items).toHaveLength(2);
    expect(splitListItems('items: []\nkind: List\n')).toBeUndefined();
    expect(splitListItems('kind: List\nitems:\nmetadata: {}\n')).toBeUndefined();
    expect(splitListItems('spec:\n  items:\n  - a\n')).toBeUndefined();
    expect(splitListItems('items:\n- a: 1\n\t- b\n')).toBeUndefined();
  });
});
