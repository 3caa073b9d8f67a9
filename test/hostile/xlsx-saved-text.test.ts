import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { KofuzeiError } from '../../src/core/kofuzei-error.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import type { Report } from '../../src/schema/report.js';
import { readXlsxLedger } from '../../src/spreadsheet/xlsx/read-xlsx-ledger.js';
import { REPO_ROOT } from '../helpers/paths.js';

/**
 * Cells whose saved text exceljs misreads (saved-cell-readings.ts). exceljs reads every cell that
 * is not a string, boolean or error with parseFloat: "1,200,000" was ¥1 and "1200000abc" ¥1,200,000,
 * with no error. Each workbook is openpyxl-good.xlsx (three lines of 3,600,000 / 1,200,000 /
 * 800,000 yen, 措置率 0.7: 2,520,000 / 840,000 / 560,000) with one cell's XML replaced.
 */

const GOOD = readFileSync(join(REPO_ROOT, 'test/hostile/xlsx/openpyxl-good.xlsx'));
const SHEET = 'xl/worksheets/sheet1.xml';

/** openpyxl-good.xlsx with `from` (a cell's XML) replaced by `to` in the sheet. */
async function crafted(from: string, to: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(GOOD);
  const text = (await zip.file(SHEET)?.async('string')) ?? '';
  expect(text).toContain(from);
  zip.file(SHEET, text.replace(from, to));
  return zip.generateAsync({ type: 'uint8array' });
}

async function report(bytes: Uint8Array): Promise<Report> {
  const read = await readXlsxLedger(bytes, bundledRuleSet().glossary, 'x.xlsx');
  return evaluate({ entities: read.entities, lines: read.lines });
}

const E3 = '<c r="E3" t="n"><v>1200000</v></c>';
const J3 = '<c r="J3" t="b"><v>1</v></c>';

function lineOf(result: Report, id: string): Report['lines'][number] | undefined {
  return result.lines.find((line) => line.id === id);
}

