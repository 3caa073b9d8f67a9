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

const COLUMNS = new WeakMap<object, ReadonlyMap<string, string>>();

/**
 * Notes the columns a spreadsheet record was read from: field path ("amount", "facts.employment",
 * "code" for an entity) → 「B「金額」」, the column letter and header a clerk finds. One map is
 * shared by every record of a sheet.
 */
export function noteSourceColumns(record: object, columns: ReadonlyMap<string, string>): void {
  COLUMNS.set(record, columns);
}

/** The column a field of a spreadsheet record was read from, if noted. */
export function sourceColumnOf(record: unknown, field: string): string | undefined {
  if (record === null || typeof record !== 'object') return undefined;
  return COLUMNS.get(record)?.get(field);
}

/** Every column noted for a spreadsheet record (to give a copy of the record the same). */
export function sourceColumnsOf(record: unknown): ReadonlyMap<string, string> | undefined {
  if (record === null || typeof record !== 'object') return undefined;
  return COLUMNS.get(record);
}
