// The template prints without clipped cells (issue #15): each column is as wide as its header
// (wrapped onto the lines the header row holds) and its longest drop-down choice, in display
// width (a Japanese character counts 2), the typed columns fit their values, and the page stays
// A4 landscape with the header row repeated.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/core/display-width.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import { programFacts } from '../../src/spreadsheet/program-columns.js';
import { MAX_WIDTH } from '../../src/spreadsheet/xlsx/template-column-width.js';
import { EXAMPLE_LEDGER, writeTemplate } from '../../src/spreadsheet/xlsx/write-template.js';

const ruleSet = bundledRuleSet();

async function templateOf(programs?: string[]): Promise<ExcelJS.Workbook> {
  const bytes = await writeTemplate(
    ruleSet.glossary,
    EXAMPLE_LEDGER,
    programs === undefined ? undefined : { programs, facts: programFacts(ruleSet, programs) },
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

/** Each drop-down's choices by its column header, from the hidden 選択肢 sheet. */
function choicesOf(workbook: ExcelJS.Workbook): Map<string, string[]> {
  const lists = workbook.getWorksheet('選択肢');
  const choices = new Map<string, string[]>();
  lists?.columns.forEach((column) => {
    const [header, ...values] = ((column.values ?? []) as unknown[]).slice(1).map(String);
    if (header !== undefined) choices.set(header, values);
  });
  return choices;
}

/** Every column whose header or choices would be cut off, with why. */
function clipped(workbook: ExcelJS.Workbook): string[] {
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) throw new Error('no ledger sheet');
  const choices = choicesOf(workbook);
  const headerRow = sheet.getRow(1);
  // 11-point text takes 15 points a line.
  const lines = Math.floor(headerRow.height / 15);
  const problems: string[] = [];
  for (let index = 1; index <= sheet.columnCount; index += 1) {
    const cell = headerRow.getCell(index);
    const header = cell.text;
    const width = sheet.getColumn(index).width ?? 0;
    if (cell.alignment.wrapText !== true) problems.push(`${header}: header does not wrap`);
    // Two units of the width are the cell's margins.
    if ((width - 2) * lines < displayWidth(header))
      problems.push(`${header}: width ${width} × ${lines} lines < header ${displayWidth(header)}`);
    const longest = Math.max(0, ...(choices.get(header) ?? []).map(displayWidth));
    const wraps = sheet.getColumn(index).alignment?.wrapText === true;
    if (width < longest && !(width === MAX_WIDTH && wraps))
      problems.push(`${header}: width ${width} < choice ${longest}`);
  }
  return problems;
}

describe('template column widths', () => {
  it('fit every header and drop-down choice of the full template', async () => {
    const workbook = await templateOf();
    expect(workbook.worksheets[0]?.columnCount).toBeGreaterThan(60);
    expect(clipped(workbook)).toEqual([]);
  });

  it('fit every header and drop-down choice of a per-program template', async () => {
    // cio-aide: few columns, fitted to one page; kyoryokutai and local10000: the longest
    // 経費区分 and 事業 labels; kigyojin: long fact headers.
    for (const programs of [['cio-aide'], ['kyoryokutai'], ['local10000'], ['kigyojin']])
      expect(clipped(await templateOf(programs)), programs.join()).toEqual([]);
  });

  it('fits 999,999,999,999 in 金額 and a date in 支出日, with the choice labels unclipped', async () => {
    const sheet = (await templateOf(['cio-aide'])).worksheets[0];
    const widthOf = (header: string): number => {
      const index = (sheet?.getRow(1).values as unknown[]).indexOf(header);
      return sheet?.getColumn(index).width ?? 0;
    };
    expect(widthOf('金額')).toBeGreaterThanOrEqual(displayWidth('999,999,999,999'));
    expect(widthOf('支出日')).toBeGreaterThanOrEqual(displayWidth('2025/12/31'));
    // 経費区分 of cio-aide: 報酬等（期末手当等を含む）（非常勤）, 36 columns wide.
    expect(widthOf('経費区分')).toBeGreaterThanOrEqual(36);
  });

  it('keeps A4 landscape and the header row on every page', async () => {
    for (const workbook of [await templateOf(), await templateOf(['cio-aide'])]) {
      const setup = workbook.worksheets[0]?.pageSetup;
      expect(setup?.paperSize).toBe(9);
      expect(setup?.orientation).toBe('landscape');
      expect(setup?.printTitlesRow).toBe('1:1');
    }
  });
});
