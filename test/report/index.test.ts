/** @module Tests of the format registry. */
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, formatters, isFormatName } from '../../src/report/index.js';
import { formatJson } from '../../src/report/json.js';
import { formatTerminal } from '../../src/report/terminal.js';
import { CONTEXT, RESULT } from './fixtures.js';

describe('formatters', () => {
  it('maps every --format name to its formatter', () => {
    expect(Object.keys(formatters)).toEqual(['table', 'json', 'sarif', 'markdown', 'junit']);
    expect(FORMAT_NAMES).toEqual(Object.keys(formatters));
    expect(formatters.table).toBe(formatTerminal);
    expect(formatters.json).toBe(formatJson);
  });

  it('recognises format names', () => {
    expect(isFormatName('sarif')).toBe(true);
    expect(isFormatName('html')).toBe(false);
    expect(isFormatName('toString')).toBe(false);
  });

  it('only the table format ever writes ANSI colour', () => {
    for (const name of FORMAT_NAMES.filter((n) => n !== 'table')) {
      expect(formatters[name](RESULT, { ...CONTEXT, color: true })).toBe(formatters[name](RESULT, CONTEXT));
    }
  });
});
