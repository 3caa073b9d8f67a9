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
    ['a CDATA section', '<c r="E3"><v><![CDATA[1200000]]></v></c>', '<![CDATA[1200000]]>', '値'],
    ['a formula result', '<c r="E3"><f>E4+400000</f><v>1,200,000</v></c>', '1,200,000', '数値'],
    ['a date cell that is no date', '<c r="E3" t="d"><v>2025-02-30</v></c>', '2025-02-30', '日付'],
    ['a shared string index', '<c r="E3" t="s"><v>1.5</v></c>', '1.5', '共有文字列の番号'],
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

  it('a misread value in a cell with no address refuses the workbook', async () => {
    const refusal: unknown = await readXlsxLedger(
      await crafted(E3, '<c t="n"><v>1,200,000</v></c>'),
      bundledRuleSet().glossary,
      'x.xlsx',
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(KofuzeiError);
    expect((refusal as KofuzeiError).code).toBe('LEDGER_UNUSABLE');
    expect((refusal as KofuzeiError).message).toContain(
      '位置（r 属性）のないセルに保存された値「1,200,000」',
    );
  });
});
