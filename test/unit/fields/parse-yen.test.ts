import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_YEN_DIGITS, parseYen } from '../../../src/fields/parse-yen.js';

const EXPECTED = '整数の円（例: 3600000、"3,600,000円"。絶対値 999,999,999,999,999 以下）';
const EXPECTED_INTEGER =
  '小数や指数のない整数の円（例: 3600000、"3,600,000円"。絶対値 999,999,999,999,999 以下）';
const EXPECTED_RANGE = '15 桁以内の整数の円（絶対値 999,999,999,999,999 以下）';

describe('parseYen', () => {
  it.each([
    [3600000, '3600000'],
    [0, '0'],
    [-1200, '-1200'],
    [1e6, '1000000'],
    [999_999_999_999_999, '999999999999999'],
    [-999_999_999_999_999, '-999999999999999'],
  ])('accepts the safe integer %s as %s', (input, value) => {
    expect(parseYen(input)).toEqual({ ok: true, value });
  });

  it('never returns "-0" for negative zero', () => {
    expect(parseYen(-0)).toEqual({ ok: true, value: '0' });
    expect(parseYen('-0')).toEqual({ ok: true, value: '0' });
    expect(parseYen('△0')).toEqual({ ok: true, value: '0' });
  });

  it('accepts a bigint in range', () => {
    expect(parseYen(-1200n)).toEqual({ ok: true, value: '-1200' });
  });

  it.each([
    ['3600000', '3600000'],
    ['3,600,000', '3600000'],
    ['３６０００００', '3600000'],
    ['１，０００，０００円', '1000000'],
    ['3,600,000円', '3600000'],
    ['¥3,600,000', '3600000'],
    ['￥1,000', '1000'],
    ['-1,000', '-1000'],
    ['－1000', '-1000'],
    ['−1000', '-1000'],
    ['△1,000', '-1000'],
    ['▲1,000', '-1000'],
    ['¥-1,000', '-1000'],
    ['-¥1,000', '-1000'],
    ['▲１，０００円', '-1000'],
    // Shift_JIS 0x5C: Japanese Excel's yen sign, decoded by CP932 as a backslash.
    ['\\1,000', '1000'],
    ['\\3,600,000円', '3600000'],
    ['-\\1,000', '-1000'],
    ['\\-1,000', '-1000'],
    ['△\\1,000', '-1000'],
    ['－\\１，０００', '-1000'],
    [' \\1000 ', '1000'],
    ['  3600000  ', '3600000'],
    ['\u30003,600,000円\u3000', '3600000'],
    ['\t12\n', '12'],
    ['0', '0'],
    ['007', '7'],
    ['999,999,999,999,999', '999999999999999'],
    ['0000000000000000001', '1'],
  ])('accepts the string %j as %s', (input, value) => {
    expect(parseYen(input)).toEqual({ ok: true, value });
  });

  it.each([['12.5'], ['1,000.5'], ['1e6'], ['1E6'], ['12.'], ['-3.0'], ['1.0円']])(
    'rejects the fraction or exponent string %j, saying integers only',
    (input) => {
      expect(parseYen(input)).toEqual({
        ok: false,
        expected: EXPECTED_INTEGER,
        received: JSON.stringify(input),
      });
    },
  );

  it('rejects a fractional number, saying integers only', () => {
    expect(parseYen(12.5)).toEqual({ ok: false, expected: EXPECTED_INTEGER, received: '12.5' });
  });

  it.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('rejects the non-finite number %s', (input, received) => {
    expect(parseYen(input)).toEqual({ ok: false, expected: EXPECTED, received });
  });

  it.each([
    ['', '""'],
    ['   ', '"   "'],
    ['円', '"円"'],
    ['NaN', '"NaN"'],
    ['Infinity', '"Infinity"'],
    ['0x10', '"0x10"'],
    ['1 000', '"1 000"'],
    ['1,000 円', '"1,000 円"'],
    ['1,00,0', '"1,00,0"'],
    // A grouped amount starting with 0 is no way of writing one (was read as 100 and 0).
    ['00,100', '"00,100"'],
    ['0,000', '"0,000"'],
    ['-0,500', '"-0,500"'],
    ['1000,000', '"1000,000"'],
    [',100', '",100"'],
    ['100,', '"100,"'],
    ['1,,000', '"1,,000"'],
    ['+1000', '"+1000"'],
    ['--1000', '"--1000"'],
    ['-△1000', '"-△1000"'],
    ['¥¥1000', '"¥¥1000"'],
    ['¥-¥1000', '"¥-¥1000"'],
    // A backslash is a yen sign only where one leads the amount.
    ['1,000\\', '"1,000\\\\"'],
    ['1\\000', '"1\\\\000"'],
    ['\\\\1000', '"\\\\\\\\1000"'],
    ['\\¥1000', '"\\\\¥1000"'],
    ['\\-\\1000', '"\\\\-\\\\1000"'],
    ['＼1000', '"＼1000"'],
    ['1000円\\', '"1000円\\\\"'],
    ['1000-', '"1000-"'],
    ['1,000円円', '"1,000円円"'],
    ['１万円', '"１万円"'],
    ['①', '"①"'],
  ])('rejects the malformed string %j', (input, received) => {
    expect(parseYen(input)).toEqual({ ok: false, expected: EXPECTED, received });
  });

  it.each([
    [null, 'null'],
    [undefined, 'なし（空欄）'],
    [true, 'true'],
    [false, 'false'],
    [{ amount: 1000 }, '項目の組（オブジェクト）'],
    [[1000], '1 個の値の一覧（配列）'],
  ])('rejects the non-amount value %s', (input, received) => {
    expect(parseYen(input)).toEqual({ ok: false, expected: EXPECTED, received });
  });

  it.each([
    ['1,000,000,000,000,000'],
    ['1000000000000000'],
    ['-1000000000000000'],
    ['▲1,000,000,000,000,000円'],
  ])('rejects %j beyond 15 digits, stating the bound', (input) => {
    expect(parseYen(input)).toEqual({
      ok: false,
      expected: EXPECTED_RANGE,
      received: JSON.stringify(input),
    });
  });

  it('rejects numbers beyond 15 digits, including unsafe integers, stating the bound', () => {
    expect(parseYen(1e15)).toMatchObject({ ok: false, expected: EXPECTED_RANGE });
    expect(parseYen(-1e15)).toMatchObject({ ok: false, expected: EXPECTED_RANGE });
    expect(parseYen(2 ** 53)).toMatchObject({ ok: false, expected: EXPECTED_RANGE });
    expect(parseYen(1e21)).toMatchObject({ ok: false, expected: EXPECTED_RANGE });
    expect(parseYen(10n ** 15n)).toMatchObject({ ok: false, expected: EXPECTED_RANGE });
    // The value shown as written, not "bigint".
    expect(parseYen(10n ** 20n)).toMatchObject({ received: '100000000000000000000n' });
  });

  it('exports the digit bound as 15', () => {
    expect(MAX_YEN_DIGITS).toBe(15);
  });

  it('cuts a long received value short in the message', () => {
    const long = '1'.repeat(50) + 'x';
    const result = parseYen(long);
    expect(result).toMatchObject({ ok: false, received: `"${'1'.repeat(40)}…（51 文字）"` });
  });
});

