import { describe, expect, it } from 'vitest';
import { formatTable } from '../src/cli/format-table.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { reportSheets } from '../src/spreadsheet/report-sheets.js';
import { sampleLedger } from './helpers/paths.js';

/**
 * The bond schedule policy bondInterestRate asks for is in every output, not only JSON: the
 * table and the workbook showed nothing of it, though 前提 says the totals show it.
 */
describe('the 元利償還 schedule in the table and the workbook', async () => {
  const report = await evaluate(sampleLedger().ledger, { policy: { bondInterestRate: '0.005' } });
  const scheduled = report.totals.filter((total) => total.schedule !== undefined);

  it('the sample has bond totals with a schedule', () => {
    expect(scheduled.length).toBeGreaterThan(0);
  });

  it('the workbook has a 償還予定 sheet after 集計, a row per year, the JSON values', () => {
    const sheets = reportSheets(report);
    expect(sheets.map((sheet) => sheet.name)).toEqual([
      '明細',
      '集計',
      '償還予定',
      '根拠',
      '前提',
      'エラー',
    ]);
    const sheet = sheets[2];
    const years = scheduled.flatMap((total) => total.schedule ?? []);
    expect(sheet?.rows.length).toBe(years.length);
    expect(sheet?.rows.map((row) => row.slice(5).map(String))).toEqual(
      years.map((year) => [
        String(year.year),
        year.principal,
        year.interest,
        year.debtService,
        year.taxMeasure,
      ]),
    );
  });

  it('without the policy there is no such sheet', async () => {
    const plain = await evaluate(sampleLedger().ledger);
    expect(reportSheets(plain).map((sheet) => sheet.name)).not.toContain('償還予定');
  });

  it('the table has a 償還予定 section with each year', () => {
    const text = formatTable(report);
    expect(text).toContain('償還予定（地方債、元金均等・年1回償還）');
    const first = scheduled[0]?.schedule?.[0];
    expect(text).toMatch(
      new RegExp(
        `1 +${Number(first?.principal).toLocaleString('en-US')} +${Number(first?.interest).toLocaleString('en-US')}`,
      ),
    );
  });
});
