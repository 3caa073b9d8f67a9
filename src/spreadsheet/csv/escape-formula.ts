const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * What a spreadsheet may take for the start of a formula: = + - @ or their full-width forms
 * (＝ ＋ － ＠, which Japanese Excel also accepts), after any whitespace — spaces, U+3000, tabs,
 * CR, LF — since spreadsheets skip leading blanks before a formula; or a leading tab or CR.
 */
const FORMULA_START = /^(?:\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r])/u;

/**
 * Whether a cell gets the guarding apostrophe. Apostrophes already at its start are looked past,
 * so a cell that begins with "'=" (or "''=") is escaped too: that keeps unescapeFormula the exact
 * inverse — reading back never removes an apostrophe that was in the cell.
 */
function needsEscape(cell: string): boolean {
  if (cell === '' || PLAIN_NUMBER.test(cell)) return false;
  return FORMULA_START.test(cell.replace(/^'+/u, ''));
}

/**
 * Guards a CSV cell against formula injection: text that starts like a formula (see
 * FORMULA_START) gets a leading apostrophe so a spreadsheet shows it as text. Plain numbers such
 * as "-1000" are left alone.
 */
export function escapeFormula(cell: string): string {
  return needsEscape(cell) ? `'${cell}` : cell;
}

/**
 * The inverse for reading: "'=1+2" → "=1+2", exactly where escapeFormula would have added the
 * apostrophe, so unescapeFormula(escapeFormula(x)) === x for every x.
 */
export function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && needsEscape(cell.slice(1)) ? cell.slice(1) : cell;
}
