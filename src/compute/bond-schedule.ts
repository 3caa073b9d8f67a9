import { floorToUnit } from './apportion.js';
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
 * the balance outstanding during the year; 交付税措置 = taxRate × 元利償還金 (0 for non-recipients),
 * by cumulative floors to the rounding unit too: at no interest the years add up to the total's
 * amount, floor(taxRate × bond) to the unit (a floor a year lost a yen a year).
 */
export function bondSchedule(
  bond: Yen,
  years: number,
  interestRate: Yen,
  taxRate: string,
  nonRecipient: boolean,
  unit: Yen = new Yen(1),
): ScheduleYear[] {
  const floor = (value: Yen): Yen => value.toDecimalPlaces(0, Yen.ROUND_FLOOR);
  const repaidBy = (year: number): Yen => floor(bond.times(year).div(years));
  let serviced = new Yen(0);
  let measured = new Yen(0);
  return Array.from({ length: years }, (_, index) => {
    const year = index + 1;
    const principal = repaidBy(year).minus(repaidBy(year - 1));
    const interest = floor(bond.minus(repaidBy(year - 1)).times(interestRate));
    const debtService = principal.plus(interest);
    serviced = serviced.plus(debtService);
    const measuredBy = floorToUnit(timesRate(serviced, taxRate), unit);
    const taxMeasure = measuredBy.minus(measured);
    measured = measuredBy;
    return {
      year,
      principal: principal.toFixed(0),
      interest: interest.toFixed(0),
      debtService: debtService.toFixed(0),
      taxMeasure: nonRecipient ? '0' : taxMeasure.toFixed(0),
    };
  });
}
