import { plus, exactText, type Exact } from './exact.js';
import { NumberColumn } from './number-column.js';
import type { Yen } from '../core/yen.js';

/**
 * Exact integer sums for rows numbered 0, 1, 2 …: a double a row while the sum is a safe integer
 * (see exact.ts); a sum that stops being one moves to a Yen beside them (NaN marks it).
 */
export class ExactColumn {
  private readonly numbers = new NumberColumn();
  private readonly large = new Map<number, Yen>();

  get(row: number): Exact {
    const value = this.numbers.get(row);
    return Number.isNaN(value) ? (this.large.get(row) ?? 0) : value;
  }

  add(row: number, amount: string | number): void {
    const sum = plus(this.get(row), amount);
    if (typeof sum === 'number') {
      this.numbers.set(row, sum);
    } else {
      this.numbers.set(row, Number.NaN);
      this.large.set(row, sum);
    }
  }

  /** The row's sum as integer text. */
  text(row: number): string {
    return exactText(this.get(row));
  }
}
