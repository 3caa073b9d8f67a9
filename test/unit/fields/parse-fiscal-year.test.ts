import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFiscalYear } from '../../../src/fields/parse-fiscal-year.js';

const EXPECTED = '年度（例: 2025、"2025年度"、"R7"、"令和7年度"、"R元"）';
const EXPECTED_RANGE = '1900〜2200 の年度';

describe('parseFiscalYear', () => {
  it.each([
    [2025, 2025],
    [2025.0, 2025],
    [1900, 1900],
    [2200, 2200],
  ])('accepts the integer %s as %s', (input, value) => {
    expect(parseFiscalYear(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['2025', 2025],
    ['2025年度', 2025],
    ['２０２５年度', 2025],
    [' 2025 年度 ', 2025],
    ['R7', 2025],
    ['R7年度', 2025],
    ['r7', 2025],
    ['Ｒ７', 2025],
    ['ｒ７年度', 2025],
    ['R07', 2025],
    ['R 7', 2025],
    ['令和7年度', 2025],
    ['令和７年度', 2025],
    ['令和 7 年度', 2025],
    ['令和\u30007\u3000年度', 2025],
    ['令和7', 2025],
    ['令和元年度', 2019],
    ['R元', 2019],
    ['R元年度', 2019],
    ['R1', 2019],
    ['H30', 2018],
    ['h30', 2018],
    ['平成30年度', 2018],
    ['H31', 2019],
    ['平成31年度', 2019],
    ['平成元年度', 1989],
    ['H26', 2014],
    ['S63', 1988],
    ['昭和22年度', 1947],
    ['昭和元年度', 1926],
    ['S1', 1926],
    ['R182', 2200],
  ])('accepts %j as %s', (input, value) => {
    expect(parseFiscalYear(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['H32', '平成元年度〜平成31年度（1989〜2019）の年度'],
    ['平成32年度', '平成元年度〜平成31年度（1989〜2019）の年度'],
    ['平成0年度', '平成元年度〜平成31年度（1989〜2019）の年度'],
    // 昭和64年 was one week of 昭和63年度; FY1989 is 平成元年度.
    ['S64', '昭和元年度〜昭和63年度（1926〜1988）の年度'],
    ['昭和64年度', '昭和元年度〜昭和63年度（1926〜1988）の年度'],
    ['S0', '昭和元年度〜昭和63年度（1926〜1988）の年度'],
    ['R0', '令和元年度以降（令和元年度 = 2019）の年度'],
    ['令和0年度', '令和元年度以降（令和元年度 = 2019）の年度'],
  ])('rejects the era year %j outside its era, naming the span', (input, expected) => {
    expect(parseFiscalYear(input)).toEqual({
      ok: false,
      expected,
      received: JSON.stringify(input),
    });
  });

  it.each([[1899], [2201], [0], [-2025], [20250]])(
    'rejects the integer %s outside 1900..2200',
    (input) => {
      expect(parseFiscalYear(input)).toEqual({
        ok: false,
        expected: EXPECTED_RANGE,
        received: String(input),
      });
    },
  );

  it.each([['1899'], ['2201年度'], ['R183']])('rejects %j outside 1900..2200', (input) => {
    expect(parseFiscalYear(input)).toEqual({
      ok: false,
      expected: EXPECTED_RANGE,
      received: JSON.stringify(input),
    });
  });

  it.each([
    [2025.5, '2025.5'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    ['', '""'],
    ['  ', '"  "'],
    ['2025.5', '"2025.5"'],
    ['2025.0', '"2025.0"'],
    ['R7.5', '"R7.5"'],
    ['25', '"25"'],
    ['FY2025', '"FY2025"'],
    ['令和7年', '"令和7年"'],
    ['元年度', '"元年度"'],
    ['7年度', '"7年度"'],
    ['X7', '"X7"'],
    ['大正10年度', '"大正10年度"'],
    ['令和6～7年度', '"令和6～7年度"'],
    ['R7R8', '"R7R8"'],
    ['2025-04-01', '"2025-04-01"'],
    [null, 'null'],
    [undefined, 'なし（空欄）'],
    [true, 'true'],
    [{ year: 2025 }, '項目の組（オブジェクト）'],
    [[2025], '1 個の値の一覧（配列）'],
  ])('rejects %j', (input, received) => {
    expect(parseFiscalYear(input)).toEqual({ ok: false, expected: EXPECTED, received });
  });
});

describe('parseFiscalYear properties', () => {
  function toFullWidthDigits(text: string): string {
    return text.replace(/[0-9]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  }

  it('reads 令和{n}年度 as 2018 + n for n in 1..100, in half- and full-width digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.boolean(), (n, fullWidth) => {
        const digits = fullWidth ? toFullWidthDigits(String(n)) : String(n);
        expect(parseFiscalYear(`令和${digits}年度`)).toEqual({ ok: true, value: 2018 + n });
      }),
    );
  });

  it('reads R{n} the same as 令和{n}年度', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), (n) => {
        expect(parseFiscalYear(`R${n}`)).toEqual(parseFiscalYear(`令和${n}年度`));
      }),
    );
  });
});
