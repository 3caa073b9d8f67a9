// The rows the fact search hands to an evaluation and what it gets back: one definition for the
// fast path (evaluate-rows.ts) and the reference (reference/reference-evaluate-rows.ts), so the
// differential test compares the two over the same shapes.
import type { ReportLine, ReportWarning } from '../schema/report.js';

/** A ledger line with its row in the whole ledger. */
export interface RowItem {
  readonly item: unknown;
  readonly row: number;
}

/** A line's report line and its own warnings (as JSON: they are only compared). */
export interface RowResult {
  readonly line: ReportLine;
  readonly warnings: string;
}

/**
 * A line's own warnings as the search compares them (JSON). SHARES_CAP_WITH_UNDETERMINED is left
 * out: it says another line is undetermined, which is what the search is trying values for — a
 * value making that other line eligible removes the warning without changing this line, and must
 * not count as this line's result changing (the evaluation after the search warns anew).
 */
export function compared(warnings: readonly ReportWarning[]): string {
  return JSON.stringify(
    warnings.filter((warning) => warning.code !== 'SHARES_CAP_WITH_UNDETERMINED'),
  );
}
