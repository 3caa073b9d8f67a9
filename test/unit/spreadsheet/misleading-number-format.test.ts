import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ledgerWarningsOf, sourceProblemsOf } from '../../../src/ledger/source-problems.js';
import { bundledRuleSet } from '../../../src/rules/bundled-rule-set.js';
import { readXlsxLedger } from '../../../src/spreadsheet/xlsx/read-xlsx-ledger.js';
import { misleadingNumberFormat } from '../../../src/spreadsheet/misleading-number-format.js';

describe('misleadingNumberFormat: a format that shows another number than the cell holds', () => {
  it.each([
    ['#,##0"千円"', 3600, '千'],
    ['#,##0\\千\\円', 3600, '千'],
    ['#,##0"万円"', 360, '万'],
    ['0.0"億円"', 1.5, '億'],
    ['#,##0"k"', 3600, 'k'],
    ['#,##0,', 3600, '千単位'],
    ['0,,', 3600000, '百万単位'],
    ['#,##0 "千円"', 3600, '千'],
    ['"¥"#,##0"千"', 3600, '千'],
    ['#,##0,;[Red]-#,##0,', -3600, '千単位'],
    ['0%', 5, '百分率'],
    [';;;', 5000000, '表示しません'],
    ['#,##0;;', 0, '表示しません'],
    ['#,##0;;', -5, '表示しません'],
  ])('%s with %d: refused (%s)', (format, value, reason) => {
    expect(misleadingNumberFormat(format, value)).toContain(reason);
  });

  it.each([
    ['General', 3600000],
    ['@', 3600000],
    ['', 3600000],
    ['#,##0', 3600000],
    ['#,##0;[Red]-#,##0', -3600000],
    ['#,##0"円"', 3600000],
    ['"¥"#,##0', 3600000],
    ['[$¥-411]#,##0', 3600000],
    ['¥#,##0;¥-#,##0', 3600000],
    ['#,##0_);(#,##0)', 3600000],
    ['0', 2025],
    ['#,##0;-#,##0;"-"', 0],
    ['#,##0.00', 3600000],
    ['yyyy/m/d', 45000],
    // Units only where they follow the number: not text before it, nor after other text.
    ['"千葉"0', 3600000],
    ['#,##0"円（千円未満切捨）"', 3600000],
    ['_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)', 3600000],
    ['#,##0;[赤]-#,##0', -3600000],
    ['[DBNum1]#,##0', 3600000],
    // The comma scales 3,600,000 down to 3,600 and 千円 says so: the amount shown is the one held.
    ['#,##0,"千円"', 3600000],
    ['#,##0,,"百万円"', 3600000],
    ['#,##0,\\千\\円;[Red]-#,##0,\\千\\円', -3600000],
  ])('%s with %d: shows the number held', (format, value) => {
    expect(misleadingNumberFormat(format, value)).toBeNull();
  });
});

describe('readXlsxLedger checks the formats of yen cells only', () => {
  it('refuses 「1,000千円」 in 金額, reads 「200km」 and 「8%」 in their own columns', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('台帳');
    sheet.addRow(['明細ID', '団体コード', '年度', '事業', '経費区分', '金額', '出張の片道の旅程']);
    sheet.addRow(['L1', '392081', 2025, 'cio-aide', 'recruitment', 1000, 200]);
    sheet.addRow(['L2', '392081', 2025, 'cio-aide', 'recruitment', 1000000, 200]);
    sheet.getCell('F2').numFmt = '#,##0"千円"';
    sheet.getCell('G2').numFmt = '0"km"';
    sheet.getCell('G3').numFmt = '0%';
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const read = await readXlsxLedger(bytes, bundledRuleSet().glossary, 'ledger.xlsx');
    expect(read.lines.map((line) => sourceProblemsOf(line).map((problem) => problem.code))).toEqual(
      [['CELL_SHOWN_OTHERWISE'], []],
    );
    expect(sourceProblemsOf(read.lines[0])[0]).toMatchObject({ field: 'amount' });
  });
});

describe('readXlsxLedger names the other visible sheets holding cells', () => {
  it('marks the sheet the workbook opens on, counting hidden sheets as Excel does', async () => {
    for (const [active, marked] of [
      [1, null],
      [2, '集計'],
    ] as const) {
      const book = new ExcelJS.Workbook();
      const old = book.addWorksheet('旧台帳');
      old.state = 'hidden';
      old.addRow(['明細ID']);
      const sheet = book.addWorksheet('台帳');
      sheet.addRow(['明細ID', '団体コード', '年度', '事業', '経費区分', '金額']);
      sheet.addRow(['L1', '392081', 2025, 'cio-aide', 'recruitment', 1000]);
      book.addWorksheet('集計').addRow(['合計', 1000]);
      book.addWorksheet('メモ').addRow(['確認済み']);
      book.views = [{ activeTab: active } as ExcelJS.WorkbookView];
      const bytes = new Uint8Array(await book.xlsx.writeBuffer());
      const read = await readXlsxLedger(bytes, bundledRuleSet().glossary, 'ledger.xlsx');
      const message =
        ledgerWarningsOf(read.entities).find((warning) => warning.code === 'OTHER_SHEET_NOT_READ')
          ?.message ?? '';
      expect(message).toContain('シート「集計」');
      expect(message).toContain('「メモ」');
      const mark = '（ブックを開くと表示されるシート）';
      if (marked === null) expect(message).not.toContain(mark);
      else expect(message).toContain(`「${marked}」${mark}`);
    }
  });
});
