import { Yen } from '../compute/yen.js';
import type { ReportLine, Total } from '../schema/report.js';

interface Row {
  readonly total: Omit<Total, 'base' | 'amount' | 'bond' | 'lines'>;
  base: Yen;
  amount: Yen;
  bond: Yen | null;
  lines: number;
}

/**
 * Sums eligible report lines per entity × fiscal year × measure × component as they come, in
 * order of first appearance; the sums are exact.
 */
export class TotalsAccumulator {
  private readonly rows = new Map<string, Row>();

  add(line: ReportLine): void {
    if (
      line.status !== 'eligible' ||
      line.measure === null ||
      line.kind === null ||
      line.entity === null ||
      line.fiscalYear === null
    )
      return;
    const key = `${line.entity}\u0000${line.fiscalYear}\u0000${line.measure}\u0000${line.component ?? ''}`;
    let row = this.rows.get(key);
    if (row === undefined) {
      row = {
        total: {
          entity: line.entity,
          fiscalYear: line.fiscalYear,
          measure: line.measure,
          component: line.component,
          kind: line.kind,
        },
        base: new Yen(0),
        amount: new Yen(0),
        bond: line.bond === undefined ? null : new Yen(0),
        lines: 0,
      };
      this.rows.set(key, row);
    }
    row.base = row.base.plus(line.base ?? '0');
    row.amount = row.amount.plus(line.amount ?? '0');
    if (row.bond !== null) row.bond = row.bond.plus(line.bond ?? '0');
    row.lines += 1;
  }

  totals(): Total[] {
    return [...this.rows.values()].map(({ total, base, amount, bond, lines }) => ({
      ...total,
      base: base.toFixed(0),
      amount: amount.toFixed(0),
      ...(bond === null ? {} : { bond: bond.toFixed(0) }),
      lines,
    }));
  }
}
