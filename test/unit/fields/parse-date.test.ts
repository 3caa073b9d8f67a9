import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/fields/parse-date.js';

const EXPECTED = 'a date such as "2025-06-30", "2025/6/30", "令和7年6月30日" or "R7.6.30"';
const EXPECTED_REAL = 'a date that exists in the calendar, such as "2025-06-30"';
const EXPECTED_NO_TIME = 'a date without a time part, such as "2025-06-30"';
const EXPECTED_STRING =
  'an ISO date string such as "2025-06-30" (a Date object or number is not accepted: its calendar day depends on the time zone or spreadsheet)';

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
    ['令和1年4月30日', 'a 令和 date on or after 2019-05-01'],
    ['令和元年4月1日', 'a 令和 date on or after 2019-05-01'],
    ['R0.12.31', 'a 令和 date on or after 2019-05-01'],
    ['平成31年5月1日', 'a 平成 date from 1989-01-08 to 2019-04-30'],
    ['平成32年1月1日', 'a 平成 date from 1989-01-08 to 2019-04-30'],
    ['平成元年1月7日', 'a 平成 date from 1989-01-08 to 2019-04-30'],
    ['昭和64年1月8日', 'a 昭和 date from 1926-12-25 to 1989-01-07'],
    ['昭和元年12月24日', 'a 昭和 date from 1926-12-25 to 1989-01-07'],
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
      expected: 'a date in the years 1900 to 2200',
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
    [new Date('2025-06-30T00:00:00Z'), 'an object'],
    [45838, '45838'],
    [null, 'null'],
    [undefined, 'nothing'],
    [true, 'true'],
    [['2025-06-30'], 'an array of 1'],
  ])('rejects the non-string %s, asking for an ISO date string', (input, received) => {
    expect(parseDate(input)).toEqual({ ok: false, expected: EXPECTED_STRING, received });
  });
});
