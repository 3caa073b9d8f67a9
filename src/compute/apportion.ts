import { timesRate } from './rate.js';
import { Yen } from '../core/yen.js';

/** Rounds down to a multiple of `unit` (toward −∞, so a running total never overshoots). */
export function floorToUnit(value: Yen, unit: Yen): Yen {
  return value.div(unit).toDecimalPlaces(0, Yen.ROUND_FLOOR).times(unit);
}

/**
 * Applies a rate on the running group total and gives each line the difference (docs/decisions.md §1.6):
 * amount_i = floor(rate × B_i) − floor(rate × B_{i−1}), B_i the running sum of bases. The lines
 * then add up to floor(rate × Σ base) exactly, whatever their order or sign.
 */
export function apportion(bases: readonly Yen[], rate: Yen | string, unit: Yen): Yen[] {
  let running = new Yen(0);
  let previous = new Yen(0);
  return bases.map((base) => {
    running = running.plus(base);
    const total = floorToUnit(
      typeof rate === 'string' ? timesRate(running, rate) : rate.times(running),
      unit,
    );
    const share = total.minus(previous);
    previous = total;
    return share;
  });
}
