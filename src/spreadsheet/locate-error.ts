import type { ReportError } from '../schema/report.js';
import type { RowsLedger } from './ledger-from-rows.js';

/** Where a spreadsheet ledger's lines came from: sheet rows and column headers. */
export interface RowLocator {
  rowNumber(position: number): number | undefined;
  readonly columnOf: ReadonlyMap<string, string>;
}

/** The locator of a ledger read whole from rows (xlsx, or CSV read at once). */
export function rowsLocator(rows: RowsLedger): RowLocator {
  return { rowNumber: (position) => rows.rowNumbers[position], columnOf: rows.columnOf };
}

/**
 * Where a line error sits in a spreadsheet ledger: its row number and column header (the CLI's
 * stderr and the offline web page say the same).
 */
export function locateError(
  error: ReportError,
  rows: RowLocator | undefined,
): { row?: number; column?: string } {
  if (rows === undefined || error.row === null) return {};
  const row = rows.rowNumber(error.row - 1);
  const column =
    rows.columnOf.get(error.field) ??
    rows.columnOf.get(error.field.replace(/^entities\[\d+\]\./, 'entities.'));
  return {
    ...(row === undefined ? {} : { row }),
    ...(column === undefined ? {} : { column }),
  };
}
