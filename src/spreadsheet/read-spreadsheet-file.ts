import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { INPUT_LIMITS } from '../core/input-limits.js';
import { ledgerTooLarge, ledgerUnreadable } from '../core/ledger-file-refusals.js';
import { KofuzeiError } from '../core/kofuzei-error.js';
import type { Glossary } from '../schema/glossary.js';
import type { RowsLedger } from './ledger-from-rows.js';

export const SPREADSHEET_EXTENSIONS = ['.csv', '.xlsx'];

/**
 * Reads a .csv (UTF-8 or Shift_JIS, detected) or .xlsx ledger file into raw ledger JSON. Files above
 * INPUT_LIMITS.csvBytes / xlsxBytes are refused before they are read.
 */
export async function readSpreadsheetFile(path: string, glossary: Glossary): Promise<RowsLedger> {
  const xlsx = extname(path).toLowerCase() === '.xlsx';
  const limit = xlsx ? INPUT_LIMITS.xlsxBytes : INPUT_LIMITS.csvBytes;
  let bytes: Uint8Array;
  try {
    if (statSync(path).size > limit) throw ledgerTooLarge(path, limit, xlsx ? '.xlsx' : '.csv');
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof KofuzeiError) throw error;
    throw ledgerUnreadable(path, error);
  }
  // exceljs takes most of a second to load: only a workbook pays for it; csv-parse and
  // iconv-lite are loaded only for a CSV (a JSON ledger's cold start needs neither).
  if (!xlsx) {
    const { readCsvLedger } = await import('./csv/read-csv-ledger.js');
    return readCsvLedger(bytes, glossary, path);
  }
  const { readXlsxLedger } = await import('./xlsx/read-xlsx-ledger.js');
  return readXlsxLedger(bytes, glossary, path);
}