describe('xlsx cells read from their saved text, not from exceljs parseFloat', () => {
  it.each([
    ['a grouped number', '<c r="E3" t="n"><v>1,200,000</v></c>', '1,200,000', '数値'],
    ['trailing letters', '<c r="E3"><v>1200000abc</v></c>', '1200000abc', '数値'],
    ['a formula result', '<c r="E3"><f>E4+400000</f><v>1,200,000</v></c>', '1,200,000', '数値'],
    ['a date cell that is no date', '<c r="E3" t="d"><v>2025-02-30</v></c>', '2025-02-30', '日付'],
  ])(
    '%s in the amount column makes the line invalid, naming the cell',
    async (_, cell, saved, what) => {
      const result = await report(await crafted(E3, cell));
      expect(lineOf(result, 'L2')).toMatchObject({ status: 'invalid', claimed: null });
      const error = result.errors.find((entry) => entry.code === 'CELL_VALUE_MALFORMED');
      expect(error).toMatchObject({
        line: 'L2',
        field: 'amount',
        received: `保存されている値「${saved}」`,
      });
      expect(error?.message).toContain(`セル E3: ファイルに保存されている値「${saved}」は${what}`);
      // The other lines are untouched: 2,520,000 + 560,000.
      expect(
        result.lines.filter((line) => line.status === 'eligible').map((line) => line.amount),
      ).toEqual(['2520000', '560000']);
    },
  );

  it('a number written with character references or spaces is read as written', async () => {
    for (const cell of [
      '<c r="E3"><v>&#49;200000</v></c>',
      '<c r="E3" t="n"><v> 1200000 </v></c>',
    ]) {
      const result = await report(await crafted(E3, cell));
      expect(result.errors).toEqual([]);
      expect(lineOf(result, 'L2')).toMatchObject({ status: 'eligible', amount: '840000' });
    }
  });

  it('a boolean saved as "false" is false (exceljs read it as TRUE), "true" is true', async () => {
    const no = await report(await crafted(J3, '<c r="J3" t="b"><v>false</v></c>'));
    expect(no.errors).toEqual([]);
    expect(lineOf(no, 'L2')?.status).not.toBe('eligible');
    expect(lineOf(no, 'L2')?.amount).toBeNull();
    const yes = await report(await crafted(J3, '<c r="J3" t="b"><v>true</v></c>'));
    expect(yes.errors).toEqual([]);
    expect(lineOf(yes, 'L2')).toMatchObject({ status: 'eligible', amount: '840000' });
    const other = await report(await crafted(J3, '<c r="J3" t="b"><v>2</v></c>'));
    expect(lineOf(other, 'L2')?.status).toBe('invalid');
    expect(other.errors).toMatchObject([
      { code: 'CELL_VALUE_MALFORMED', line: 'L2', received: '保存されている値「2」' },
    ]);
  });

  it('a date cell (t="d") in the amount column is not read as the year', async () => {
    const result = await report(
      await crafted(E3, '<c r="E3" t="d"><v>2025-06-30T00:00:00</v></c>'),
    );
    expect(lineOf(result, 'L2')).toMatchObject({ status: 'invalid', claimed: null, amount: null });
  });

  it('a cell with no address is placed as exceljs places it (after the one before it)', async () => {
    const result = await report(await crafted(E3, '<c t="n"><v>1,200,000</v></c>'));
    // The cell's problem first; the amount it left empty is then missing too.
    expect(result.errors[0]).toMatchObject({
      code: 'CELL_VALUE_MALFORMED',
      line: 'L2',
      field: 'amount',
    });
  });

  // exceljs drops a CDATA section (an empty cell); a spreadsheet reads its text. A shared string
  // index in a workbook without shared strings is read as the number. Neither can be told apart
  // from what was meant: the workbook is refused.
  it.each([
    ['a value in a CDATA section', '<c r="E3"><v><![CDATA[1200000]]></v></c>'],
    ['a split value in CDATA', '<c r="E3"><v>1<![CDATA[200000]]></v></c>'],
    ['a shared string index with no shared strings', '<c r="E3" t="s"><v>1.5</v></c>'],
    ['a cell after its row', `${E3}</row><c r="E3" t="n"><v>1,200,000</v></c><row r="99">`],
  ])('%s: the workbook is refused', async (_, cell) => {
    const refusal: unknown = await readXlsxLedger(
      await crafted(E3, cell),
      bundledRuleSet().glossary,
      'x.xlsx',
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(KofuzeiError);
    expect((refusal as KofuzeiError).message).toContain('セルに保存された値を確かめられません');
  });

  // Hostile shapes a reader by patterns (not an XML parser) read otherwise than exceljs does.
  it.each([
    ['a comment holding </c>', '<c r="E3"><!--</c>--><v>1,200,000</v></c>'],
    ['a decoy <v> in a comment', '<c r="E3"><!--<v>5</v>--><v>1,200,000</v></c>'],
    ['whitespace in the end tag', '<c r="E3"><v>1,200,000</v ></c >'],
    ["t inside another attribute's value", '<c r="E3" x=" t=\'str\'"><v>1,200,000</v></c>'],
    ['an address with $', '<c r="$E$3"><v>1,200,000</v></c>'],
    ['an inline string with no t', '<c r="E3"><is><t>1,200,000</t></is></c>'],
    ['two <v> joined', '<c r="E3"><v>1</v><v>,200,000</v></c>'],
    // A style id of 0 places no empty cell for exceljs: the cells after it keep their places.
    [
      'an empty cell with s="0" before cells with no address',
      '<c r="D3" s="0"/><c t="n"><v>1,200,000</v></c>',
    ],
  ])('%s: still refused', async (_, cell) => {
    const result = await report(await crafted(E3, cell));
    expect(lineOf(result, 'L2')).toMatchObject({ status: 'invalid', claimed: null });
    expect(result.errors[0]).toMatchObject({ code: 'CELL_VALUE_MALFORMED', line: 'L2' });
  });

  it('a cell in a comment changes nothing; of two cells in one place the later counts', async () => {
    const J3_FALSE = '<c r="J3" t="b"><v>0</v></c>';
    const commented = await report(
      await crafted(J3, `${J3_FALSE}<!--<c r="J3" t="b"><v>true</v></c>-->`),
    );
    expect(lineOf(commented, 'L2')?.status).not.toBe('eligible');
    const twice = await report(await crafted(J3, `<c r="J3" t="b"><v>false</v></c>${J3}`));
    expect(lineOf(twice, 'L2')).toMatchObject({ status: 'eligible', amount: '840000' });
  });

  it('a sheet part exceljs did not read cannot stand in for the one it did', async () => {
    const zip = await JSZip.loadAsync(GOOD);
    const text = (await zip.file(SHEET)?.async('string')) ?? '';
    zip.file('xl/worksheets/sheet2.xml', text);
    zip.file(SHEET, text.replace(E3, '<c r="E3" t="n"><v>1,200,000</v></c>'));
    const result = await report(await zip.generateAsync({ type: 'uint8array' }));
    expect(result.errors[0]).toMatchObject({ code: 'CELL_VALUE_MALFORMED', line: 'L2' });
  });

  it('inline rich text (openpyxl CellRichText, exceljs) is read, not refused', async () => {
    const result = await report(
      await crafted(
        '<c r="H2" t="inlineStr"><is><t>&#23487;&#27611;&#24066;</t></is></c>',
        '<c r="H2" t="inlineStr"><is><r><t>宿毛</t></r><r><rPr><b/></rPr><t>市</t></r></is></c>',
      ),
    );
    expect(result.errors).toEqual([]);
    expect(lineOf(result, 'L1')).toMatchObject({ status: 'eligible', amount: '2520000' });
  });

  it('a workbook saying date1904="true" (LibreOffice), which exceljs reads as 1900, is refused', async () => {
    const zip = await JSZip.loadAsync(GOOD);
    const text = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    expect(text).toContain('<workbookPr/>');
    zip.file('xl/workbook.xml', text.replace('<workbookPr/>', '<workbookPr date1904="true"/>'));
    const refusal: unknown = await readXlsxLedger(
      await zip.generateAsync({ type: 'uint8array' }),
      bundledRuleSet().glossary,
      'x.xlsx',
    ).catch((error: unknown) => error);
    expect((refusal as KofuzeiError).message).toContain('date1904="true"');
  });
});
