import { describe, expect, it } from 'vitest';
import { checkEntityCode } from '../../../src/fields/check-entity-code.js';

const EXPECTED = '6桁の団体コード（文字列、例: "392081"）';

/** The contract's formula, written independently: weights 6..2, check = (11 − sum mod 11) mod 10. */
function referenceCheckDigit(first5: string): number {
  const sum = Array.from(first5.matchAll(/\d/gu), (m) => m[0]).reduce(
    (total, digit, i) => total + Number(digit) * (6 - i),
    0,
  );
  return (11 - (sum % 11)) % 10;
}

describe('checkEntityCode', () => {
  it.each([
    ['392081', '宿毛市'],
    ['390003', '高知県'],
    ['131016', '千代田区'],
    ['130001', '東京都'],
    ['011002', '札幌市'],
  ])('accepts %s (%s)', (code) => {
    expect(checkEntityCode(code)).toEqual({ ok: true, value: code });
  });

  it('agrees with the formula for the examples', () => {
    expect(referenceCheckDigit('39208')).toBe(1);
    expect(referenceCheckDigit('39000')).toBe(3);
    expect(referenceCheckDigit('13101')).toBe(6);
    expect(referenceCheckDigit('13000')).toBe(1);
  });

  it('accepts full-width digits and surrounding spaces, returning ASCII', () => {
    expect(checkEntityCode('３９２０８１')).toEqual({ ok: true, value: '392081' });
    expect(checkEntityCode('\u3000392081 ')).toEqual({ ok: true, value: '392081' });
  });

  it('rejects a wrong check digit, naming the correct one', () => {
    expect(checkEntityCode('392080')).toEqual({
      ok: false,
      expected:
        '検査数字（6桁目）が 1 の団体コード（入力の6桁目は 0。番号の写し間違いがないか確認してください）',
      received: '"392080"',
    });
    expect(checkEntityCode('390004')).toMatchObject({
      expected:
        '検査数字（6桁目）が 3 の団体コード（入力の6桁目は 4。番号の写し間違いがないか確認してください）',
    });
  });

  it('rejects a 5-digit code, showing what the full code would be', () => {
    expect(checkEntityCode('39208')).toEqual({
      ok: false,
      expected: '検査数字を含む6桁の団体コード（"39208" なら "392081"）',
      received: '"39208"',
    });
  });

  it('rejects a number, because leading zeros would be lost', () => {
    expect(checkEntityCode(392081)).toEqual({
      ok: false,
      expected:
        '6桁の団体コード（文字列、例: "392081"。数値では先頭の0が消えます: 011002 は 11002 になります）',
      received: '392081',
    });
  });

  it.each([
    ['', '""'],
    ['3920811', '"3920811"'],
    ['3920', '"3920"'],
    ['39208a', '"39208a"'],
    ['392 081', '"392 081"'],
    ['39-2081', '"39-2081"'],
    ['３９２０８１０', '"３９２０８１０"'],
    [null, 'null'],
    [undefined, 'なし（空欄）'],
    [true, 'true'],
    [{ code: '392081' }, '項目の組（オブジェクト）'],
    [['392081'], '1 個の値の一覧（配列）'],
  ])('rejects %j', (input, received) => {
    expect(checkEntityCode(input)).toEqual({ ok: false, expected: EXPECTED, received });
  });
});
