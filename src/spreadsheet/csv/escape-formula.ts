const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * Guards a CSV cell against formula injection: text starting with = + - @ (or a tab or carriage
 * return) gets a leading apostrophe so a spreadsheet shows it as text. Plain numbers such as
 * "-1000" are left alone.
 */
export function escapeFormula(cell: string): string {
  if (cell === '' || PLAIN_NUMBER.test(cell)) return cell;
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** The inverse for reading: "'=1+2" → "=1+2" (only where escapeFormula would have added it). */
export function unescapeFormula(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
