import { describe, expect, it } from 'vitest';
import { dateOfSerial } from '../../../src/spreadsheet/date-serial.js';

describe('dateOfSerial: a bare Excel date serial in the date column', () => {
  it('reads the 1900 system: 45792 is 2025-05-15', () => {
    expect(dateOfSerial(45792)).toBe('2025-05-15');
    expect(dateOfSerial('45792')).toBe('2025-05-15');
  });

  it('reads a 1904-system workbook 1,462 days on: 44330 is 2025-05-15 (was 2021-05-14)', () => {
    expect(dateOfSerial(44330, true)).toBe('2025-05-15');
    expect(dateOfSerial(44330)).toBe('2021-05-14');
  });

  it('keeps the plausible range (1990–2099) in either system', () => {
    expect(dateOfSerial(32873)).toBeUndefined();
    expect(dateOfSerial(32874 - 1462, true)).toBe('1990-01-01');
    expect(dateOfSerial(73050 - 1462 + 1, true)).toBeUndefined();
    expect(dateOfSerial(1000000)).toBeUndefined();
  });
});
