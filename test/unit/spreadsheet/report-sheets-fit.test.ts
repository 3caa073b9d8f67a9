import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluate/evaluate.js';
import { reportCsvRows } from '../../../src/spreadsheet/csv/report-csv-rows.js';
import { reportSheets } from '../../../src/spreadsheet/report-sheets.js';
import { REPO_ROOT } from '../../helpers/paths.js';
import { dxLeaderLine, ledgerOf } from '../../helpers/ledger.js';

describe('result sheets as a clerk prints them', () => {
  it('widen yen columns to the widest amount (¥1,000,000,000 printed as ### at the fixed width)', async () => {
    const report = await evaluate(
      ledgerOf([dxLeaderLine('L1', '1000000000'), dxLeaderLine('L2', '4000')]),
    );
    const [lines, totals] = reportSheets(report);
    const width = (sheet: typeof lines, header: string): number | undefined =>
      sheet?.columns.find((column) => column.header === header)?.width;
    // 「1,000,000,000円」: 13 characters, 円 two columns wide, one to spare.
    expect(width(lines, '申請額')).toBe(16);
    expect(width(lines, '措置額')).toBe(14);
    // 1,000,004,000円 on the 集計 row; the widths never shrink below the set ones.
    expect(width(totals, '算定基礎額')).toBe(16);
    expect(width(totals, '差異')).toBe(8);
  });

  it('keep ids, entity names and received values as written (no markdown stripped)', async () => {
    const report = await evaluate(
      ledgerOf([dxLeaderLine('**B**', '1000'), dxLeaderLine('B', '2000')]),
    );
    const [lines] = reportSheets(report);
    expect(lines?.rows.map((row) => row[0])).toEqual(['**B**', 'B']);
  });

  it('write a fraction rate in the CSV so that a spreadsheet keeps it text, not 3 February', async () => {
    const fixture = JSON.parse(
      readFileSync(join(REPO_ROOT, 'fixtures/bunsan-energy-masterplan/01-rate-tiers.json'), 'utf8'),
    ) as { ledger: unknown };
    const rows = reportCsvRows(await evaluate(fixture.ledger));
    const rate = rows[0]?.indexOf('率') ?? -1;
    const rates = rows.slice(1).map((row) => row[rate]);
    expect(rates).toContain("'2/3");
    expect(rates).toContain(0.75);
  });
});
