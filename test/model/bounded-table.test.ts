/** The bounded table: values made once per key and shared, the table emptied when full, some values never kept. */
import { describe, expect, it } from 'vitest';
import { BoundedTable } from '../../src/model/index.js';

describe('BoundedTable', () => {
  it('makes a value once per key and hands the same one out after', () => {
    const table = new BoundedTable<string, { n: number }>(4);
    let made = 0;
    const make = () => ({ n: ++made });
    const first = table.get('a', make);
    expect(table.get('a', make)).toBe(first);
    expect(made).toBe(1);
  });

  it('empties itself when full, so it never holds more than its capacity', () => {
    const table = new BoundedTable<number, number>(2);
    let made = 0;
    const make = () => ++made;
    table.get(1, make);
    table.get(2, make);
    table.get(3, make); // full: emptied, then 3 kept
    expect(made).toBe(3);
    table.get(3, make);
    expect(made).toBe(3);
    table.get(1, make);
    expect(made).toBe(4);
  });

  it('keeps no value that `keep` refuses: it is made again at the next call', () => {
    const table = new BoundedTable<string, string>(4);
    let made = 0;
    const make = () => String(++made);
    const keepEven = (value: string) => Number(value) % 2 === 0;
    expect(table.get('k', make, keepEven)).toBe('1');
    expect(table.get('k', make, keepEven)).toBe('2');
    expect(table.get('k', make, keepEven)).toBe('2');
    expect(made).toBe(2);
  });
});
