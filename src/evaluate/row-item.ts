// The rows the fact search hands to an evaluation and what it gets back: one definition for the
// fast path (evaluate-rows.ts) and the reference (reference/reference-evaluate-rows.ts), so the
// differential test compares the two over the same shapes.
import type { ReportLine } from '../schema/report.js';

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
