import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { KofuzeiError } from '../../core/kofuzei-error.js';
import { columnLetter } from '../ledger-columns.js';
import type { CsvEncoding } from './decode-csv.js';
import { escapeFormula } from './escape-formula.js';

/** Characters that look the same but CP932 spells differently (Mac / JIS sources): mapped first. */
const CP932_EQUIVALENTS: Readonly<Record<string, string>> = {
  '\u301c': '\uff5e', // 〜 WAVE DASH → ～
  '\u2212': '\uff0d', // − MINUS SIGN → －
  '\u2016': '\u2225', // ‖ → ∥
  '\u00a2': '\uffe0', // ¢ → ￠
  '\u00a3': '\uffe1', // £ → ￡
  '\u00ac': '\uffe2', // ¬ → ￢
  '\u2014': '\u2015', // — → ―
  '\u00a5': '\uffe5', // ¥ → ￥ (CP932's 0x5C is a backslash)
};

function toCp932Text(cell: string): string {
  return cell.replace(
    /[\u301c\u2212\u2016\u00a2\u00a3\u00ac\u2014\u00a5]/g,
    (c) => CP932_EQUIVALENTS[c] ?? c,
  );
}

/**
 * Writes rows (the first the header) as CSV bytes with CRLF line ends, cells guarded against
 * formula injection: UTF-8 with a BOM (Excel opens it as UTF-8), or Shift_JIS (CP932) when asked,
 * failing — naming row and column — on any character CP932 cannot hold instead of writing "?".
 */
export function writeCsv(
  rows: readonly (readonly (string | number | boolean | null)[])[],
  encoding: CsvEncoding = 'utf8',
  target = 'CSV',
): Uint8Array {
  const header = rows[0] ?? [];
  const cells = rows.map((row, rowIndex) =>
    row.map((cell, columnIndex) => {
      if (cell === null) return '';
      const raw = typeof cell === 'boolean' ? (cell ? 'TRUE' : 'FALSE') : String(cell);
      if (encoding === 'utf8') return escapeFormula(raw);
      // Mapped first, then guarded: U+2212 (−) becomes U+FF0D (－), which Japanese Excel takes
      // as a formula's minus; guarded before mapping, "−1+1" was written as an open formula.
      const mapped = escapeFormula(toCp932Text(raw));
      const back = iconv.decode(iconv.encode(mapped, 'cp932'), 'cp932');
      if (back !== mapped) {
        const lost = Array.from(mapped).find(
          (char) => iconv.decode(iconv.encode(char, 'cp932'), 'cp932') !== char,
        );
        throw new KofuzeiError(
          'ENCODING_LOSSY',
          `${target}: 行 ${rowIndex + 1}、列 ${columnLetter(columnIndex)}「${String(header[columnIndex] ?? '')}」の ` +
            `${JSON.stringify(lost ?? text)}（U+${(lost ?? '').codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0') ?? '?'}）は Shift_JIS で書けません。既定の UTF-8（--encoding utf8）で書き出してください`,
        );
      }
      return mapped;
    }),
  );
  // A cell holding a lone LF or CR is quoted too (csv-stringify quotes only CRLF once the record
  // delimiter is CRLF): unquoted, it would end the row in Excel and in our own reader.
  const text = stringify(cells, { record_delimiter: 'windows', quote_record_delimiter: true });
  if (encoding === 'shift_jis') return new Uint8Array(iconv.encode(text, 'cp932'));
  return new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf8'));
}
