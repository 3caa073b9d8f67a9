/** "1234567" → "1,234,567"; anything but an integer is returned as it is. */
export function groupDigits(text: string): string {
  const match = /^(-?)(\d+)$/.exec(text);
  if (match === null) return text;
  return `${match[1] ?? ''}${(match[2] ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** An integer yen amount as people write it on paper: 1,000,000円. */
export function yenText(text: string): string {
  return /^-?\d+$/.test(text) ? `${groupDigits(text)}円` : text;
}

/**
 * Text as a printed cell shows it: the source documents' markdown emphasis (**) dropped, tabs (table
 * cells in the sources) as a full-width space, and yen amounts of 4 digits or more written with
 * thousands separators (「上限1000000円」→「上限1,000,000円」).
 */
export function printableText(text: string): string {
  return text
    .replace(/\*\*/g, '')
    .replace(/\t+/g, '　')
    .replace(/(?<![\d,.])(\d{4,})(?=\s*円)/g, (digits) => groupDigits(digits));
}

/** Excel's tallest row, in points. */
const MAX_ROW_HEIGHT = 409;
const LINE_HEIGHT = 15;

/** How many column-width units a character takes: full-width (CJK, kana, full-width forms) 2, else 1. */
function charWidth(code: number): number {
  return code >= 0x2e80 ? 2 : 1;
}

/**
 * The height (points) a row needs to show wrapped text in full, from the widest-wrapping cell.
 * Spreadsheets do not grow rows on opening a file (LibreOffice keeps the default height of a row
 * with no stated height), so the writer states one: lines = the text's width over the column's.
 */
export function wrappedRowHeight(cells: readonly { text: string; width: number }[]): number {
  let lines = 1;
  for (const { text, width } of cells) {
    const room = Math.max(1, width - 1);
    let count = 0;
    for (const paragraph of text.split('\n')) {
      let used = 0;
      for (const char of paragraph) used += charWidth(char.codePointAt(0) ?? 0);
      count += Math.max(1, Math.ceil(used / room));
    }
    lines = Math.max(lines, count);
  }
  return Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 2);
}
