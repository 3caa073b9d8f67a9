import { afterEach, describe, expect, it } from 'vitest';
import { isCalendarDay } from '../../../src/fields/calendar-day.js';
import { periodLength } from '../../../src/fields/period-months.js';
import { termPhaseOn, termPhaseOver } from '../../../src/fields/term-phase.js';

// date-fns computes in local time: each case runs under zones on both sides of UTC, one with a
// midnight DST gap (Santiago, 2025-09-07) and the ±14 h extremes. The forks pool lets TZ change.
const ZONES = [
  'UTC',
  'Asia/Tokyo',
  'America/Los_Angeles',
  'America/Santiago',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Pacific/Apia',
];
const before = process.env.TZ;
afterEach(() => {
  if (before === undefined) delete process.env.TZ;
  else process.env.TZ = before;
});

/** Runs `check` under every zone, asserting the zone really changed (so the loop proves something). */
function inEveryZone(check: () => void): void {
  const offsets = new Set<number>();
  for (const zone of ZONES) {
    process.env.TZ = zone;
    offsets.add(new Date(Date.UTC(2025, 0, 1)).getTimezoneOffset());
    check();
  }
  expect(offsets.size).toBeGreaterThan(4);
}

describe('periodLength: months from a start day to an end day, both included (民法143条)', () => {
  const cases: [string, string, number, number, string][] = [
    ['2025-04-01', '2025-09-30', 6, 0, '6'],
    ['2025-05-01', '2025-10-30', 5, 30, '5.96'],
    ['2025-04-01', '2025-09-29', 5, 29, '5.96'],
    ['2025-04-02', '2025-10-01', 6, 0, '6'],
    ['2025-04-01', '2028-03-31', 36, 0, '36'],
    ['2025-04-01', '2028-04-10', 36, 10, '36.33'],
    ['2025-04-01', '2028-04-01', 36, 1, '36.03'],
    // No 応当日 (2025-02-31 / 2025-02-29): the period ends on the month's last day.
    ['2025-01-31', '2025-02-28', 1, 0, '1'],
    // 28 of the 29 days 2025-01-31〜2025-02-28 that make its first month.
    ['2025-01-31', '2025-02-27', 0, 28, '0.96'],
    ['2025-01-31', '2025-07-30', 6, 0, '6'],
    ['2024-02-29', '2025-02-28', 12, 0, '12'],
    ['2024-02-29', '2025-02-27', 11, 30, '11.96'],
    ['2025-04-01', '2025-04-01', 0, 1, '0.03'],
    // Across the Santiago DST gap (2025-09-07 has no midnight there).
    ['2025-09-07', '2026-03-06', 6, 0, '6'],
  ];
  it.each(cases)(
    '%s〜%s = %i months %i days ("%s") in every time zone',
    (start, end, months, days, value) => {
      inEveryZone(() => {
        expect(periodLength(start, end)).toEqual({ months, days, value });
      });
    },
  );

  it('an end before the start is no period', () => {
    inEveryZone(() => {
      expect(periodLength('2025-10-01', '2025-04-01')).toBeNull();
    });
  });

  it('a leftover day never reads as a whole month, nor a month less one day as the next', () => {
    inEveryZone(() => {
      for (let day = 1; day <= 31; day += 1) {
        const start = `2025-01-${String(day).padStart(2, '0')}`;
        const length = periodLength(start, '2025-12-31');
        expect(length).not.toBeNull();
        if (length === null) return;
        const value = Number(length.value);
        expect(value >= length.months && value < length.months + 1).toBe(true);
        expect(value > length.months).toBe(length.days > 0);
      }
    });
  });
});

describe('termPhaseOn: where a day falls against a 任期 (A-22)', () => {
  const cases: [string, string | undefined, string, string | undefined][] = [
    ['2024-04-01', '2027-03-31', '2024-03-31', 'before-term'],
    ['2024-04-01', '2027-03-31', '2024-04-01', 'term-year-1'],
    ['2024-04-01', '2027-03-31', '2025-03-31', 'term-year-1'],
    ['2024-04-01', '2027-03-31', '2025-04-01', 'term-year-2-or-later'],
    ['2024-04-01', '2027-03-31', '2027-03-31', 'term-year-2-or-later'],
    // 任期終了翌年 by 会計年度: the term ends in FY2026, so through FY2027 (2028-03-31).
    ['2024-04-01', '2027-03-31', '2027-04-01', 'year-after-term'],
    ['2024-04-01', '2027-03-31', '2028-03-31', 'year-after-term'],
    ['2024-04-01', '2027-03-31', '2028-04-01', 'later'],
    // A term that ends mid-year: the rest of that year and all of the next are 翌年.
    ['2023-07-01', '2025-06-30', '2025-07-01', 'year-after-term'],
    ['2023-07-01', '2025-06-30', '2027-03-31', 'year-after-term'],
    ['2023-07-01', '2025-06-30', '2027-04-01', 'later'],
    // 2024-02-29 has no 応当日 in 2025: the first year ends 2025-02-28.
    ['2024-02-29', '2027-02-28', '2025-02-28', 'term-year-1'],
    ['2024-02-29', '2027-02-28', '2025-03-01', 'term-year-2-or-later'],
    // Without the end: the first year can still be told, what follows cannot.
    ['2024-04-01', undefined, '2024-12-01', 'term-year-1'],
    ['2024-04-01', undefined, '2025-06-01', undefined],
    // A term shorter than a year: after its end is after the term.
    ['2024-04-01', '2024-09-30', '2024-12-01', 'year-after-term'],
  ];
  it.each(cases)('term %s〜%s, day %s → %s in every time zone', (start, end, day, phase) => {
    inEveryZone(() => {
      expect(termPhaseOn(start, end, day)).toBe(phase);
    });
  });

  it('a whole fiscal year has a phase only when every day of it has the same one', () => {
    inEveryZone(() => {
      expect(termPhaseOver('2024-04-01', '2027-03-31', '2025-04-01', '2026-03-31')).toBe(
        'term-year-2-or-later',
      );
      expect(termPhaseOver('2024-07-01', '2027-06-30', '2025-04-01', '2026-03-31')).toBeUndefined();
    });
  });
});

describe('isCalendarDay (parseDate’s days in a month, from date-fns)', () => {
  it('knows leap years and month lengths in every time zone, even where a day was skipped', () => {
    inEveryZone(() => {
      expect(isCalendarDay(2024, 2, 29)).toBe(true);
      expect(isCalendarDay(2025, 2, 29)).toBe(false);
      expect(isCalendarDay(1900, 2, 29)).toBe(false);
      expect(isCalendarDay(2000, 2, 29)).toBe(true);
      expect(isCalendarDay(2025, 4, 31)).toBe(false);
      expect(isCalendarDay(2025, 12, 31)).toBe(true);
      expect(isCalendarDay(2025, 13, 1)).toBe(false);
      expect(isCalendarDay(2025, 1, 0)).toBe(false);
      // Samoa skipped 2011-12-30 (Pacific/Apia): it is still a day of the calendar.
      expect(isCalendarDay(2011, 12, 30)).toBe(true);
    });
  });
});
