import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedWeakCache } from '../../../src/eligibility/bounded-weak-cache.js';

describe('BoundedWeakCache', () => {
  it('keeps an entry in use however many others come and go', () => {
    const cache = new BoundedWeakCache<object, number>(3);
    const hot = {};
    cache.set(hot, 0);
    for (let i = 1; i <= 100; i += 1) {
      cache.set({}, i);
      expect(cache.get(hot)).toBe(0);
    }
  });

  it('forgets an entry not used for two generations, and gives back what was set', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.nat(50), { maxLength: 300 }),
        (size, picks) => {
          const keys = Array.from({ length: 51 }, () => ({}));
          const cache = new BoundedWeakCache<object, number>(size);
          picks.forEach((pick) => {
            const key = keys[pick] ?? {};
            if (cache.get(key) === undefined) cache.set(key, pick * 2);
            // A value found is always the one set for its key.
            expect(cache.get(key)).toBe(pick * 2);
          });
        },
      ),
    );
    const keys = [{}, {}, {}, {}, {}];
    const cache = new BoundedWeakCache<object, number>(2);
    keys.forEach((key, index) => {
      cache.set(key, index);
    });
    expect(cache.get(keys[0] ?? {})).toBeUndefined();
    expect(cache.get(keys[4] ?? {})).toBe(4);
  });
});
