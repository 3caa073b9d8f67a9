import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion, floorToUnit } from '../../../src/compute/apportion.js';
import { Yen } from '../../../src/core/yen.js';

const yen = (values: readonly (string | bigint)[]): Yen[] => values.map((v) => new Yen(String(v)));
const text = (values: readonly Yen[]): string[] => values.map((v) => v.toFixed(0));

/** floor(a / b) for bigint, toward −∞ (bigint division truncates toward zero). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** floorToUnit(rate × base) computed exactly in bigint: rate = numerator / 10^scale. */
function reference(base: bigint, rate: string, unit: bigint): bigint {
  const [whole = '0', fraction = ''] = rate.split('.');
  const numerator = BigInt(whole + fraction);
  const denominator = 10n ** BigInt(fraction.length);
  return floorDiv(base * numerator, denominator * unit) * unit;
}

const rateArb = fc.constantFrom('0.7', '0.5', '0.9', '0.333', '1', '0', '0.222', '0.45');
const unitArb = fc.constantFrom(1n, 10n, 1000n, 7n);
const basesArb = fc.array(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), { maxLength: 25 });
const smallBasesArb = fc.array(fc.bigInt({ min: -3000n, max: 3000n }), { maxLength: 25 });

describe('floorToUnit', () => {
  it.each([
    ['1999', '1000', '1000'],
    ['1000', '1000', '1000'],
    ['999.99', '1', '999'],
    ['0.5', '1', '0'],
    ['0', '1000', '0'],
    ['-1', '1000', '-1000'],
    ['-0.5', '1', '-1'],
    ['-1000', '1000', '-1000'],
    ['-1001', '1000', '-2000'],
    ['864196.9', '1000', '864000'],
  ])('floors %s to a multiple of %s toward −∞: %s', (value, unit, expected) => {
    expect(floorToUnit(new Yen(value), new Yen(unit)).toFixed(0)).toBe(expected);
  });

  it('agrees with exact integer floor division for any sign', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), unitArb, (value, unit) => {
        const floored = floorToUnit(new Yen(String(value)), new Yen(String(unit)));
        expect(floored.toFixed(0)).toBe(String(floorDiv(value, unit) * unit));
      }),
    );
  });
});

describe('apportion', () => {
  it('floors the running group total, not each line (docs/decisions.md §1.6)', () => {
    // floor(0.7) = 0, floor(1.4) = 1, floor(2.1) = 2: per-line flooring would give 0 + 0 + 0.
    expect(text(apportion(yen(['1', '1', '1']), new Yen('0.7'), new Yen('1')))).toEqual([
      '0',
      '1',
      '1',
    ]);
  });

  it('rounds the running total down to the policy unit, here 1,000 yen', () => {
    // B = 600,000 → 420,000; B = 1,234,567 → 864,196.9 → 864,000.
    expect(text(apportion(yen(['600000', '634567']), new Yen('0.7'), new Yen('1000')))).toEqual([
      '420000',
      '444000',
    ]);
  });

  it('gives a negative correction a negative share', () => {
    expect(text(apportion(yen(['1000', '-1000', '15']), new Yen('0.7'), new Yen('1')))).toEqual([
      '700',
      '-700',
      '10',
    ]);
  });

  it('returns an empty list for no bases', () => {
    expect(apportion([], new Yen('0.7'), new Yen('1'))).toEqual([]);
  });

  it('makes the lines add up to floorToUnit(rate × Σ bases) exactly, for any order and signs', () => {
    fc.assert(
      fc.property(fc.oneof(basesArb, smallBasesArb), rateArb, unitArb, (bases, rate, unit) => {
        const shares = apportion(yen(bases), new Yen(rate), new Yen(String(unit)));
        const sum = shares.reduce((total, share) => total + BigInt(share.toFixed(0)), 0n);
        const total = bases.reduce((s, b) => s + b, 0n);
        expect(sum).toBe(reference(total, rate, unit));
      }),
    );
  });

  it('gives each line floor(rate × B_i) − floor(rate × B_(i−1)), a whole multiple of the unit', () => {
    fc.assert(
      fc.property(smallBasesArb, rateArb, unitArb, (bases, rate, unit) => {
        const shares = apportion(yen(bases), new Yen(rate), new Yen(String(unit)));
        let running = 0n;
        shares.forEach((share, i) => {
          const previous = reference(running, rate, unit);
          running += bases[i] ?? 0n;
          const value = BigInt(share.toFixed(0));
          expect(value).toBe(reference(running, rate, unit) - previous);
          expect(value % unit).toBe(0n);
          expect(share.isInteger()).toBe(true);
        });
      }),
    );
  });

  it('gives no line a negative share when every base is non-negative', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { maxLength: 20 }),
        rateArb,
        unitArb,
        (bases, rate, unit) => {
          for (const share of apportion(yen(bases), new Yen(rate), new Yen(String(unit))))
            expect(share.gte(0)).toBe(true);
        },
      ),
    );
  });

  it('gives the same group total when the lines are reordered', () => {
    fc.assert(
      fc.property(
        smallBasesArb.chain((bases) =>
          fc.tuple(fc.constant(bases), fc.shuffledSubarray(bases, { minLength: bases.length })),
        ),
        rateArb,
        unitArb,
        ([bases, shuffled], rate, unit) => {
          const total = (values: bigint[]): string =>
            apportion(yen(values), new Yen(rate), new Yen(String(unit)))
              .reduce((s, v) => s.plus(v), new Yen(0))
              .toFixed(0);
          expect(total(shuffled)).toBe(total(bases));
        },
      ),
    );
  });
});
