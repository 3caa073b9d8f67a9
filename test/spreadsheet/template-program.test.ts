import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { KofuzeiError } from '../../src/core/kofuzei-error.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import { ledgerColumns } from '../../src/spreadsheet/ledger-to-rows.js';
import { programFacts } from '../../src/spreadsheet/program-columns.js';
import { EXAMPLE_LEDGER, writeTemplate } from '../../src/spreadsheet/xlsx/write-template.js';

const ruleSet = bundledRuleSet();
const { glossary } = ruleSet;

function columnsFor(programs: string[]): string[] {
  return ledgerColumns(glossary, EXAMPLE_LEDGER, {
    japanese: true,
    allColumns: true,
    only: { programs, facts: programFacts(ruleSet, programs) },
  }).map((column) => column.key);
}

describe('template per program', () => {
  it('has at most 20 columns for cio-aide, and the facts its measures read', () => {
    const keys = columnsFor(['cio-aide']);
    expect(keys.length).toBeLessThanOrEqual(20);
    expect(keys).toContain('facts.advisoryDuties');
    const all = ledgerColumns(glossary, EXAMPLE_LEDGER, { japanese: true, allColumns: true });
    expect(all.length).toBeGreaterThan(60);
  });

  it('takes the columns of several programs together', () => {
    const both = columnsFor(['cio-aide', 'dx-leader']);
    for (const key of columnsFor(['dx-leader'])) expect(both).toContain(key);
  });

  it('refuses an unknown program in Japanese with at most 5 close ids', () => {
    let error: unknown;
    try {
      programFacts(ruleSet, ['cio-ade']);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(KofuzeiError);
    const message = (error as Error).message;
    expect(message).toContain('もしかして: cio-aide');
    expect(message.split('もしかして: ')[1]?.split(', ').length).toBeLessThanOrEqual(5);
  });

  it('writes the program template for A4 landscape with its 事業 drop-down limited', async () => {
    const bytes = await writeTemplate(glossary, EXAMPLE_LEDGER, {
      programs: ['cio-aide'],
      facts: programFacts(ruleSet, ['cio-aide']),
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.pageSetup.paperSize).toBe(9);
    expect(sheet?.pageSetup.printTitlesRow).toBe('1:1');
    expect(sheet?.columnCount).toBeLessThanOrEqual(20);
    // The 事業 drop-down offers only the programs asked for, by their Japanese label.
    const lists = workbook.getWorksheet('選択肢');
    const headers = (lists?.getRow(1).values as unknown[] | undefined) ?? [];
    const programs = (lists?.getColumn(headers.indexOf('事業')).values as unknown[]).slice(2);
    expect(programs).toEqual([glossary.programs['cio-aide']?.label]);
  });
});