describe('parseYen properties', () => {
  const LIMIT = 10n ** 15n - 1n;

  function withCommas(digits: string): string {
    return digits.replace(/\B(?=(\d{3})+$)/gu, ',');
  }

  function toFullWidth(text: string): string {
    return text.replace(/[0-9,-]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  }

  it('reads back any in-range bigint written with commas, full-width digits, signs and 円', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -LIMIT, max: LIMIT }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('-', '−', '△', '▲'),
        fc.constantFrom('', '¥', '￥', '\\'),
        (amount, commas, fullWidth, yenSuffix, minus, yenPrefix) => {
          const negative = amount < 0n;
          const digits = String(negative ? -amount : amount);
          let text = `${yenPrefix}${negative ? minus : ''}${commas ? withCommas(digits) : digits}`;
          if (fullWidth) text = toFullWidth(text);
          if (yenSuffix) text += '円';
          expect(parseYen(text)).toEqual({ ok: true, value: String(amount) });
        },
      ),
    );
  });

  it('reads back any in-range safe integer given as a number', () => {
    fc.assert(
      // Every 15-digit integer is below 2^53, so Number(bigint) is exact here.
      fc.property(fc.bigInt({ min: -LIMIT, max: LIMIT }), (amount) => {
        expect(parseYen(Number(amount))).toEqual({ ok: true, value: String(amount) });
      }),
    );
  });
});
