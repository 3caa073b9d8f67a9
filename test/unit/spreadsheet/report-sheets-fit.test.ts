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

  // A warning was only on the エラー sheet: a clerk reading 明細 on paper saw no hint of it.
  it('name each line’s warnings in its 理由 cell, once per code', async () => {
    const fixture = JSON.parse(
      readFileSync(
        join(REPO_ROOT, 'fixtures/pref-dx-talent-tokko/10-receipt-not-deducted.json'),
        'utf8',
      ),
    ) as { ledger: Parameters<typeof evaluate>[0] };
    const report = await evaluate(fixture.ledger);
    const [lines] = reportSheets(report);
    const reasonAt = lines?.columns.findIndex((column) => column.header === '理由') ?? -1;
    const reasons = new Map(lines?.rows.map((row) => [row[0], row[reasonAt]]));
    const note =
      '【注意】負担金の受入れが対象外と判定され、対象となった同じ人物の経費から控除されていません（確認してください）（「エラー」シート）';
    expect(reasons.get('B1')).toBe(note);
    // C2: its own reasons, the rule's MANUAL_REVIEW, then the receipt's warning.
    const c2Cell = reasons.get('C2');
    const c2 = typeof c2Cell === 'string' ? c2Cell.split('\n') : [];
    expect(c2.slice(-2)).toEqual([
      '【注意】ルールが担当者による確認を求めています（「エラー」シート）',
      note,
    ]);
    expect(c2.length).toBeGreaterThan(2);
    expect(reasons.get('E1')).toBeNull();
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
