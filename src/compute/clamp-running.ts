import { exact, plus, toYen, type Exact } from './exact.js';
import { Yen } from '../core/yen.js';

/** What Yen's subtraction gives for equal operands under its ROUND_FLOOR mode (see `next`). */
const NEGATIVE_ZERO = new Yen(-0);

/**
 * A cap consumed in ledger order (docs/decisions.md §1.4), one line at a time: with S_i the running sum
 * through line i (negative corrections included) and clamp(x) = min(max(x, 0), limit), line i
 * counts clamp(S_i) − clamp(S_{i−1}). Holds only the limit and S_i, as a number while it is a
 * safe integer: a national ledger has hundreds of thousands of caps running at once.
 */
export class RunningClamp {
  private total: Exact;
  private readonly bound: Exact;

  /** `start`: S_0, what a cap over a term counted before this group (0 for a fiscal year's). */
  constructor(limit: Yen, start: Exact = 0) {
    this.bound = exact(limit);
    this.total = start;
  }

  get limit(): Yen {
    return toYen(this.bound);
  }

  /** S_i. */
  get sum(): Yen {
    return toYen(this.total);
  }

  /** clamp(S_i). */
  get clamped(): Yen {
    return toYen(this.clampOf(this.total));
  }

  /**
   * What this amount counts under the cap; `clamped` is then clamp(S_i). As with Yen arithmetic
   * (ROUND_FLOOR), a line that changes nothing counts −0, which `isNegative()` sees: callers rely on
   * it, so it is kept.
   */
  next(amount: Yen): Yen {
    const before = this.clampOf(this.total);
    this.total = plus(this.total, amount);
    const after = this.clampOf(this.total);
    if (typeof before === 'number' && typeof after === 'number')
      return after === before ? NEGATIVE_ZERO : new Yen(after - before);
    return toYen(after).minus(toYen(before));
  }

  /** The running sum as it is held (for the scope's peak, and for a term's next fiscal year). */
  get running(): Exact {
    return this.total;
  }

  private clampOf(sum: Exact): Exact {
    const limit = this.bound;
    if (typeof sum === 'number' && typeof limit === 'number')
      return Math.min(Math.max(sum, 0), limit);
    const value = toYen(sum);
    return exact(Yen.min(Yen.max(value, 0), limit));
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
