import { KofuzeiError } from '../core/kofuzei-error.js';

/** How many leading bytes the checks below look at: the file's first few rows. */
export const SNIFF_BYTES = 4096;

/** What Excel calls its two CSV formats, the ones kofuzei reads (UTF-8 and Shift_JIS). */
const SAVE_AS_CSV =
  'Excel で開き、「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」（Shift_JIS）で保存し直してください';

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

/** A zip archive (an .xlsx is one): local file header `PK\x03\x04`. */
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An OLE compound file: the old .xls format, and also any password-protected Excel workbook. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The UTF-16/UTF-32 a CSV's leading bytes show: by its byte-order mark, else by NUL bytes. */
function wideEncoding(head: Uint8Array): string | null {
  if (startsWith(head, [0xff, 0xfe, 0x00, 0x00])) return 'UTF-32（先頭が FF FE 00 00）';
  if (startsWith(head, [0x00, 0x00, 0xfe, 0xff])) return 'UTF-32（先頭が 00 00 FE FF）';
  if (startsWith(head, [0xff, 0xfe])) return 'UTF-16（先頭が FF FE）';
  if (startsWith(head, [0xfe, 0xff])) return 'UTF-16（先頭が FE FF）';
  // Without a BOM: UTF-8 and Shift_JIS text never holds a NUL byte, while UTF-16 writes one beside
  // every ASCII character (the commas, digits and line ends of a CSV). A stray NUL or two in a
  // damaged file is left to the usual checks; one byte in eight is far beyond that.
  // A head of nothing but NULs is no text at all (a damaged or preallocated file): UTF-16 text has
  // its letters between the NULs, so that is left to the usual checks too.
  let nuls = 0;
  for (const byte of head) if (byte === 0) nuls += 1;
  if (nuls === head.length) return null;
  return nuls * 8 >= head.length ? 'UTF-16 など（NUL バイトが多い）' : null;
}

/**
 * The refusal for a file whose leading bytes are not what its reader reads, or null: a CSV
 * saved as UTF-16 (Excel's 「Unicode テキスト」) would otherwise be read as one unknown column, and
 * a workbook named .csv, or an .xls / password-protected workbook named .xlsx, as noise or a
 * broken zip. The message says what the file is and how to save it so that kofuzei reads it.
 */
export function foreignLedgerBytes(
  head: Uint8Array,
  source: string,
  reader: 'csv' | 'xlsx',
): KofuzeiError | null {
  if (startsWith(head, OLE))
    return new KofuzeiError(
      'LEDGER_FORMAT_UNSUPPORTED',
      `${source}: 中身は古い形式の Excel ブック（.xls）か、パスワード付きのブックです${reader === 'csv' ? '（CSV ではありません）' : ''}。Excel で開き、パスワードがあれば外して、「Excel ブック（.xlsx）」として保存し直してから読み込んでください`,
    );
  if (reader === 'xlsx') return null;
  if (startsWith(head, ZIP))
    return new KofuzeiError(
      'LEDGER_FORMAT_UNSUPPORTED',
      `${source}: 中身は Excel ブック（.xlsx などの ZIP 形式）で、CSV ではありません。拡張子を .xlsx にして .xlsx として読み込むか、${SAVE_AS_CSV}`,
    );
  const wide = wideEncoding(head.subarray(0, SNIFF_BYTES));
  if (wide !== null)
    return new KofuzeiError(
      'LEDGER_ENCODING_UNSUPPORTED',
      `${source}: CSV の文字コードが ${wide}です。読める文字コードは UTF-8 と Shift_JIS です。${SAVE_AS_CSV}`,
    );
  return null;
}

/** The refusal for a ledger named .xls: the old Excel format, which kofuzei does not read. */
export function xlsRefusal(source: string): KofuzeiError {
  return new KofuzeiError(
    'LEDGER_FORMAT_UNSUPPORTED',
    `${source}: .xls（古い形式の Excel ブック）は読めません。Excel で開き、「Excel ブック（.xlsx）」として保存し直してから読み込んでください`,
  );
}
