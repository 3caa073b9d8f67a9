import { describe, expect, it } from 'vitest';
import { fiscalYearOfDate } from '../../../src/fields/fiscal-year-of-date.js';

describe('fiscalYearOfDate', () => {
  it.each([
    ['2025-04-01', 2025],
    ['2025-06-30', 2025],
    ['2025-12-31', 2025],
    ['2026-01-01', 2025],
    ['2026-03-31', 2025],
    ['2026-04-01', 2026],
    ['2025-03-31', 2024],
    ['2019-04-30', 2019],
    ['2019-05-01', 2019],
    ['2000-01-15', 1999],
  ])('puts %s in FY%s (April–March)', (date, fiscalYear) => {
    expect(fiscalYearOfDate(date)).toBe(fiscalYear);
  });

  it('does not depend on the process time zone', () => {
    const before = process.env.TZ;
    try {
      for (const zone of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
        process.env.TZ = zone;
        expect(fiscalYearOfDate('2025-04-01')).toBe(2025);
        expect(fiscalYearOfDate('2025-03-31')).toBe(2024);
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it.each([['2025/6/30'], ['令和7年6月30日'], ['2025-6-30'], [''], ['2025-06-30T00:00:00Z']])(
    'throws on %j, which is not an ISO date from parseDate',
    (input) => {
      expect(() => fiscalYearOfDate(input)).toThrow(RangeError);
      expect(() => fiscalYearOfDate(input)).toThrow('needs a "YYYY-MM-DD" string from parseDate');
    },
  );
});
