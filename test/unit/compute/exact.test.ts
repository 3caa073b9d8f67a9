import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exact, exactText, plus, type Exact } from '../../../src/compute/exact.js';
import { ExactColumn } from '../../../src/compute/exact-column.js';
import { Yen } from '../../../src/core/yen.js';

/** Integer yen amounts of up to 15 digits (the ledger's range). */
const amountArb = fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n });

describe('exact sums', () => {
  it('equal the bigint sum, past the safe-integer range too', () => {
    fc.assert(
      fc.property(fc.array(amountArb, { maxLength: 40 }), (amounts) => {
        let sum: Exact = 0;
        for (const amount of amounts) sum = plus(sum, String(amount));
        expect(exactText(sum)).toBe(String(amounts.reduce((a, b) => a + b, 0n)));
      }),
    );
  });

  it('stay numbers while safe and become a Yen beyond', () => {
    expect(plus(Number.MAX_SAFE_INTEGER - 1, '1')).toBe(Number.MAX_SAFE_INTEGER);
    const beyond = plus(Number.MAX_SAFE_INTEGER, '1');
    expect(beyond).toBeInstanceOf(Yen);
    expect(exactText(beyond)).toBe('9007199254740992');
    expect(exactText(plus(beyond, '-2'))).toBe('9007199254740990');
  });

  it('keep a column row exact when its sum outgrows a double', () => {
    const column = new ExactColumn();
    for (let i = 0; i < 20; i += 1) column.add(40_000, '999999999999999');
    column.add(3, '-5');
    expect(column.text(40_000)).toBe('19999999999999980');
    expect(column.text(3)).toBe('-5');
    expect(column.text(7)).toBe('0');
  });
});

describe('exact of a Yen (issue 17: no Decimal built below 10^15)', () => {
  it('is a number exactly while the integer is safe, a Yen past 2^53 or when not whole', () => {
    for (const text of [
      '0',
      '-0',
      '999999999999999',
      '1000000000000000',
      '9007199254740991',
      '-9007199254740991',
    ])
      expect(exact(new Yen(text))).toBe(Number(text));
    for (const text of ['9007199254740992', '-9007199254740992', '1e20', '0.5', '-123.25']) {
      const value = exact(new Yen(text));
      expect(value).toBeInstanceOf(Yen);
      expect((value as Yen).toFixed()).toBe(new Yen(text).toFixed());
    }
  });
});
