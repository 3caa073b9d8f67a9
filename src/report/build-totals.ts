import { Yen } from '../compute/yen.js';
import type { ReportLine, Total } from '../schema/report.js';

/** One row per entity × fiscal year × measure × component with an eligible line, in order of first appearance; sums are exact. */
export function buildTotals(lines: readonly ReportLine[]): Total[] {
  const rows = new Map<string, { total: Total; base: Yen; amount: Yen; bond: Yen | null }>();
  for (const line of lines) {
    if (
      line.status !== 'eligible' ||
      line.measure === null ||
      line.kind === null ||
      line.entity === null ||
      line.fiscalYear === null
    )
      continue;
    const key = JSON.stringify([line.entity, line.fiscalYear, line.measure, line.component]);
    let row = rows.get(key);
    if (row === undefined) {
      row = {
        total: {
          entity: line.entity,
          fiscalYear: line.fiscalYear,
          measure: line.measure,
          component: line.component,
          kind: line.kind,
          base: '0',
          amount: '0',
          lines: 0,
        },
        base: new Yen(0),
        amount: new Yen(0),
        bond: line.bond === undefined ? null : new Yen(0),
      };
      rows.set(key, row);
    }
    row.base = row.base.plus(line.base ?? '0');
    row.amount = row.amount.plus(line.amount ?? '0');
    if (row.bond !== null) row.bond = row.bond.plus(line.bond ?? '0');
    row.total.lines += 1;
  }
  return [...rows.values()].map(({ total, base, amount, bond }) => ({
    entity: total.entity,
    fiscalYear: total.fiscalYear,
    measure: total.measure,
    component: total.component,
    kind: total.kind,
    base: base.toFixed(0),
    amount: amount.toFixed(0),
    ...(bond === null ? {} : { bond: bond.toFixed(0) }),
    lines: total.lines,
  }));
}
