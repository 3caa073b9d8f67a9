import type { Yen } from '../../core/yen.js';
import type { Cap } from '../../schema/measure.js';
import type { CapNote } from '../../schema/report.js';
import { floorRate, rateExceeds } from './reference-arithmetic.js';

/**
 * Caps on the amount (`on: "amount"`, scope `line`): min(rate × base, limit) per line
 * (docs/decisions.md §3.2). Returns the limit the line's amount is held to (the smallest a
 * rate × base exceeds), or null; notes each cap with the amount it counted.
 */
export function referenceAmountHeld(
  caps: readonly { readonly cap: Cap; readonly limit: Yen }[],
  base: Yen,
  rate: string,
  notes: CapNote[],
): Yen | null {
  let held: Yen | null = null;
  for (const { cap, limit } of caps) {
    const binding = rateExceeds(base, rate, limit);
    const counted = binding ? limit : floorRate(base, rate);
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
  }
  return held;
}
