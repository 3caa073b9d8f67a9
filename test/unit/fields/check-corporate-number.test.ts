import { describe, expect, it } from 'vitest';
import { checkCorporateNumber } from '../../../src/fields/check-corporate-number.js';

const EXPECTED = '13桁の法人番号（文字列、例: "7000012050002"）';

/**
 * 国税庁's formula written out independently of the implementation: the base is the last 12 digits;
 * Pn is its n-th digit from the right, Qn = 1 (odd n) or 2 (even n); check = 9 − (Σ Pn×Qn mod 9).
 */
function referenceCheckDigit(base: string): number {
  const fromRight = Array.from(base.matchAll(/\d/gu), (m) => m[0]).reverse();
  const sum = fromRight.reduce(
    (total, digit, i) => total + Number(digit) * ((i + 1) % 2 === 1 ? 1 : 2),
    0,
  );
  return 9 - (sum % 9);
}

describe('checkCorporateNumber', () => {
  it("computes 7 as the check digit of 国税庁's own base 000012050002", () => {
    // Digits from the right: 2,0,0,0,5,0,2,1,0,0,0,0 → 2 + 5 + 2 + 1×2 = 11; 9 − 11 mod 9 = 7.
    expect(referenceCheckDigit('000012050002')).toBe(7);
  });

  it("accepts 国税庁's own 法人番号 7000012050002", () => {
    expect(checkCorporateNumber('7000012050002')).toEqual({ ok: true, value: '7000012050002' });
  });

  it('accepts a number built with the reference formula', () => {
    const base = '123456789012';
    const number = `${referenceCheckDigit(base)}${base}`;
    expect(checkCorporateNumber(number)).toEqual({ ok: true, value: number });
  });

  it('accepts full-width digits and surrounding spaces, returning ASCII', () => {
    expect(checkCorporateNumber(' ７００００１２０５０００２\u3000')).toEqual({
      ok: true,
      value: '7000012050002',
    });
  });

  it('rejects a wrong check digit, naming the correct one', () => {
    expect(checkCorporateNumber('8000012050002')).toEqual({
      ok: false,
      expected: '検査数字（1桁目）が 7 の法人番号（入力の1桁目は 8）',
      received: '"8000012050002"',
    });
  });

  it('rejects a leading 0, which the formula never produces', () => {
    expect(checkCorporateNumber('0000012050002')).toMatchObject({
      ok: false,
      expected: '検査数字（1桁目）が 7 の法人番号（入力の1桁目は 0）',
    });
  });

  it('rejects a transposition in the base', () => {
    expect(checkCorporateNumber('7000012050020')).toMatchObject({ ok: false });
  });

  it.each([
    [7000012050002, '7000012050002'],
    ['', '""'],
    ['000012050002', '"000012050002"'],
    ['70000120500020', '"70000120500020"'],
    ['7-0000-1205-0002', '"7-0000-1205-0002"'],
    ['700001205000a', '"700001205000a"'],
    [null, 'null'],
    [undefined, 'なし（空欄）'],
    [{}, '項目の組（オブジェクト）'],
  ])('rejects %j', (input, received) => {
    expect(checkCorporateNumber(input)).toEqual({ ok: false, expected: EXPECTED, received });
  });
});
