import { Yen } from '../core/yen.js';

const FRACTION = /^([1-9]\d*)\/([1-9]\d*)$/u;

/** A rate written as a fraction ("2/3"): the sources state rates like 2/3 that no decimal holds. */
export function isFractionRate(rate: string): boolean {
  return FRACTION.test(rate);
}

/**
 * rate × value, for a rate written as a decimal ("0.7") or a fraction ("2/3"). Decimal rates give
 * the exact product; a fraction's quotient is rounded down at 40 significant digits, which keeps
 * every floor taken of it exact (an integer quotient is exact; otherwise its integer part survives).
 */
export function timesRate(value: Yen, rate: string): Yen {
  const fraction = FRACTION.exec(rate);
  if (fraction === null) return value.times(rate);
  return value.times(fraction[1] ?? '1').div(fraction[2] ?? '1');
}
