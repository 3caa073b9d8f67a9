import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { KofuzeiError } from '../../src/core/kofuzei-error.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import {
  CUT_MARKER,
  writeReportWorkbook,
  XLSX_MAX_CELL_CHARACTERS,
} from '../../src/spreadsheet/xlsx/write-report-workbook.js';

const ENTITY = { code: '392081', name: '宿毛市', kind: 'city' };

function line(id: string, memo?: string): Record<string, unknown> {
  return {
    id,
    entity: '392081',
    fiscalYear: 2025,
    program: 'cio-aide',
    costType: 'compensation',
    amount: '3600000',
    facts: { advisoryDuties: true },
    ...(memo === undefined ? {} : { memo }),
  };
}

describe('result workbook within Excel limits', () => {
  it('cuts a cell over 32,767 characters with a visible marker instead of writing it whole', async () => {
    const memo = `${'あ'.repeat(40_000)}😀`;
    const report = await evaluate({ entities: [ENTITY], lines: [line('L1', memo)] });
    expect(report.lines[0]?.memo).toBe(memo);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(await writeReportWorkbook(report)) as unknown as ArrayBuffer,
    );
    const texts: string[] = [];
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          if (typeof cell.value === 'string') texts.push(cell.value);
        });
      });
    const cut = texts.filter((text) => text.endsWith(CUT_MARKER));
    expect(cut).toHaveLength(1);
    expect(cut[0]).toHaveLength(XLSX_MAX_CELL_CHARACTERS);
    expect(cut[0]?.startsWith('あ'.repeat(1000))).toBe(true);
    expect(CUT_MARKER).toBe('…（32,767文字を超えるため省略。全文はJSONレポートを参照）');
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(XLSX_MAX_CELL_CHARACTERS);
  });

  it('refuses a report with more rows than a sheet holds (XLSX_TOO_MANY_ROWS), naming csv and json', async () => {
    const report = await evaluate({
      entities: [ENTITY],
      lines: [line('L1'), line('L2'), line('L3')],
    });
    // Three lines and the header are four rows: a sheet of four rows holds them, of three does not.
    await expect(writeReportWorkbook(report, new Map(), 4)).resolves.toBeInstanceOf(Uint8Array);
    const refusal: unknown = await writeReportWorkbook(report, new Map(), 3).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(KofuzeiError);
    expect((refusal as KofuzeiError).code).toBe('XLSX_TOO_MANY_ROWS');
    expect((refusal as KofuzeiError).message).toContain('--format csv');
    expect((refusal as KofuzeiError).message).toContain('--format json');
    expect((refusal as KofuzeiError).message).toContain('上限 3 行');
  });
});
