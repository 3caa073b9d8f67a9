import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsxLedger } from '../../src/spreadsheet/xlsx/read-xlsx-ledger.js';
import {
  EXAMPLE_LEDGER,
  LEDGER_SHEET,
  writeTemplate,
} from '../../src/spreadsheet/xlsx/write-template.js';
import { glossary } from './convert.js';

describe('ledger template workbook', () => {
  it('reading the template back gives its example ledger', async () => {
    const ledger = await readXlsxLedger(await writeTemplate(glossary), glossary, 't.xlsx');
    expect(ledger.entities).toEqual(EXAMPLE_LEDGER.entities);
    expect(ledger.lines).toEqual([
      { ...EXAMPLE_LEDGER.lines[0], fiscalYear: 2025, amount: '3600000' },
    ]);
  });

  it('has Japanese headers, input hints and drop-downs for 団体区分, 事業, 経費区分 and booleans', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await writeTemplate(glossary)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe(LEDGER_SHEET);
    const headers = (sheet?.getRow(1).values as unknown[]).slice(1);
    for (const header of [
      '明細ID',
      '団体コード',
      '団体名',
      '団体区分',
      '年度',
      '支出日',
      '事業',
      '経費区分',
      '金額',
      '人物',
      '摘要',
    ])
      expect(headers).toContain(header);
    const validation = (header: string) => {
      const column = headers.indexOf(header) + 1;
      return sheet?.getRow(2).getCell(column).dataValidation;
    };
    expect(validation('団体区分')).toMatchObject({
      type: 'list',
      formulae: [expect.stringMatching(/^選択肢!/)],
    });
    expect(validation('事業')).toMatchObject({ type: 'list' });
    expect(validation('経費区分')).toMatchObject({ type: 'list' });
    expect(validation(glossary.facts.advisoryDuties?.label ?? '')).toMatchObject({ type: 'list' });
    expect(validation('金額')).toMatchObject({ showInputMessage: true });
    expect(validation('金額')?.prompt).toContain('円');
    expect(sheet?.getRow(1).getCell(1).note).toBeDefined();
  });
});
