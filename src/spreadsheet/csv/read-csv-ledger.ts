import { parse } from 'csv-parse/sync';
import type { Glossary } from '../../schema/glossary.js';
import { ledgerFromRows, type RowsLedger } from '../ledger-from-rows.js';
import { csvParseOptions } from './csv-parse-options.js';
import { csvUnreadable } from './csv-unreadable.js';
import { decodeCsv, type CsvEncoding } from './decode-csv.js';
import { foreignLedgerBytes } from '../foreign-ledger-bytes.js';
import { unescapeFormula } from './escape-formula.js';

/** A record with csv-parse's `info`: records and empty lines read so far. */
interface CsvRecord {
  readonly record: string[];
  readonly info: { readonly records: number; readonly empty_lines: number };
}

/**
 * Parses CSV text into rows of strings (quoted cells may hold commas and newlines). Row N of the
 * result is record N of the file as a spreadsheet shows it: skipped empty lines are put back as
 * empty rows (which ledgerFromRows skips), so row numbers in messages are the spreadsheet's.
 */
export function parseCsvRows(text: string, source: string): string[][] {
  let records: CsvRecord[];
  try {
    records = parse(text, csvParseOptions()) as unknown as CsvRecord[];
  } catch (error) {
    throw csvUnreadable(source, error);
  }
  const rows: string[][] = [];
  for (const { record, info } of records) {
    const row = info.records + info.empty_lines;
    while (rows.length < row - 1) rows.push([]);
    rows.push(record);
  }
  return rows;
}

/** A CSV ledger (docs/contract.md §5.2) from its bytes, encoding detected: raw ledger JSON and where it came from. */
export function readCsvLedger(
  bytes: Uint8Array,
  glossary: Glossary,
  source: string,
): RowsLedger & { encoding: CsvEncoding } {
  const foreign = foreignLedgerBytes(bytes, source, 'csv');
  if (foreign !== null) throw foreign;
  const { text, encoding } = decodeCsv(bytes);
  const rows = parseCsvRows(text, source).map((row) => row.map(unescapeFormula));
  return { ...ledgerFromRows(rows, glossary, { source, surplusCells: 'invalid' }), encoding };
}
