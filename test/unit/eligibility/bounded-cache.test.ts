import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../../src/eligibility/bounded-cache.js';

describe('BoundedCache', () => {
  it('keeps an entry in use however many others come and go', () => {
    const cache = new BoundedCache<string, number>(3);
    cache.set('hot', 0);
    for (let i = 1; i <= 100; i += 1) {
      cache.set(`cold${String(i)}`, i);
      expect(cache.get('hot')).toBe(0);
    }
  });

  it('never holds more than twice its size, and forgets entries not used since', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.nat(50), { maxLength: 300 }),
        (size, keys) => {
          const cache = new BoundedCache<number, number>(size);
          for (const key of keys) {
            if (cache.get(key) === undefined) cache.set(key, key * 2);
            expect(cache.count).toBeLessThanOrEqual(2 * size);
            // A value found is always the one set for its key.
            expect(cache.get(key)).toBe(key * 2);
          }
        },
      ),
    );
    const cache = new BoundedCache<number, number>(2);
    for (const key of [1, 2, 3, 4, 5]) cache.set(key, key);
    expect(cache.get(1)).toBeUndefined();
    expect(cache.get(5)).toBe(5);
  });
});
