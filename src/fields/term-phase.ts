import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { calendarDayOf } from './calendar-day.js';
import { fiscalYearOfDate } from './fiscal-year-of-date.js';
import { monthsPeriodLastDay } from './period-months.js';

/** Where a day falls against a 任期 (term of office): the values of a glossary fact derived by termPhase. */
export const TERM_PHASES = [
  'before-term',
  'term-year-1',
  'term-year-2-or-later',
  'year-after-term',
  'later',
] as const;
export type TermPhase = (typeof TERM_PHASES)[number];

/**
 * The phase of the term from `startIso` to `endIso` (both included; undefined = not known) that
 * `dayIso` falls in, or undefined when that cannot be told without the end (docs/decisions.md §5.5):
 * - before-term: before the start;
 * - term-year-1: from the start through the last day of its first year (12 months by
 *   monthsPeriodLastDay: 2024-02-29 → 2025-02-28), and not after the end;
 * - term-year-2-or-later: after the first year, through the end;
 * - year-after-term: after the end, up to the end of the 会計年度 after the one the term ended in
 *   任期終了翌年 is told by 会計年度);
 * - later: after that.
 */
export function termPhaseOn(
  startIso: string,
  endIso: string | undefined,
  dayIso: string,
): TermPhase | undefined {
  const start = calendarDayOf(startIso);
  const day = calendarDayOf(dayIso);
  if (differenceInCalendarDays(day, start) < 0) return 'before-term';
  if (endIso !== undefined && differenceInCalendarDays(day, calendarDayOf(endIso)) > 0) {
    return fiscalYearOfDate(dayIso) <= fiscalYearOfDate(endIso) + 1 ? 'year-after-term' : 'later';
  }
  if (differenceInCalendarDays(day, monthsPeriodLastDay(start, 12)) <= 0) return 'term-year-1';
  return endIso === undefined ? undefined : 'term-year-2-or-later';
}

/**
 * The phase of a whole span of days (a line's date, or its 会計年度 April–March), when every day
 * of it has the same one; undefined otherwise (phases only advance, so the two ends decide).
 */
export function termPhaseOver(
  startIso: string,
  endIso: string | undefined,
  fromIso: string,
  throughIso: string,
): TermPhase | undefined {
  const first = termPhaseOn(startIso, endIso, fromIso);
  if (first === undefined) return undefined;
  return termPhaseOn(startIso, endIso, throughIso) === first ? first : undefined;
}
