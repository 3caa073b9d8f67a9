import { Yen } from '../../core/yen.js';
import type { Cap } from '../../schema/measure.js';
import { negativeLinesMessage } from '../negative-lines-message.js';
import { clamp } from './reference-arithmetic.js';
import type { ReferenceWarning } from './reference-types.js';

/**
 * One running total of a cap (docs/decisions.md §1.4): the group (`entity`), one person in it
 * (`person`), or the measure across its components (`measure`). With S_i the running sum of the
 * bases through line i, negative corrections included, line i counts clamp(S_i) − clamp(S_{i−1}).
 */
export class RunningScope {
  sum: Yen;
  /** Negative lines, and the largest S from just before the first of them on. */
  private readonly negatives: string[] = [];
  private peak: Yen | null = null;

  /** `start`: S_0, what a cap over a term counted before this fiscal year. */
  constructor(
    readonly cap: Cap,
    readonly limit: Yen,
    readonly person: string | null,
    start: Yen = new Yen(0),
  ) {
    this.sum = start;
  }

  add(id: string, base: Yen): Yen {
    // A line counting 0 (−0 after an earlier cap) is no correction.
    if (base.isNegative() && !base.isZero()) {
      this.peak ??= this.sum;
      this.negatives.push(id);
    }
    const before = this.sum;
    this.sum = before.plus(base);
    if (this.peak !== null && this.sum.gt(this.peak)) this.peak = this.sum;
    return clamp(this.sum, this.limit).minus(clamp(before, this.limit));
  }

  /**
   * NEGATIVE_LINE_UNDER_BINDING_CAP: negative lines in a scope whose running total went over the
   * limit are corrections to the engine, which give back headroom only below the limit — ask.
   */
  warning(): ReferenceWarning | null {
    const first = this.negatives[0];
    if (first === undefined || this.peak === null || !this.peak.gt(this.limit)) return null;
    const named =
      this.negatives.slice(0, 5).join(', ') +
      (this.negatives.length > 5 ? ` and ${this.negatives.length - 5} more` : '');
    return {
      code: 'NEGATIVE_LINE_UNDER_BINDING_CAP',
      line: first,
      message: negativeLinesMessage({
        cap: this.cap,
        limit: this.limit.toFixed(0),
        person: this.person,
        named,
        peak: this.peak.toFixed(0),
        net: this.sum.toFixed(0),
      }),
    };
  }
}

export function scopeWarnings(scopes: Iterable<RunningScope>): ReferenceWarning[] {
  const warnings: ReferenceWarning[] = [];
  for (const scope of scopes) {
    const warning = scope.warning();
    if (warning !== null) warnings.push(warning);
  }
  return warnings;
}
