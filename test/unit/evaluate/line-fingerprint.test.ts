import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonNumber } from '../../../src/fields/json-number.js';
import { addLineValues } from '../../../src/evaluate/line-fingerprint.js';

const codes = (value: unknown): string => {
  const fed: number[] = [];
  addLineValues((code) => fed.push(code), value);
  return fed.join(',');
};

describe('addLineValues (checked-passes.ts compares lines by it)', () => {
  it('tells apart values that read alike as text', () => {
    const values: unknown[] = [
      { amount: '800000' },
      { amount: 800000 },
      { amount: new JsonNumber('800000.0') },
      { amount: ['800000'] },
      { amount: { value: '800000' } },
      { amount: null },
      { amount: undefined },
      {},
      { amount: true },
      { amount: 'true' },
      { amount: 0 },
      { amount: -0 },
      { amount: 800000n },
      { a: 'b', c: '' },
      { a: 'bc' },
      { ab: 'c' },
      ['a', 'b'],
      ['ab'],
    ];
    const seen = new Set(values.map(codes));
    expect(seen.size).toBe(values.length);
  });

  it('reads keys in any order alike, and equal values alike', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(codes(reversed)).toBe(codes(record));
        expect(codes(structuredClone(record))).toBe(codes(record));
      }),
    );
  });

  it('tells apart any two different JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const same = JSON.stringify(sortedKeys(a)) === JSON.stringify(sortedKeys(b));
        expect(codes(a) === codes(b)).toBe(same);
      }),
    );
  });

  it('walks no deeper than a ledger goes (no stack overflow on hostile nesting)', () => {
    let deep: unknown = 'x';
    for (let depth = 0; depth < 100_000; depth += 1) deep = [deep];
    expect(() => codes({ facts: deep })).not.toThrow();
  });
});

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return Object.is(value, -0) ? '-0' : value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}
