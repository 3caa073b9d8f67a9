import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/fields/parse-date.js';

const EXPECTED = '日付（例: "2025-06-30"、"2025/6/30"、"令和7年6月30日"、"R7.6.30"）';
const EXPECTED_REAL = '暦にある日付（例: 2025-06-30）';
const EXPECTED_NO_TIME = '時刻のない日付（例: 2025-06-30。0:00:00 の時刻は付いていても構いません）';
const EXPECTED_STRING =
  '文字列の日付（例: "2025-06-30"。Date オブジェクトや数値は、時間帯や表計算ソフトによって日が変わるため受け付けません）';

describe('parseDate', () => {
  it.each([
    ['2025-06-30', '2025-06-30'],
    ['2025/6/30', '2025-06-30'],
    ['2025/06/30', '2025-06-30'],
    ['2025.6.30', '2025-06-30'],
    ['2025-6-3', '2025-06-03'],
    ['2025年6月30日', '2025-06-30'],
    ['２０２５－０６－３０', '2025-06-30'],
    ['２０２５／６／３０', '2025-06-30'],
    [' 2025-06-30\u3000', '2025-06-30'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['令和7年6月30日', '2025-06-30'],
    ['令和７年６月３０日', '2025-06-30'],
    ['令和 7 年 6 月 30 日', '2025-06-30'],
    ['R7.6.30', '2025-06-30'],
    ['r7.6.30', '2025-06-30'],
    ['Ｒ７．６．３０', '2025-06-30'],
    ['R7/6/30', '2025-06-30'],
    ['令和7.6.30', '2025-06-30'],
    ['R6.4.1', '2024-04-01'],
    ['R5.4.1', '2023-04-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['R元.5.1', '2019-05-01'],
    ['令和1年5月1日', '2019-05-01'],
    ['平成31年4月30日', '2019-04-30'],
    ['H31.4.30', '2019-04-30'],
    ['平成元年1月8日', '1989-01-08'],
    ['昭和64年1月7日', '1989-01-07'],
    ['昭和22年5月3日', '1947-05-03'],
    ['令和7年1月24日', '2025-01-24'],
    ['令和8年1月23日', '2026-01-23'],
    ['令和3年3月30日', '2021-03-30'],
  ])('accepts %j as %s', (input, value) => {
    expect(parseDate(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['2025-02-30'],
    ['2024-02-30'],
    ['2023-02-29'],
    ['1900-02-29'],
    ['2025-04-31'],
    ['2025-13-01'],
    ['2025-00-10'],
    ['2025-06-00'],
    ['2025-06-32'],
    ['令和7年2月29日'],
    ['R7.2.30'],
  ])('rejects the impossible date %j', (input) => {
    expect(parseDate(input)).toEqual({
      ok: false,
      expected: EXPECTED_REAL,
      received: JSON.stringify(input),
    });
  });

  it.each([
    ['令和1年4月30日', '令和の日付（2019-05-01 以降）'],
    ['令和元年4月1日', '令和の日付（2019-05-01 以降）'],
    ['R0.12.31', '令和の日付（2019-05-01 以降）'],
    ['平成31年5月1日', '平成の日付（1989-01-08 から 2019-04-30 まで）'],
    ['平成32年1月1日', '平成の日付（1989-01-08 から 2019-04-30 まで）'],
    ['平成元年1月7日', '平成の日付（1989-01-08 から 2019-04-30 まで）'],
    ['昭和64年1月8日', '昭和の日付（1926-12-25 から 1989-01-07 まで）'],
    ['昭和元年12月24日', '昭和の日付（1926-12-25 から 1989-01-07 まで）'],
  ])('rejects %j outside its era, naming the span', (input, expected) => {
    expect(parseDate(input)).toEqual({ ok: false, expected, received: JSON.stringify(input) });
  });

  it.each([
    ['2025-06-30T00:00:00Z'],
    ['2025-06-30T09:00:00+09:00'],
    ['2025-06-30 10:00'],
    ['2025/6/30 10:00:00'],
    ['令和7年6月30日 10:00'],
    ['令和7年6月30日10時'],
  ])('rejects the datetime %j, asking for no time part', (input) => {
    expect(parseDate(input)).toEqual({
      ok: false,
      expected: EXPECTED_NO_TIME,
      received: JSON.stringify(input),
    });
  });

  it.each([['1899-12-31'], ['2201-01-01']])('rejects %j outside the years 1900..2200', (input) => {
    expect(parseDate(input)).toEqual({
      ok: false,
      expected: '1900年〜2200年の日付',
      received: JSON.stringify(input),
    });
  });

  it.each([
    [''],
    ['   '],
    ['2025-06'],
    ['2025'],
    ['20250630'],
    ['2025-06/30'],
    ['25-06-30'],
    ['30/06/2025'],
    ['June 30, 2025'],
    ['令和7年6月'],
    ['令和7年度'],
    ['X7.6.30'],
    ['大正10年6月30日'],
    ['R7.6'],
  ])('rejects the malformed date %j', (input) => {
    expect(parseDate(input)).toEqual({
      ok: false,
      expected: EXPECTED,
      received: JSON.stringify(input),
    });
  });

  it.each([
    [new Date('2025-06-30T00:00:00Z'), '項目の組（オブジェクト）'],
    [45838, '45838'],
    [null, 'null'],
    [undefined, 'なし（空欄）'],
    [true, 'true'],
    [['2025-06-30'], '1 個の値の一覧（配列）'],
  ])('rejects the non-string %s, asking for an ISO date string', (input, received) => {
    expect(parseDate(input)).toEqual({ ok: false, expected: EXPECTED_STRING, received });
  });
});
