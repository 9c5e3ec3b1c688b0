import { describe, expect, it } from 'vitest';
import { NO_ENTRIES, emptyRecord, stringMapAt } from '../../src/model/index.js';

describe('records without inherited keys', () => {
  it('reads only the keys that were set, whatever the key', () => {
    const record = emptyRecord<string>();
    for (const key of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])
      expect(record[key]).toBeUndefined();
    record['__proto__'] = 'a';
    record['constructor'] = 'b';
    expect(Object.keys(record)).toEqual(['__proto__', 'constructor']);
    expect(record['__proto__']).toBe('a');
    expect('toString' in record).toBe(false);
  });

  it('keeps each record apart (the shared prototype holds nothing)', () => {
    const a = emptyRecord<string>();
    const b = emptyRecord<string>();
    a['app'] = 'web';
    expect(b['app']).toBeUndefined();
    expect(() => {
      (Object.getPrototypeOf(a) as Record<string, string>)['app'] = 'x';
    }).toThrow(TypeError);
  });

  it('shares one frozen empty map for maps that hold nothing', () => {
    expect(Object.isFrozen(NO_ENTRIES)).toBe(true);
    expect(Object.keys(NO_ENTRIES)).toEqual([]);
    expect(NO_ENTRIES['constructor' as never]).toBeUndefined();
    expect(stringMapAt({}, 'labels')).toBe(NO_ENTRIES);
    expect(stringMapAt({ labels: { app: 'web', n: 1 } }, 'labels')).toEqual({ app: 'web' });
  });
});
