import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { KofuzeiError } from '../errors/kofuzei-error.js';
import type { Glossary } from '../schema/glossary.js';
import { readCsvLedger } from './csv/read-csv-ledger.js';
import type { RowsLedger } from './ledger-from-rows.js';
import { readXlsxLedger } from './xlsx/read-xlsx-ledger.js';

export const SPREADSHEET_EXTENSIONS = ['.csv', '.xlsx'];

/** Reads a .csv (UTF-8 or Shift_JIS, detected) or .xlsx ledger file into raw ledger JSON. */
export async function readSpreadsheetFile(path: string, glossary: Glossary): Promise<RowsLedger> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new KofuzeiError('LEDGER_UNREADABLE', `${path}: cannot be read`);
  }
  return extname(path).toLowerCase() === '.xlsx'
    ? readXlsxLedger(bytes, glossary, path)
    : readCsvLedger(bytes, glossary, path);
}
