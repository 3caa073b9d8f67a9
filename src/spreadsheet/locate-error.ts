import type { ReportError } from '../schema/report.js';
import type { RowsLedger } from './ledger-from-rows.js';

/** Where a spreadsheet ledger's fields came from: the column header of each. */
export interface RowLocator {
  readonly columnOf: ReadonlyMap<string, string>;
}

/** The locator of a ledger read whole from rows (xlsx, or CSV read at once). */
export function rowsLocator(rows: RowsLedger): RowLocator {
  return { columnOf: rows.columnOf };
}

/**
 * Where a line error sits in a spreadsheet ledger: its row (the report's own `row`, which for a
 * spreadsheet is already the sheet row, header = 1) and column header — the CLI's stderr and the
 * offline web page say the same.
 */
export function locateError(
  error: ReportError,
  rows: RowLocator | undefined,
): { row?: number; column?: string } {
  if (rows === undefined || error.row === null) return {};
  const column =
    rows.columnOf.get(error.field) ??
    rows.columnOf.get(error.field.replace(/^entities\[\d+\]\./, 'entities.'));
  return { row: error.row, ...(column === undefined ? {} : { column }) };
}
