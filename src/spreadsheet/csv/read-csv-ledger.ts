import { parse } from 'csv-parse/sync';
import { KofuzeiError } from '../../errors/kofuzei-error.js';
import type { Glossary } from '../../schema/glossary.js';
import { ledgerFromRows, type RowsLedger } from '../ledger-from-rows.js';
import { decodeCsv, type CsvEncoding } from './decode-csv.js';
import { unescapeFormula } from './escape-formula.js';

/**
 * Parses CSV text into rows of strings (quoted cells may hold commas and newlines). Empty lines are
 * kept as rows (ledgerFromRows skips them) so that row numbers in messages are the spreadsheet's:
 * record N of the file is row N, as Excel shows it.
 */
export function parseCsvRows(text: string, source: string): string[][] {
  try {
    return parse(text, {
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new KofuzeiError('LEDGER_UNUSABLE', `${source}: not readable as CSV: ${message}`);
  }
}

/** A CSV ledger (CONTRACT §5) from its bytes, encoding detected: raw ledger JSON and where it came from. */
export function readCsvLedger(
  bytes: Uint8Array,
  glossary: Glossary,
  source: string,
): RowsLedger & { encoding: CsvEncoding } {
  const { text, encoding } = decodeCsv(bytes);
  const rows = parseCsvRows(text, source).map((row) => row.map(unescapeFormula));
  return { ...ledgerFromRows(rows, glossary, { source }), encoding };
}
