import { ExactColumn } from '../compute/exact-column.js';
import { NumberColumn } from '../compute/number-column.js';
import type { ReportLine, Total } from '../schema/report.js';

/** What rows of one measure component share (a bond row sums the bond too). */
interface Kind {
  readonly measure: string;
  readonly component: string | null;
  readonly kind: Total['kind'];
  readonly bond: boolean;
}

/** Where a caller keeps the number of its group's totals row: −1 until its first eligible line. */
export interface TotalsHolder {
  totalRow: number;
}

/**
 * Sums eligible report lines per entity × fiscal year × measure × component as they come, in
 * order of first appearance; the sums are exact. Every row is kept until the end (the totals come
 * last), so a row is a few numbers in columns (40 bytes), not objects: a national ledger has
 * hundreds of thousands of them.
 */
export class TotalsAccumulator {
  private rows = 0;
  private readonly base = new ExactColumn();
  private readonly amount = new ExactColumn();
  private readonly bond = new ExactColumn();
  private readonly lines = new NumberColumn();
  private readonly kindOf = new NumberColumn((n) => new Int32Array(n));
  private readonly entityOf = new NumberColumn((n) => new Int32Array(n));
  private readonly yearOf = new NumberColumn((n) => new Int32Array(n));
  private readonly kinds: Kind[] = [];
  private readonly kindIndex = new Map<string, number>();
  private readonly entities: string[] = [];
  private readonly entityIndex = new Map<string, number>();
  /** Rows of lines added without a holder, by entity, fiscal year, measure and component. */
  private readonly byKey = new Map<string, number>();

  /**
   * `holder` keeps the row of the line's entity × fiscal year × measure × component when the
   * caller has one (its group); otherwise the row is found by key.
   */
  add(line: ReportLine, holder?: TotalsHolder): void {
    if (
      line.status !== 'eligible' ||
      line.measure === null ||
      line.kind === null ||
      line.entity === null ||
      line.fiscalYear === null
    )
      return;
    const key =
      holder === undefined
        ? `${line.entity}\u0000${line.fiscalYear}\u0000${line.measure}\u0000${line.component ?? ''}`
        : '';
    let row = holder === undefined ? (this.byKey.get(key) ?? -1) : holder.totalRow;
    if (row < 0) {
      row = this.open(line.entity, line.fiscalYear, {
        measure: line.measure,
        component: line.component,
        kind: line.kind,
        bond: line.bond !== undefined,
      });
      if (holder === undefined) this.byKey.set(key, row);
      else holder.totalRow = row;
    }
    this.base.add(row, line.base ?? '0');
    this.amount.add(row, line.amount ?? '0');
    if (this.kinds[this.kindOf.get(row)]?.bond === true) this.bond.add(row, line.bond ?? '0');
    this.lines.set(row, this.lines.get(row) + 1);
  }

  private open(entity: string, fiscalYear: number, kind: Kind): number {
    const row = this.rows;
    this.rows += 1;
    const kindKey = JSON.stringify([kind.measure, kind.component, kind.kind, kind.bond]);
    let index = this.kindIndex.get(kindKey);
    if (index === undefined) {
      index = this.kinds.length;
      this.kinds.push(kind);
      this.kindIndex.set(kindKey, index);
    }
    this.kindOf.set(row, index);
    let entityIndex = this.entityIndex.get(entity);
    if (entityIndex === undefined) {
      entityIndex = this.entities.length;
      this.entities.push(entity);
      this.entityIndex.set(entity, entityIndex);
    }
    this.entityOf.set(row, entityIndex);
    this.yearOf.set(row, fiscalYear);
    return row;
  }

  /** Rows opened so far (a row opens at its first eligible line: the totals come in that order). */
  get size(): number {
    return this.rows;
  }

  totals(): Total[] {
    const totals: Total[] = [];
    for (let row = 0; row < this.rows; row += 1) {
      const kind = this.kinds[this.kindOf.get(row)];
      if (kind === undefined) continue;
      totals.push({
        entity: this.entities[this.entityOf.get(row)] ?? '',
        fiscalYear: this.yearOf.get(row),
        measure: kind.measure,
        component: kind.component,
        kind: kind.kind,
        base: this.base.text(row),
        amount: this.amount.text(row),
        ...(kind.bond ? { bond: this.bond.text(row) } : {}),
        lines: this.lines.get(row),
      });
    }
    return totals;
  }
}
