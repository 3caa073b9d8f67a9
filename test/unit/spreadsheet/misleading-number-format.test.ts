import { describe, expect, it } from 'vitest';
import { misleadingNumberFormat } from '../../../src/spreadsheet/xlsx/misleading-number-format.js';

describe('misleadingNumberFormat: a format that shows another number than the cell holds', () => {
  it.each([
    ['#,##0"千円"', 3600, '千'],
    ['#,##0\\千\\円', 3600, '千'],
    ['#,##0"万円"', 360, '万'],
    ['0.0"億円"', 1.5, '億'],
    ['#,##0"k"', 3600, 'k'],
    ['#,##0,', 3600, '千単位'],
    ['0,,', 3600000, '千単位'],
    ['#,##0,;[Red]-#,##0,', -3600, '千単位'],
    ['0%', 5, '百分率'],
    [';;;', 5000000, '表示しません'],
    ['#,##0;;', 0, '表示しません'],
    ['#,##0;;', -5, '表示しません'],
  ])('%s with %d: refused (%s)', (format, value, reason) => {
    expect(misleadingNumberFormat(format, value)).toContain(reason);
  });

  it.each([
    ['General', 3600000],
    ['@', 3600000],
    ['', 3600000],
    ['#,##0', 3600000],
    ['#,##0;[Red]-#,##0', -3600000],
    ['#,##0"円"', 3600000],
    ['"¥"#,##0', 3600000],
    ['[$¥-411]#,##0', 3600000],
    ['¥#,##0;¥-#,##0', 3600000],
    ['#,##0_);(#,##0)', 3600000],
    ['0', 2025],
    ['#,##0;-#,##0;"-"', 0],
    ['#,##0.00', 3600000],
    ['yyyy/m/d', 45000],
    // The comma scales 3,600,000 down to 3,600 and 千円 says so: the amount shown is the one held.
    ['#,##0,"千円"', 3600000],
    ['#,##0,,"百万円"', 3600000],
    ['#,##0,\\千\\円;[Red]-#,##0,\\千\\円', -3600000],
  ])('%s with %d: shows the number held', (format, value) => {
    expect(misleadingNumberFormat(format, value)).toBeNull();
  });
});
