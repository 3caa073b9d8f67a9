import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactText, toYen, type Exact } from '../../../src/compute/exact.js';
import {
  difference,
  flooredTimesRate,
  floorTimesRate,
} from '../../../src/compute/floor-times-rate.js';
import { Yen } from '../../../src/core/yen.js';

// The rates of the bundled rules and policies, and some that test the edges of the fast path
// (long decimals, fractions that do not end, a rate above one, a rate of zero).
const RATES = [
  '0.7',
  '0.5',
  '0.9',
  '1',
  '0.8',
  '0.75',
  '2/3',
  '1/3',
  '0.123456789',
  '1.5',
  '0',
  '3/7',
];
const UNITS = ['1', '1000', '10000', '1000000', '10000000'].map((unit) => new Yen(unit));

/** Safe integers, most of them near the ends where a double's quotient could round across a whole. */
const totalArb = fc.oneof(
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
  fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: 0, max: 10_000 }).map((offset) => Number.MAX_SAFE_INTEGER - offset),
  fc.integer({ min: 0, max: 10_000 }).map((offset) => -Number.MAX_SAFE_INTEGER + offset),
  fc.integer({ min: 1, max: 2 ** 20 }).map((n) => n * 10 ** 9 - 1),
);

const text = (value: Exact): string => exactText(value);

describe('floorTimesRate (the integer fast path) against flooredTimesRate (decimals)', () => {
  it('gives the same floor for every safe running total, rate and unit', () => {
    fc.assert(
      fc.property(
        totalArb,
        fc.constantFrom(...RATES),
        fc.constantFrom(...UNITS),
        (total, rate, unit) => {
          const fast = floorTimesRate(total, rate, unit);
          expect(text(fast)).toBe(flooredTimesRate(total, rate, unit).toFixed(0));
          // Never a negative zero (Yen(-0) writes "-0").
          expect(toYen(fast).toFixed(0)).not.toBe('-0');
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('takes the floor toward −∞ and to the unit, on cases worked by hand', () => {
    const one = new Yen(1);
    expect(floorTimesRate(1_000_001, '0.7', one)).toBe(700_000); // 700,000.7 → 700,000
    expect(floorTimesRate(-1, '0.7', one)).toBe(-1); // −0.7 → −1
    expect(floorTimesRate(3, '2/3', one)).toBe(2);
    expect(floorTimesRate(4, '2/3', one)).toBe(2); // 2.666… → 2
    expect(floorTimesRate(1_234_567, '0.7', new Yen(1000))).toBe(864_000); // 864,196.9 → 864,000
    expect(floorTimesRate(-1_234_567, '0.7', new Yen(1000))).toBe(-865_000);
    expect(Object.is(floorTimesRate(-5, '0', one), 0)).toBe(true);
    // The quotient 8.999999999999999 (one divisor's part below 9, the divisor 999,999,999 × 10^6):
    // the closest a safe product comes to a whole number, and the double division still floors it to 8.
    const below = 9 * 999_999_999 * 1_000_000 - 1;
    expect(floorTimesRate(below, '1/999999999', new Yen(1_000_000))).toBe(8_000_000);
    expect(flooredTimesRate(below, '1/999999999', new Yen(1_000_000)).toFixed(0)).toBe('8000000');
    expect(floorTimesRate(-below, '1/999999999', new Yen(1_000_000))).toBe(-9_000_000);
  });

  it('leaves to the decimals a total that is a Yen, a product past the safe integers, a rate it cannot read', () => {
    const big = new Yen('123456789012345678');
    expect(floorTimesRate(big, '0.7', new Yen(1))).toBeInstanceOf(Yen);
    expect(text(floorTimesRate(big, '0.7', new Yen(1)))).toBe('86419752308641974');
    const near = Number.MAX_SAFE_INTEGER - 3;
    expect(text(floorTimesRate(near, '0.9', new Yen(1)))).toBe(
      new Yen(near).times('0.9').toDecimalPlaces(0, Yen.ROUND_FLOOR).toFixed(0),
    );
    expect(text(floorTimesRate(1000, '7e-1', new Yen(1)))).toBe('700');
  });

  it('subtracts exactly, past the safe integers too', () => {
    expect(difference(700_000, 560_000).toFixed(0)).toBe('140000');
    expect(difference(0, 0).toFixed(0)).toBe('0');
    expect(difference(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER).toFixed(0)).toBe(
      '18014398509481982',
    );
    expect(difference(new Yen('1e20'), 1).toFixed(0)).toBe('99999999999999999999');
  });
});
