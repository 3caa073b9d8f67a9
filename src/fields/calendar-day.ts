import { constructFrom } from 'date-fns/constructFrom';
import { getDaysInMonth } from 'date-fns/getDaysInMonth';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/**
 * A calendar day as the Date date-fns computes with: local time, at noon. date-fns reads local
 * fields, so a day built in UTC would be the previous day west of Greenwich; noon keeps clear of
 * the midnight DST gaps some zones have (America/Santiago), so the day never moves whatever the
 * process time zone (test/unit/fields/calendar-day.test.ts runs under several).
 */
export function calendarDay(year: number, month: number, day: number): Date {
  const date = constructFrom(0, 0);
  date.setFullYear(year, month - 1, day);
  date.setHours(12, 0, 0, 0);
  return date;
}

/** calendarDay of a "YYYY-MM-DD" string from parseDate. */
export function calendarDayOf(isoDate: string): Date {
  const match = ISO_DATE.exec(isoDate);
  if (match === null) {
    throw new RangeError(
      `calendarDayOf needs a "YYYY-MM-DD" string, got ${JSON.stringify(isoDate)}`,
    );
  }
  return calendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Whether year-month-day is a day of the Gregorian calendar (month 1–12). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  if (!Number.isInteger(day) || day < 1) return false;
  // Every month has 28 days: only the 29th–31st need the calendar (and most dates skip it).
  return day <= 28 || day <= getDaysInMonth(calendarDay(year, month, 15));
}
