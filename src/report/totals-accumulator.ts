import { Yen } from '../compute/yen.js';
import type { ReportLine, Total } from '../schema/report.js';

/**
 * An exact running sum of integer-yen strings: a JavaScript number while every partial sum is a
 * safe integer (ledger amounts have at most 15 digits, so this is the usual case and costs no
 * Decimal), a Yen from the first sum that would not be.
 */
class ExactSum {
  private small = 0;
  private big: Yen | null = null;

  add(text: string): void {
    if (this.big === null) {
      const sum = this.small + Number(text);
      // Number(text) is exact for ≤ 15 digits; a safe result of exact operands is exact.
      if (text.length <= 16 && Number.isSafeInteger(sum)) {
        this.small = sum;
        return;
      }
      this.big = new Yen(this.small);
    }
    this.big = this.big.plus(text);
  }

  toFixed(): string {
    return this.big === null ? String(this.small) : this.big.toFixed(0);
  }
}

interface Row {
  readonly total: Omit<Total, 'base' | 'amount' | 'bond' | 'lines'>;
  readonly base: ExactSum;
  readonly amount: ExactSum;
  readonly bond: ExactSum | null;
  lines: number;
}

/**
 * Sums eligible report lines per entity × fiscal year × measure × component as they come, in
 * order of first appearance; the sums are exact.
 */
export class TotalsAccumulator {
  private readonly rows = new Map<string, Row>();

  /** `key` names the line's entity × fiscal year × measure × component when the caller knows it. */
  add(line: ReportLine, key?: string): void {
    if (
      line.status !== 'eligible' ||
      line.measure === null ||
      line.kind === null ||
      line.entity === null ||
      line.fiscalYear === null
    )
      return;
    const rowKey =
      key ??
      `${line.entity}\u0000${line.fiscalYear}\u0000${line.measure}\u0000${line.component ?? ''}`;
    let row = this.rows.get(rowKey);
    if (row === undefined) {
      row = {
        total: {
          entity: line.entity,
          fiscalYear: line.fiscalYear,
          measure: line.measure,
          component: line.component,
          kind: line.kind,
        },
        base: new ExactSum(),
        amount: new ExactSum(),
        bond: line.bond === undefined ? null : new ExactSum(),
        lines: 0,
      };
      this.rows.set(rowKey, row);
    }
    row.base.add(line.base ?? '0');
    row.amount.add(line.amount ?? '0');
    if (row.bond !== null) row.bond.add(line.bond ?? '0');
    row.lines += 1;
  }

  totals(): Total[] {
    return [...this.rows.values()].map(({ total, base, amount, bond, lines }) => ({
      ...total,
      base: base.toFixed(),
      amount: amount.toFixed(),
      ...(bond === null ? {} : { bond: bond.toFixed() }),
      lines,
    }));
  }
}
