import { timesRate } from './rate.js';
import { Yen } from '../core/yen.js';

export interface ScheduleYear {
  readonly year: number;
  readonly principal: string;
  readonly interest: string;
  readonly debtService: string;
  readonly taxMeasure: string;
}

/**
 * A bond's 元利償還 schedule under A-13: 元金均等, one repayment a year, no grace period, yen
 * floored. Principal shares use cumulative floors so they add up to the bond exactly; interest is on
 * the balance outstanding during the year; 交付税措置 = taxRate × 元利償還金 (0 for non-recipients).
 */
export function bondSchedule(
  bond: Yen,
  years: number,
  interestRate: Yen,
  taxRate: string,
  nonRecipient: boolean,
): ScheduleYear[] {
  const floor = (value: Yen): Yen => value.toDecimalPlaces(0, Yen.ROUND_FLOOR);
  const repaidBy = (year: number): Yen => floor(bond.times(year).div(years));
  return Array.from({ length: years }, (_, index) => {
    const year = index + 1;
    const principal = repaidBy(year).minus(repaidBy(year - 1));
    const interest = floor(bond.minus(repaidBy(year - 1)).times(interestRate));
    const debtService = principal.plus(interest);
    return {
      year,
      principal: principal.toFixed(0),
      interest: interest.toFixed(0),
      debtService: debtService.toFixed(0),
      taxMeasure: nonRecipient ? '0' : floor(timesRate(debtService, taxRate)).toFixed(0),
    };
  });
}
