import { INPUT_LIMITS, mebibytes } from '../core/input-limits.js';
import { KofuzeiError } from '../core/kofuzei-error.js';
import type { StreamLedger } from '../evaluate/evaluate-stream.js';
import { parseLedgerText } from '../ledger/parse-ledger-text.js';
import type { Glossary } from '../schema/glossary.js';
import { readCsvLedger } from '../spreadsheet/csv/read-csv-ledger.js';
import { xlsRefusal } from '../spreadsheet/foreign-ledger-bytes.js';
import { rowsLocator, type RowLocator } from '../spreadsheet/locate-error.js';
import { readXlsxLedger } from '../spreadsheet/xlsx/read-xlsx-ledger.js';
import { notALedger } from '../core/ledger-file-refusals.js';
import { noteUnreadLedgerKeys } from '../ledger/unread-ledger-keys.js';

/** A ledger file read in the page: its lines, how many, and (for xlsx and CSV) where each came from. */
export interface LoadedLedger extends StreamLedger {
  readonly lines: readonly unknown[];
  readonly rows?: RowLocator;
}

/** The lowercase extension of a file name ("" without one). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

const LIMITS: Readonly<Record<string, number>> = {
  '.xlsx': INPUT_LIMITS.xlsxBytes,
  '.csv': INPUT_LIMITS.csvBytes,
  '.json': INPUT_LIMITS.jsonBytes,
};

/**
 * A ledger file chosen or dropped in the offline page, read with the CLI's readers and limits:
 * .xlsx (readXlsxLedger), .csv in UTF-8 or Shift_JIS (readCsvLedger) and .json (the strict JSON
 * reader). Refusals are the CLI's KofuzeiErrors, naming the file. JSON Lines is not offered: it is
 * the CLI's format for ledgers too large for a page.
 */
export async function readLedgerBytes(
  name: string,
  bytes: Uint8Array,
  glossary: Glossary,
): Promise<LoadedLedger> {
  const extension = extensionOf(name);
  const limit = LIMITS[extension];
  if (extension === '.xls') throw xlsRefusal(name);
  if (limit === undefined)
    throw new KofuzeiError(
      'LEDGER_FORMAT_UNSUPPORTED',
      `${name}: このページで読める台帳は .xlsx、.csv（UTF-8 または Shift_JIS）、.json です（${extension === '' ? '拡張子がありません' : `${extension} は読めません`}）`,
    );
  if (bytes.byteLength > limit)
    throw new KofuzeiError(
      'LEDGER_TOO_LARGE',
      `${name}: ${mebibytes(limit)} を超えています（${extension} の台帳の上限）。コマンド版 kofuzei で JSON Lines (.jsonl) として判定してください`,
    );
  if (extension === '.xlsx') {
    const rows = await readXlsxLedger(bytes, glossary, name);
    return { entities: rows.entities, lines: rows.lines, rows: rowsLocator(rows) };
  }
  if (extension === '.csv') {
    const rows = readCsvLedger(bytes, glossary, name);
    return { entities: rows.entities, lines: rows.lines, rows: rowsLocator(rows) };
  }
  const json = parseLedgerText(new TextDecoder('utf-8').decode(bytes), name);
  const record = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  if (!Array.isArray(record.entities) || !Array.isArray(record.lines)) throw notALedger(name);
  noteUnreadLedgerKeys({ ...record, entities: record.entities }, name);
  return { entities: record.entities, lines: record.lines };
}
