/** A spreadsheet cell as the readers hand it over: CSV gives strings, workbooks and Sheets more. */
export type CellValue = string | number | boolean | Date | null | undefined;

const TRUE_WORDS = new Set(['true', 'はい', '○', '◯', '〇', '有']);
const FALSE_WORDS = new Set(['false', 'いいえ', '×', '✕', '✗', '無']);

/** TRUE/FALSE, はい/いいえ, ○/× → a boolean; anything else is returned unchanged for the normaliser. */
export function booleanCell(cell: string | number | boolean): boolean | string | number {
  if (typeof cell !== 'string') return cell;
  const word = cell.normalize('NFKC').trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return cell;
}

/** Whether a cell is empty (an empty cell means the field or fact is absent). */
export function isEmptyCell(cell: CellValue): cell is null | undefined | '' {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/**
 * Whether a data row holds nothing: every cell empty or FALSE. A column of checkboxes gives FALSE
 * in every row below the ledger's last; such a row is no line.
 */
export function isBlankRow(values: readonly CellValue[]): boolean {
  return values.every((cell) => isEmptyCell(cell) || cell === false);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * A date cell as "YYYY-MM-DD". Workbook readers (exceljs) give UTC-midnight instants, so UTC
 * getters are the default; Google Sheets gives the spreadsheet's local midnight.
 */
export function isoDate(date: Date, zone: 'utc' | 'local'): string {
  return zone === 'utc'
    ? `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`
    : `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

/** A cell as text for string fields (ids, codes, names): numbers without exponent, dates ISO. */
export function textCell(cell: string | number | boolean | Date, zone: 'utc' | 'local'): string {
  if (cell instanceof Date) return isoDate(cell, zone);
  if (typeof cell === 'number' && Number.isInteger(cell)) return BigInt(cell).toString();
  return String(cell);
}
