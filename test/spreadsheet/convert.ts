import { evaluate } from '../../src/evaluate/evaluate.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import type { Report } from '../../src/schema/report.js';
import type { CsvEncoding } from '../../src/spreadsheet/csv/decode-csv.js';
import { writeCsv } from '../../src/spreadsheet/csv/write-csv.js';
import { ledgerColumns, ledgerToRows } from '../../src/spreadsheet/ledger-to-rows.js';

/** Test helper: ledgers converted the way users hand them in, and the line results compared. */

export interface RawLedger {
  entities: unknown[];
  lines: unknown[];
}

export const glossary = bundledRuleSet().glossary;

export function ledgerCsv(ledger: RawLedger, encoding: CsvEncoding, japanese = true): Uint8Array {
  const columns = ledgerColumns(glossary, ledger, { japanese, allColumns: false });
  return writeCsv(
    [columns.map((column) => column.header), ...ledgerToRows(glossary, ledger, columns, japanese)],
    encoding,
  );
}

/** What the acceptance comparison looks at, per line: id, status, measure, base, amount, bond. */
export function lineResults(report: Report): unknown[] {
  return report.lines.map((line) => ({
    id: line.id,
    status: line.status,
    measure: line.measure,
    component: line.component,
    claimed: line.claimed,
    base: line.base,
    amount: line.amount,
    bond: line.bond,
    missingFacts: line.missingFacts,
  }));
}

export async function evaluateLedger(
  ledger: unknown,
  policy?: Record<string, unknown>,
): Promise<Report> {
  return evaluate(ledger, policy === undefined ? {} : { policy });
}
