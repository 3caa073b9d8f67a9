import { Yen } from '../core/yen.js';
import type { Cap } from '../schema/measure.js';
import type { CapNote } from '../schema/report.js';
import { floorToUnit } from './apportion.js';
import { toYen, type Exact } from './exact.js';
import { timesRate } from './rate.js';

/**
 * Caps on the amount (`on: "amount"`, scope `line`, method `rate`): the ローカル10,000 補助上限額
 * limits the subsidy, rate × base, not the base (docs/decisions.md §3.2). A line whose rate × base
 * exceeds the limit gets the limit; the group's running total is floor(F + rate × B), F the limits
 * of such lines, B the base of the others.
 */

/**
 * The limit this line's amount is held to, or null when rate × base stays within every cap on the
 * amount; notes each such cap (what it counted is the amount, floored).
 */
export function amountCapHeld(
  caps: readonly { readonly cap: Cap }[],
  base: Yen,
  rate: string,
  limits: readonly (Yen | null)[],
  notes: CapNote[],
): Yen | null {
  if (limits.length === 0) return null;
  const product = timesRate(base, rate);
  let held: Yen | null = null;
  caps.forEach(({ cap }, index) => {
    const limit = limits[index];
    if (cap.on !== 'amount' || limit === undefined || limit === null) return;
    const binding = product.gt(limit);
    const counted = binding ? limit : product.toDecimalPlaces(0, Yen.ROUND_FLOOR);
    notes.push({
      id: cap.id,
      label: cap.label,
      scope: cap.scope,
      limit: limit.toFixed(0),
      counted: counted.toFixed(0),
      headroom: limit.minus(counted).toFixed(0),
      binding,
    });
    if (binding && (held === null || limit.lt(held))) held = limit;
  });
  return held;
}

/** floor(fixed + rate × total) to the unit: a running total where some lines were held (`fixed`). */
export function flooredPlus(total: Exact, fixed: Exact, rate: string, unit: Yen): Yen {
  const sum = timesRate(toYen(total), rate).plus(toYen(fixed));
  return unit.eq(1) ? sum.toDecimalPlaces(0, Yen.ROUND_FLOOR) : floorToUnit(sum, unit);
}
