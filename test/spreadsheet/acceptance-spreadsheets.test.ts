import { describe, expect, it } from 'vitest';
import { readCsvLedger } from '../../src/spreadsheet/csv/read-csv-ledger.js';
import { readXlsxLedger } from '../../src/spreadsheet/xlsx/read-xlsx-ledger.js';
import { writeTemplate } from '../../src/spreadsheet/xlsx/write-template.js';
import { acceptanceLedgers, fixtureLedgers, HAS_ACCEPTANCE } from '../helpers/paths.js';
import { evaluateLedger, glossary, ledgerCsv, lineResults, type RawLedger } from './convert.js';

/**
 * Done-when of the spreadsheet issue: every acceptance ledger (and golden fixture), converted to a
 * Shift_JIS CSV and to the template workbook, gives the same line statuses and amounts as its JSON.
 */
const ledgers = [...(HAS_ACCEPTANCE ? acceptanceLedgers() : []), ...fixtureLedgers()];

describe.skipIf(!HAS_ACCEPTANCE)('acceptance ledgers through spreadsheets', () => {
  it.each(ledgers.map((entry) => [entry.name, entry] as const))(
    '%s: Shift_JIS CSV and template workbook give the JSON results',
    async (_name, entry) => {
      const ledger = entry.ledger as RawLedger;
      const expected = lineResults(await evaluateLedger(ledger, entry.policy));

      const csv = readCsvLedger(ledgerCsv(ledger, 'shift_jis'), glossary, 'ledger.csv');
      expect(csv.encoding).toBe('shift_jis');
      expect(lineResults(await evaluateLedger(csv, entry.policy))).toEqual(expected);

      const utf8 = readCsvLedger(ledgerCsv(ledger, 'utf8', false), glossary, 'ledger.csv');
      expect(lineResults(await evaluateLedger(utf8, entry.policy))).toEqual(expected);

      const workbook = await readXlsxLedger(
        await writeTemplate(glossary, ledger),
        glossary,
        'ledger.xlsx',
      );
      expect(lineResults(await evaluateLedger(workbook, entry.policy))).toEqual(expected);
    },
  );
});
