import { Yen } from '../../core/yen.js';

/**
 * The reference allocator's arithmetic (docs/decisions.md §1.4, §1.6), in Yen only: a rate as an
 * exact fraction p/q, floors by integer division, and the cap clamp.
 */

export interface Ratio {
  readonly numerator: Yen;
  readonly denominator: Yen;
}

/** "0.7" → 7/10, "2/3" → 2/3, "1" → 1/1. */
export function ratio(rate: string): Ratio {
  const slash = rate.indexOf('/');
  if (slash >= 0)
    return {
      numerator: new Yen(rate.slice(0, slash)),
      denominator: new Yen(rate.slice(slash + 1)),
    };
  const [whole = '0', fraction = ''] = rate.split('.');
  return {
    numerator: new Yen(`${whole}${fraction}`),
    denominator: new Yen(10).pow(fraction.length),
  };
}

/** floor(a / b) for integers a and b > 0: the truncated quotient, one less below zero when inexact. */
export function floorDivide(a: Yen, b: Yen): Yen {
  const quotient = a.divToInt(b);
  const exact = quotient.times(b).eq(a);
  return a.isNegative() && !exact ? quotient.minus(1) : quotient;
}

/** floor(rate × value) to a multiple of `unit` (unit 1: whole yen). */
export function floorRate(value: Yen, rate: string, unit: Yen = new Yen(1)): Yen {
  const { numerator, denominator } = ratio(rate);
  return floorDivide(value.times(numerator), denominator.times(unit)).times(unit);
}

/** floor(fixed + rate × value) to a multiple of `unit`, for whole-yen `fixed`. */
export function floorRatePlus(value: Yen, fixed: Yen, rate: string, unit: Yen = new Yen(1)): Yen {
  const { numerator, denominator } = ratio(rate);
  return floorDivide(
    value.times(numerator).plus(fixed.times(denominator)),
    denominator.times(unit),
  ).times(unit);
}

/** rate × value > limit, exactly. */
export function rateExceeds(value: Yen, rate: string, limit: Yen): boolean {
  const { numerator, denominator } = ratio(rate);
  return value.times(numerator).gt(limit.times(denominator));
}

/** min(max(x, 0), limit). */
export function clamp(value: Yen, limit: Yen): Yen {
  if (value.isNegative()) return new Yen(0);
  return value.gt(limit) ? limit : value;
}
