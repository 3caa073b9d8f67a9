import { Yen } from '../core/yen.js';
import { floorToUnit } from './apportion.js';
import { toYen, type Exact } from './exact.js';
import { timesRate } from './rate.js';

/**
 * floor(rate × total) to the unit, in decimals: the reference for floorTimesRate, and its answer
 * wherever the integers it works in could lose a digit.
 */
export function flooredTimesRate(total: Exact, rate: string, unit: Yen): Yen {
  const product = timesRate(toYen(total), rate);
  return unit.eq(1) ? product.toDecimalPlaces(0, Yen.ROUND_FLOOR) : floorToUnit(product, unit);
}

/** A rate as numerator / denominator, both small integers. */
interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

const DECIMAL = /^(\d{1,9})(?:\.(\d{1,8}))?$/u;
const FRACTION = /^([1-9]\d{0,8})\/([1-9]\d{0,8})$/u;
const ratios = new Map<string, Ratio | null>();

/** "0.7" → 7/10, "2/3" → 2/3; null for a rate written otherwise (the reference reads it). */
function ratioOf(rate: string): Ratio | null {
  let ratio = ratios.get(rate);
  if (ratio !== undefined) return ratio;
  const decimal = DECIMAL.exec(rate);
  const fraction = decimal === null ? FRACTION.exec(rate) : null;
  if (decimal !== null) {
    const digits = decimal[2] ?? '';
    ratio = { numerator: Number(`${decimal[1]}${digits}`), denominator: 10 ** digits.length };
  } else if (fraction !== null)
    ratio = { numerator: Number(fraction[1]), denominator: Number(fraction[2]) };
  else ratio = null;
  // The rates of one rule set are few; a policy's own rates are few too.
  if (ratios.size < 1_000) ratios.set(rate, ratio);
  return ratio;
}

const units = new WeakMap<Yen, number | null>();

/** The unit as a number (1, 1,000 …), or null for one too big to keep every product exact. */
function unitOf(unit: Yen): number | null {
  let value = units.get(unit);
  if (value === undefined) {
    value = unit.isInteger() && unit.gte(1) && unit.lte(1e6) ? unit.toNumber() : null;
    units.set(unit, value);
  }
  return value;
}

/**
 * floor(rate × total) to the unit, as flooredTimesRate gives it: a group's running total is a
 * safe integer and its rate a short decimal or fraction, so the product and the floor are taken
 * in integers (every running line of a ledger takes two of these; Decimals cost most of its
 * allocation). Anything larger goes to the reference. test/unit/compute/floor-times-rate.test.ts
 * compares the two.
 */
export function floorTimesRate(total: Exact, rate: string, unit: Yen): Exact {
  if (typeof total === 'number') {
    const ratio = ratioOf(rate);
    const step = unitOf(unit);
    if (ratio !== null && step !== null) {
      const product = total * ratio.numerator;
      // ⌊product / divisor⌋ straight from the double quotient: for |product| < 2^53 it is exact.
      // A quotient that is not whole lies at least 1/divisor from the nearest whole number, while
      // dividing rounds it by at most |product / divisor| × 2^-53, which is less than that.
      if (Number.isSafeInteger(product))
        return Math.floor(product / (ratio.denominator * step)) * step + 0;
    }
  }
  return flooredTimesRate(total, rate, unit);
}

/** a − b as a Yen, exactly. */
export function difference(a: Exact, b: Exact): Yen {
  if (typeof a === 'number' && typeof b === 'number') {
    const result = a - b;
    // Both safe integers: a safe difference is exact (an inexact one is past the safe range).
    if (Number.isSafeInteger(result)) return new Yen(result + 0);
  }
  return toYen(a).minus(toYen(b));
}
