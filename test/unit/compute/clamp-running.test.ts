import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampRunning } from '../../../src/compute/clamp-running.js';
import { Yen } from '../../../src/core/yen.js';

const yen = (values: readonly (string | bigint)[]): Yen[] => values.map((v) => new Yen(String(v)));
const text = (values: readonly Yen[]): string[] => values.map((v) => v.toFixed(0));

/** Integer yen amounts of up to 15 digits (the ledger's range), as bigint for exact reference sums. */
const amountArb = fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n });
const amountsArb = fc.array(amountArb, { maxLength: 30 });
/** Small amounts make the cap bind and release often. */
const smallAmountsArb = fc.array(fc.bigInt({ min: -2000n, max: 2000n }), { maxLength: 30 });
const limitArb = fc.oneof(
  fc.bigInt({ min: 0n, max: 10n ** 15n }),
  fc.bigInt({ min: 0n, max: 3000n }),
);

const clamp = (value: bigint, limit: bigint): bigint =>
  value < 0n ? 0n : value > limit ? limit : value;

function run(amounts: readonly bigint[], limit: bigint): { counted: bigint[]; after: bigint[] } {
  const result = clampRunning(yen(amounts), new Yen(String(limit)));
  return {
    counted: result.counted.map((v) => BigInt(v.toFixed(0))),
    after: result.after.map((v) => BigInt(v.toFixed(0))),
  };
}

describe('clampRunning', () => {
  it('consumes the cap in ledger order, corrections included (docs/decisions.md §1.4)', () => {
    const { counted, after } = clampRunning(
      yen(['700000', '600000', '-400000', '200000']),
      new Yen('1000000'),
    );
    // S = 700k, 1.3M, 900k, 1.1M; clamp(S) = 700k, 1M, 900k, 1M.
    expect(text(counted)).toEqual(['700000', '300000', '-100000', '100000']);
    expect(text(after)).toEqual(['700000', '1000000', '900000', '1000000']);
  });

  it('counts a line after the cap is used up as zero', () => {
    const { counted, after } = clampRunning(yen(['2000000', '500', '1']), new Yen('1000000'));
    expect(text(counted)).toEqual(['1000000', '0', '0']);
    expect(text(after)).toEqual(['1000000', '1000000', '1000000']);
  });

  it('never lets a negative running sum count below zero, and refills from zero afterwards', () => {
    const { counted, after } = clampRunning(yen(['-300', '100', '500', '-1000']), new Yen('1000'));
    // S = -300, -200, 300, -700; clamp = 0, 0, 300, 0.
    expect(text(counted)).toEqual(['0', '0', '300', '-300']);
    expect(text(after)).toEqual(['0', '0', '300', '0']);
  });

  it('counts nothing under a limit of zero', () => {
    const { counted } = clampRunning(yen(['100', '-50', '70']), new Yen('0'));
    expect(text(counted)).toEqual(['0', '0', '0']);
  });

  it('returns empty lists for no lines', () => {
    expect(clampRunning([], new Yen('1000'))).toEqual({ counted: [], after: [] });
  });

  it('makes the counted amounts add up to clamp(Σ amounts), the scope total base', () => {
    fc.assert(
      fc.property(fc.oneof(amountsArb, smallAmountsArb), limitArb, (amounts, limit) => {
        const { counted } = run(amounts, limit);
        const total = amounts.reduce((sum, a) => sum + a, 0n);
        expect(counted.reduce((sum, c) => sum + c, 0n)).toBe(clamp(total, limit));
      }),
    );
  });

  it('keeps every prefix sum of the counted amounts within [0, limit], equal to clamp(S_i) and to `after`', () => {
    fc.assert(
      fc.property(fc.oneof(amountsArb, smallAmountsArb), limitArb, (amounts, limit) => {
        const { counted, after } = run(amounts, limit);
        let prefix = 0n;
        let running = 0n;
        counted.forEach((c, i) => {
          prefix += c;
          running += amounts[i] ?? 0n;
          expect(prefix >= 0n && prefix <= limit).toBe(true);
          expect(prefix).toBe(clamp(running, limit));
          expect(after[i]).toBe(prefix);
        });
      }),
    );
  });

  it('never counts more than a line brings, nor against its sign', () => {
    fc.assert(
      fc.property(fc.oneof(amountsArb, smallAmountsArb), limitArb, (amounts, limit) => {
        const { counted } = run(amounts, limit);
        counted.forEach((c, i) => {
          const amount = amounts[i] ?? 0n;
          if (amount >= 0n) expect(c >= 0n && c <= amount).toBe(true);
          else expect(c <= 0n && c >= amount).toBe(true);
        });
      }),
    );
  });

  it('counts every line in full while the running sum stays within [0, limit]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { maxLength: 20 }),
        (amounts) => {
          const limit = amounts.reduce((sum, a) => sum + a, 0n);
          expect(run(amounts, limit).counted).toEqual(amounts);
        },
      ),
    );
  });

  it('gives the same scope total whatever the order of the lines', () => {
    fc.assert(
      fc.property(
        smallAmountsArb.chain((amounts) =>
          fc.tuple(
            fc.constant(amounts),
            fc.shuffledSubarray(amounts, { minLength: amounts.length }),
          ),
        ),
        limitArb,
        ([amounts, shuffled], limit) => {
          const sum = (values: bigint[]): bigint => values.reduce((s, v) => s + v, 0n);
          expect(sum(run(shuffled, limit).counted)).toBe(sum(run(amounts, limit).counted));
        },
      ),
    );
  });
});
