import { Yen } from './yen.js';

const ZERO = new Yen(0);

/**
 * A cap consumed in ledger order (decisions.md §1.4), one line at a time: with S_i the running sum
 * through line i (negative corrections included) and clamp(x) = min(max(x, 0), limit), line i
 * counts clamp(S_i) − clamp(S_{i−1}). Also remembers the running sum's peak.
 */
export class RunningClamp {
  sum = ZERO;
  clamped = ZERO;
  peak = ZERO;

  constructor(readonly limit: Yen) {}

  /** What this amount counts under the cap; `clamped` is then clamp(S_i). */
  next(amount: Yen): Yen {
    this.sum = this.sum.plus(amount);
    if (this.sum.gt(this.peak)) this.peak = this.sum;
    const clamped = Yen.min(Yen.max(this.sum, ZERO), this.limit);
    const counted = clamped.minus(this.clamped);
    this.clamped = clamped;
    return counted;
  }
}

/** The running clamp over a whole list: what each line counts and clamp(S_i) after it. */
export function clampRunning(
  amounts: readonly Yen[],
  limit: Yen,
): { counted: Yen[]; after: Yen[] } {
  const clamp = new RunningClamp(limit);
  const counted: Yen[] = [];
  const after: Yen[] = [];
  for (const amount of amounts) {
    counted.push(clamp.next(amount));
    after.push(clamp.clamped);
  }
  return { counted, after };
}
