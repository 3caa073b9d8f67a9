import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { differenceInCalendarMonths } from 'date-fns/differenceInCalendarMonths';
import { getDate } from 'date-fns/getDate';
import { getDaysInMonth } from 'date-fns/getDaysInMonth';
import { lastDayOfMonth } from 'date-fns/lastDayOfMonth';
import { setDate } from 'date-fns/setDate';
import { calendarDayOf } from './calendar-day.js';

/** How long a period from one day to another, both included, lasts: whole months and the days left over. */
export interface PeriodLength {
  readonly months: number;
  readonly days: number;
  /**
   * months + days ÷ the length of the month that was running, cut (not rounded) to two decimals,
   * as a decimal string: "6" for exactly 6 months, "5.96" for 5 months 30 days of a 31-day month.
   * A leftover of at least one day always shows (≥ 1/31 > 0.03) and never reaches the next whole
   * month (≤ 30/31 < 0.97), so comparing it with a whole number of months is exact.
   */
  readonly value: string;
}

/**
 * The last day of a period of `months` months beginning on `start` (that day included), counted
 * by the calendar as 民法 第143条 does: it ends the day before the day of the final month that
 * bears the start's number (応当日), or on that month's last day when the month has no such day.
 * 2025-04-01 + 6 months → 2025-09-30; 2025-01-31 + 1 month → 2025-02-28. docs/decisions.md §5.4.
 */
export function monthsPeriodLastDay(start: Date, months: number): Date {
  // Compare the result by calendar day (differenceInCalendarDays), never by instant: its time of day varies.
  const dayNumber = getDate(start);
  const month = addMonths(setDate(start, 1), months);
  if (dayNumber > getDaysInMonth(month)) return lastDayOfMonth(month);
  return addDays(month, dayNumber - 2);
}

/**
 * The length of the period from `startIso` to `endIso` ("YYYY-MM-DD", both days included), or
 * null when the end is before the start. 2025-04-01〜2025-09-30 = 6 months; 2025-05-01〜2025-10-30
 * = 5 months 30 days ("5.96").
 */
export function periodLength(startIso: string, endIso: string): PeriodLength | null {
  const start = calendarDayOf(startIso);
  const end = calendarDayOf(endIso);
  if (differenceInCalendarDays(end, start) < 0) return null;
  // The calendar-month difference + 1 is never too few; step back while that period overruns the end.
  let months = differenceInCalendarMonths(end, start) + 1;
  while (months > 0 && differenceInCalendarDays(monthsPeriodLastDay(start, months), end) > 0)
    months -= 1;
  const lastWhole = monthsPeriodLastDay(start, months);
  const days = differenceInCalendarDays(end, lastWhole);
  if (days === 0) return { months, days, value: String(months) };
  const running = differenceInCalendarDays(monthsPeriodLastDay(start, months + 1), lastWhole);
  const hundredths = Math.floor((days * 100) / running);
  const value = `${months}.${String(hundredths).padStart(2, '0')}`.replace(/0$/u, '');
  return { months, days, value };
}
