import type { ReportLine, Total } from '../schema/report.js';
import { TotalsAccumulator } from './totals-accumulator.js';

/** One row per entity × fiscal year × measure × component with an eligible line, in order of first appearance; sums are exact. */
export function buildTotals(lines: readonly ReportLine[]): Total[] {
  const accumulator = new TotalsAccumulator();
  for (const line of lines) accumulator.add(line);
  return accumulator.totals();
}
