/**
 * The row number a person sees for a record read from a spreadsheet (header = row 1), kept beside
 * the record (a WeakMap, as the source problems are) so the record stays plain ledger JSON.
 *
 * Why: a clerk looks for "row 5" in Excel. The report line, its errors on stderr and the エラー sheet
 * must all name that row; without a note the reader falls back on the line's position in `lines`
 * (JSON ledgers, where that position is what a person counts).
 */
const ROWS = new WeakMap<object, number>();

/** Notes the spreadsheet row a line or entity record was read from. */
export function noteSourceRow(record: object, row: number): void {
  ROWS.set(record, row);
}

/** The spreadsheet row noted for a record, if any. */
export function sourceRowOf(record: unknown): number | undefined {
  if (record === null || typeof record !== 'object') return undefined;
  return ROWS.get(record);
}
