import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import { readCsvLedger } from '../../src/spreadsheet/csv/read-csv-ledger.js';
import { readXlsxLedger } from '../../src/spreadsheet/xlsx/read-xlsx-ledger.js';
import { EXAMPLE_LEDGER, writeTemplate } from '../../src/spreadsheet/xlsx/write-template.js';

const glossary = bundledRuleSet().glossary;

/**
 * The template's example row (例1, ¥3,600,000, 摘要 「記入例（この行は削除して記入してください）」)
 * left in by a clerk who filled the rows below it was judged and added to the totals, exit 0.
 */
describe("the template's example row left in the sheet", () => {
  it('is invalid (TEMPLATE_EXAMPLE_ROW), the rows written below it are evaluated', async () => {
    const bytes = await writeTemplate(glossary, EXAMPLE_LEDGER);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (sheet === undefined) throw new Error('no sheet');
    const example = sheet.getRow(2).values as ExcelJS.CellValue[];
    // A row of the clerk's own: the example's cells with another id, amount and memo.
    const own = [...example];
    own[example.indexOf('例1')] = 'R1';
    own[example.indexOf(3_600_000)] = 2_400_000;
    own[example.indexOf('記入例（この行は削除して記入してください）')] = '4月分報酬';
    expect(own).not.toEqual(example);

    const row = sheet.getRow(3);
    // Cell by cell: exceljs reads a dense array given to row.values from column 0.
    own.forEach((value, index) => {
      if (index > 0) row.getCell(index).value = value ?? null;
    });
    const filled = new Uint8Array(await book.xlsx.writeBuffer());
    const read = await readXlsxLedger(filled, glossary, 'ledger.xlsx');
    const report = await evaluate(read);
    expect(report.lines.map((line) => [line.id, line.status])).toEqual([
      ['例1', 'invalid'],
      ['R1', 'eligible'],
    ]);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({
      code: 'TEMPLATE_EXAMPLE_ROW',
      line: '例1',
      row: 2,
      field: 'memo',
    });
    expect(report.errors[0]?.message).toContain('この行を削除してから判定してください');
    // Only the clerk's row is counted.
    expect(report.totals.map((total) => total.base)).toEqual(['2400000']);
  });

  it('is recognised in a CSV saved from the template too', () => {
    const csv =
      '明細ID,団体コード,団体名,団体区分,年度,事業,経費区分,金額,摘要\n' +
      '例1,392081,宿毛市,市,2025,CIO補佐官等外部人材,報酬等（期末手当等を含む）（非常勤）,3600000,記入例（この行は削除して記入してください）\n' +
      'R1,392081,,,2025,CIO補佐官等外部人材,報酬等（期末手当等を含む）（非常勤）,2400000,4月分\n';
    const read = readCsvLedger(new TextEncoder().encode(csv), glossary, 'ledger.csv');
    return evaluate(read).then((report) => {
      expect(report.lines.map((line) => line.status)).toEqual(['invalid', report.lines[1]?.status]);
      expect(report.errors.map((error) => error.code)).toEqual(['TEMPLATE_EXAMPLE_ROW']);
    });
  });
});
