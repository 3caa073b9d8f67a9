import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import { printableText } from '../../src/spreadsheet/cell-text.js';
import { costTypesOf, reportLabels } from '../../src/spreadsheet/report-labels.js';
import { writeReportWorkbook } from '../../src/spreadsheet/xlsx/write-report-workbook.js';
import { acceptanceLedgers, HAS_ACCEPTANCE } from '../helpers/paths.js';
import { evaluateLedger } from './convert.js';

/** What a clerk prints and files: the result workbook's page setup and what its cells say. */
async function workbookOf(name: string): Promise<{
  workbook: ExcelJS.Workbook;
  report: Awaited<ReturnType<typeof evaluateLedger>>;
}> {
  const entry = acceptanceLedgers().find((ledger) => ledger.name.includes(name));
  if (entry === undefined) throw new Error(`no acceptance ledger ${name}`);
  const report = await evaluateLedger(entry.ledger, entry.policy);
  const ledger = entry.ledger as { entities: unknown[]; lines: unknown[] };
  const labels = reportLabels(bundledRuleSet(), ledger.entities, costTypesOf(ledger.lines));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    Buffer.from(await writeReportWorkbook(report, labels)) as unknown as ArrayBuffer,
  );
  return { workbook, report };
}

function texts(sheet: ExcelJS.Worksheet): string[] {
  const all: string[] = [];
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      if (typeof cell.value === 'string') all.push(cell.value);
    });
  });
  return all;
}

function column(sheet: ExcelJS.Worksheet, header: string): unknown[] {
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  const index = headers.indexOf(header) + 1;
  const values: unknown[] = [];
  sheet.eachRow((row, number) => {
    if (number > 1) values.push(row.getCell(index).value);
  });
  return values;
}

describe.skipIf(!HAS_ACCEPTANCE)('printable result workbook', () => {
  it('prints every sheet on A4 landscape, header row on every page, page number and rulesVersion in the footer', async () => {
    const { workbook, report } = await workbookOf('01-');
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '明細',
      '集計',
      '根拠',
      '前提',
      'エラー',
    ]);
    for (const sheet of workbook.worksheets) {
      const setup = sheet.pageSetup;
      expect(setup.paperSize, sheet.name).toBe(9);
      expect(setup.orientation, sheet.name).toBe('landscape');
      expect(setup.printTitlesRow, sheet.name).toBe('1:1');
      expect([setup.fitToWidth, setup.fitToHeight], sheet.name).toEqual([1, 0]);
      const footer = sheet.headerFooter.oddFooter ?? '';
      expect(footer).toContain('&P');
      expect(footer).toContain('&N');
      expect(footer).toContain(report.rulesVersion);
    }
  });

  it('has about 12 columns on 明細 with Japanese names, and the rest on 根拠 by 明細ID', async () => {
    const { workbook, report } = await workbookOf('01-');
    const lines = workbook.getWorksheet('明細');
    const evidence = workbook.getWorksheet('根拠');
    if (lines === undefined || evidence === undefined) throw new Error('missing sheet');
    const visible = lines.columns.filter((col) => col.hidden !== true);
    expect(visible.length).toBeLessThanOrEqual(13);
    // Wide enough to stay legible when fitted to the A4 width (about 140 width units at 100 %).
    expect(visible.reduce((sum, col) => sum + (col.width ?? 0), 0)).toBeLessThanOrEqual(165);
    expect(column(lines, '団体')[0]).toBe('392081 宿毛市');
    expect(column(lines, '構成要素')[0]).toBe('①任用等経費');
    expect(column(lines, '経費区分')[0]).toBe('報酬等（期末手当等を含む）（非常勤）');
    expect(column(lines, '措置名')[0]).toBe(
      bundledRuleSet().measures.find((m) => m.id === 'cio-aide-tokko')?.title,
    );
    expect(column(evidence, '明細ID')).toEqual(report.lines.map((line) => line.id));
    const caps = column(evidence, '上限').map(String);
    expect(caps).toContain(
      '募集経費の対象経費の上限額（1団体・年度あたり100万円）: 上限 1,000,000円 / 計上 800,000円',
    );
    expect(caps.some((text) => text.includes('上限 3名'))).toBe(true);
    // A wrapped row is as tall as its text: spreadsheets keep a stated height only.
    expect(evidence.getRow(2).height).toBeGreaterThan(100);
  });

  it('writes no markdown ** and no tab in any cell, and yen with separators in texts', async () => {
    const { workbook } = await workbookOf('01-');
    for (const sheet of workbook.worksheets)
      for (const text of texts(sheet)) {
        expect(text, sheet.name).not.toContain('**');
        expect(text, sheet.name).not.toContain('\t');
        expect(text, sheet.name).not.toMatch(/(?<![\d,])\d{4,}円/);
      }
    expect(printableText('上限1000000円 **3名分**\tR7')).toBe('上限1,000,000円 3名分　R7');
  });

  it("starts a recruitment line's citations with the recruitment sentence", async () => {
    const { report } = await workbookOf('01-');
    const recruitment = report.lines.filter((line) => line.component === 'recruitment');
    expect(recruitment.length).toBeGreaterThan(0);
    for (const line of recruitment) expect(line.citations[0]?.quote).toMatch(/^②募集経費/);
  });

  it('shows 起債額 on 明細 only for a report with a local-bond line', async () => {
    const bond = (await workbookOf('04-')).workbook.getWorksheet('明細');
    const plain = (await workbookOf('01-')).workbook.getWorksheet('明細');
    const headers = (sheet: ExcelJS.Worksheet | undefined): unknown[] =>
      (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(headers(bond)).toContain('起債額');
    expect(headers(plain)).not.toContain('起債額');
  });
});
