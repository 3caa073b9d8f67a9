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
  it('name each line’s warnings in its 理由 cell, once per code, before its reasons', async () => {
    const fixture = JSON.parse(
      readFileSync(
        join(REPO_ROOT, 'fixtures/pref-dx-talent-tokko/10-receipt-not-deducted.json'),
        'utf8',
      ),
    ) as { ledger: Parameters<typeof evaluate>[0] };
    const report = await evaluate(fixture.ledger);
    const [lines] = reportSheets(report);
    const reasonAt = lines?.columns.findIndex((column) => column.header === '理由') ?? -1;
    const cell = (id: string): string[] => {
      const value = lines?.rows.find((row) => row[0] === id)?.[reasonAt];
      return typeof value === 'string' ? value.split('\n') : [];
    };
    const receipt =
      '【注意】負担金の受入れが対象外と判定され、対象となった同じ人物の経費から控除されていません（確認してください）';
    const where = '（注意の詳細は「エラー」シート）';
    expect(cell('B1')).toEqual([receipt, where]);
    // C2: the rule's MANUAL_REVIEW and the receipt's warning, then its own reasons.
    const c2 = cell('C2');
    expect(c2.slice(0, 3)).toEqual([
      '【注意】ルールが担当者による確認を求めています',
      receipt,
      where,
    ]);
    expect(c2.length).toBeGreaterThan(3);
    expect(cell('E1')).toEqual([]);
    // The CSV has no エラー sheet: the message itself.
    const csv = reportCsvRows(report);
    const csvReason = csv[0]?.indexOf('理由') ?? -1;
    const b1 = csv.find((row) => row[0] === 'B1')?.[csvReason];
    expect(b1).toBe(
      `【注意】${report.warnings.find((w) => w.line === 'B1' && w.code === 'RECEIPT_NOT_DEDUCTED')?.message ?? ''}`,
    );
  });

  it('give no note to an id two lines share (the warning names its line by id only)', async () => {
    const report = await evaluate(
      ledgerOf([
        dxLeaderLine('L1', '1000'),
        dxLeaderLine('L1', '2000', { bogus: 'x' }),
        dxLeaderLine('L2', '3000', { bogus: 'y' }),
      ]),
    );
    expect(report.warnings.map((w) => [w.code, w.line])).toEqual([
      ['UNKNOWN_FIELD', 'L1'],
      ['UNKNOWN_FIELD', 'L2'],
    ]);
    const [lines] = reportSheets(report);
    const reasonAt = lines?.columns.findIndex((column) => column.header === '理由') ?? -1;
    const notes = (lines?.rows ?? []).map((row) => {
      const reason = row[reasonAt];
      return typeof reason === 'string' && reason.includes('【注意】');
    });
    expect(notes).toEqual([false, false, true]);
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
