import { Yen } from '../core/yen.js';
import type { Total } from '../schema/report.js';
import { yenDelta, type YenDelta } from './yen-delta.js';

/**
 * A bond total's 元利償還 schedule (policy bondInterestRate) on both sides: its years and the sums
 * over them. Listed whenever any year differs, even with equal sums.
 */
export interface ScheduleChange {
  readonly years: { readonly before: number; readonly after: number };
  readonly principal: YenDelta;
  readonly interest: YenDelta;
  readonly taxMeasure: YenDelta;
}

type Schedule = NonNullable<Total['schedule']>;

/** The schedules of each group, in report order (a key appears once per report). */
export function schedulesBy(
  totals: readonly Total[],
  totalKey: (total: Total) => string,
): Map<string, Schedule[]> {
  const schedules = new Map<string, Schedule[]>();
  for (const total of totals) {
    if (total.schedule === undefined) continue;
    const key = totalKey(total);
    schedules.set(key, [...(schedules.get(key) ?? []), total.schedule]);
  }
  return schedules;
}

/** The change of a group's schedules, or null when they are the same (or neither side has one). */
export function scheduleChange(
  before: readonly Schedule[] | undefined,
  after: readonly Schedule[] | undefined,
): ScheduleChange | null {
  if (JSON.stringify(before ?? []) === JSON.stringify(after ?? [])) return null;
  const years = (schedules: readonly Schedule[] | undefined): number =>
    (schedules ?? []).reduce((sum, schedule) => sum + schedule.length, 0);
  const sum = (
    schedules: readonly Schedule[] | undefined,
    field: 'principal' | 'interest' | 'taxMeasure',
  ): string =>
    (schedules ?? [])
      .flat()
      .reduce((total, year) => total.plus(year[field]), new Yen(0))
      .toFixed(0);
  const delta = (field: 'principal' | 'interest' | 'taxMeasure'): YenDelta =>
    yenDelta(sum(before, field), sum(after, field));
  return {
    years: { before: years(before), after: years(after) },
    principal: delta('principal'),
    interest: delta('interest'),
    taxMeasure: delta('taxMeasure'),
  };
}
