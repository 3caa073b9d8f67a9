import { RunningClamp } from './clamp-running.js';
import { exactText, greater, toYen, type Exact } from './exact.js';
import type { Yen } from '../core/yen.js';

/** Negative lines of one scope, noted only once one comes (most scopes never see one). */
interface NegativeLines {
  /** The first five ids: the warning names no more. */
  readonly ids: string[];
  count: number;
  /** The running sum's peak since before the first negative line. */
  peak: Exact;
  warned: boolean;
}

/** What the NEGATIVE_LINE_UNDER_BINDING_CAP warning says of a scope. */
export interface NegativeLinesUnderCap {
  readonly first: string;
  readonly named: string;
  readonly peak: string;
  readonly net: string;
}

/** A cap's running state for one scope (the group, one person in it, or the measure's total). */
export class CapScope extends RunningClamp {
  private negatives: NegativeLines | null = null;

  /** What a line's base counts under the cap, its negative lines noted for `negativeLines`. */
  count(id: string, base: Yen): Yen {
    // −0 (what a line an earlier cap cut to nothing counts) is no correction: the reference agrees.
    if (base.isNegative() && !base.isZero()) {
      // Until now every line counted ≥ 0, so the running sum never fell: its peak is the sum.
      this.negatives ??= { ids: [], count: 0, peak: this.running, warned: false };
      if (this.negatives.ids.length < 5) this.negatives.ids.push(id);
      this.negatives.count += 1;
    }
    const counted = this.next(base);
    if (this.negatives !== null && greater(this.running, this.negatives.peak))
      this.negatives.peak = this.running;
    return counted;
  }

  /**
   * Negative lines under a running total that exceeded the limit, once per scope (a measure-wide
   * scope is seen by several groups); null when there is nothing to say.
   */
  negativeLines(): NegativeLinesUnderCap | null {
    const negatives = this.negatives;
    if (negatives === null || negatives.warned) return null;
    negatives.warned = true;
    const first = negatives.ids[0];
    const peak = toYen(negatives.peak);
    if (first === undefined || !peak.gt(this.limit)) return null;
    return {
      first,
      named:
        negatives.ids.join(', ') + (negatives.count > 5 ? ` and ${negatives.count - 5} more` : ''),
      peak: exactText(negatives.peak),
      net: this.sum.toFixed(0),
    };
  }
}
