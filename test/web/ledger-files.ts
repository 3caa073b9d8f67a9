// Every golden fixture and acceptance ledger written as the files a clerk would drop on the page:
// an xlsx workbook (the template writer) and a Shift_JIS CSV (as `kofuzei template -o x.csv`).
import { basename, dirname, join, relative } from 'node:path';
import { writeFileSync } from 'node:fs';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import { writeCsv } from '../../src/spreadsheet/csv/write-csv.js';
import { ledgerColumns, ledgerToRows } from '../../src/spreadsheet/ledger-to-rows.js';
import { writeTemplate } from '../../src/spreadsheet/xlsx/write-template.js';
import {
  ACCEPTANCE_DIR,
  FIXTURES_DIR,
  HAS_ACCEPTANCE,
  jsonFilesUnder,
  readJson,
  REPO_ROOT,
} from '../helpers/paths.js';

export interface LedgerCase {
  /** "fixtures/cio-aide-tokko/01-….json". */
  readonly name: string;
  readonly ledger: { entities: unknown[]; lines: unknown[] };
}

/** The ledgers of every golden fixture and public acceptance case. */
export function ledgerCases(): LedgerCase[] {
  const files = [
    ...jsonFilesUnder(FIXTURES_DIR),
    ...(HAS_ACCEPTANCE ? jsonFilesUnder(ACCEPTANCE_DIR) : []),
  ];
  return files.flatMap((file) => {
    const fixture = readJson(file) as { ledger?: { entities?: unknown; lines?: unknown } };
    const ledger = fixture.ledger;
    if (ledger === undefined || !Array.isArray(ledger.entities) || !Array.isArray(ledger.lines))
      return [];
    return [
      {
        name: relative(dirname(REPO_ROOT), file),
        ledger: { entities: ledger.entities as unknown[], lines: ledger.lines as unknown[] },
      },
    ];
  });
}

const glossary = bundledRuleSet().glossary;

/** A file name for a case: its folder and name, flattened ("cio-aide-tokko__01-….xlsx"). */
function fileName(ledgerCase: LedgerCase, extension: string): string {
  return `${basename(dirname(ledgerCase.name))}__${basename(ledgerCase.name, '.json')}${extension}`;
}

/** Writes the case as .xlsx into `dir`; the path, or the reason it cannot be written. */
export async function writeXlsxCase(
  ledgerCase: LedgerCase,
  dir: string,
): Promise<{ path: string } | { skipped: string }> {
  try {
    const path = join(dir, fileName(ledgerCase, '.xlsx'));
    writeFileSync(path, await writeTemplate(glossary, ledgerCase.ledger));
    return { path };
  } catch (error) {
    return { skipped: (error as Error).message };
  }
}

/** Writes the case as a Shift_JIS .csv into `dir`; the path, or the reason it cannot be written. */
export function writeShiftJisCase(
  ledgerCase: LedgerCase,
  dir: string,
): { path: string } | { skipped: string } {
  try {
    const columns = ledgerColumns(glossary, ledgerCase.ledger, {
      japanese: true,
      allColumns: false,
    });
    const rows = [
      columns.map((column) => column.header),
      ...ledgerToRows(glossary, ledgerCase.ledger, columns, true),
    ];
    const path = join(dir, fileName(ledgerCase, '.csv'));
    writeFileSync(path, writeCsv(rows, 'shift_jis', path));
    return { path };
  } catch (error) {
    return { skipped: (error as Error).message };
  }
}
