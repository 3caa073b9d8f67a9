import ExcelJS from 'exceljs';
import { KofuzeiError } from '../../core/kofuzei-error.js';
import type { Report } from '../../schema/report.js';
import {
  reportSheets,
  type SheetCell,
  type SheetColumn,
  type SheetSpec,
} from '../report-sheets.js';
import type { ReportLabels } from '../report-labels.js';
import { wrappedRowHeight } from '../cell-text.js';
import { workbookBytes } from './workbook-bytes.js';

/** Excel's limits: characters in a cell, rows in a sheet. */
export const XLSX_MAX_CELL_CHARACTERS = 32_767;
export const XLSX_MAX_ROWS = 1_048_576;

/** What ends a cut cell, so nobody takes the shortened text for the whole. */
export const CUT_MARKER = '…（32,767文字を超えるため省略。全文はJSONレポートを参照）';

/**
 * A text cell within Excel's 32,767 characters: a longer one (Excel would refuse to open the file,
 * or cut it without a word) is shortened and ends with CUT_MARKER. Cut between code points.
 */
export function fitCell(cell: SheetCell): SheetCell {
  if (typeof cell !== 'string' || cell.length <= XLSX_MAX_CELL_CHARACTERS) return cell;
  let end = XLSX_MAX_CELL_CHARACTERS - CUT_MARKER.length;
  // Do not leave half of a surrogate pair at the cut.
  const last = cell.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return cell.slice(0, end) + CUT_MARKER;
}

const FORMATS: Readonly<Record<SheetColumn['format'], string | undefined>> = {
  yen: '#,##0"円";[Red]-#,##0"円"',
  rate: '0.0###',
  integer: '0',
  text: undefined,
  wrap: undefined,
};

function checkRows(spec: SheetSpec, maxRows: number): void {
  // The header row counts: Excel opens no sheet of more rows, and a cut report would drop lines.
  if (spec.rows.length + 1 > maxRows)
    throw new KofuzeiError(
      'XLSX_TOO_MANY_ROWS',
      `シート「${spec.name}」は ${(spec.rows.length + 1).toLocaleString('en-US')} 行になり、xlsx の上限 ${maxRows.toLocaleString('en-US')} 行を超えます。--format csv または --format json で出力してください`,
    );
}

/** A4 (paperSize 9) landscape, narrow margins: what a 市町村 files. */
// exceljs declares PaperSize a const enum, which isolated modules cannot read: its number, 9.
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
const A4 = 9 as ExcelJS.PaperSize;
const MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.2, footer: 0.25 };

/**
 * Page number, sheet and rulesVersion on every printed page, so a page taken out of the file still
 * says which rules computed it. "&&" is a literal & in a header/footer.
 */
export function pageFooter(rulesVersion: string): string {
  return `&L&8ルール版 ${rulesVersion.replace(/&/g, '&&')}&R&8&A\u3000&P / &N ページ`;
}

function addSheet(workbook: ExcelJS.Workbook, spec: SheetSpec, rulesVersion: string): void {
  // Printed as people read it: A4 landscape, the columns fitted to the page width only (the text
  // keeps its size: the sheets carry few enough columns), rows as many pages as they need, the
  // header row on every page. Rows get no fixed height: a spreadsheet grows each wrapped row to
  // fit its text when it lays the sheet out.
  const sheet = workbook.addWorksheet(spec.name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: {
      paperSize: A4,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: MARGINS,
    },
    headerFooter: { oddFooter: pageFooter(rulesVersion), evenFooter: pageFooter(rulesVersion) },
  });
  sheet.columns = spec.columns.map((column) => {
    const numFmt = FORMATS[column.format];
    const style: Partial<ExcelJS.Style> = {
      alignment: { vertical: 'top', wrapText: column.format === 'wrap' },
    };
    if (numFmt !== undefined) style.numFmt = numFmt;
    return { header: column.header, width: column.width, hidden: column.hidden === true, style };
  });
  const header = sheet.getRow(1);
  header.height = wrappedRowHeight(
    spec.columns.map((column) => ({ text: column.header, width: column.width })),
  );
  header.eachCell((cell, number) => {
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
    const note = spec.columns[number - 1]?.note;
    if (note !== undefined) cell.note = note;
  });
  for (const cells of spec.rows) {
    const row = sheet.addRow(
      cells.map((cell) =>
        cell !== null && typeof cell === 'object'
          ? { formula: cell.formula, result: cell.value }
          : fitCell(cell),
      ),
    );
    const wrapped: { text: string; width: number }[] = [];
    spec.columns.forEach((column, index) => {
      const cell = row.getCell(index + 1);
      const numFmt = FORMATS[column.format];
      if (numFmt !== undefined) cell.numFmt = numFmt;
      cell.alignment = { vertical: 'top', wrapText: column.format === 'wrap' };
      const value = cells[index];
      if (column.format === 'wrap' && column.hidden !== true && typeof value === 'string')
        wrapped.push({ text: value, width: column.width });
    });
    const height = wrappedRowHeight(wrapped);
    if (height > wrappedRowHeight([])) row.height = height;
  }
  for (const index of spec.boldRows ?? []) {
    const row = sheet.getRow(index + 2);
    row.font = { bold: true };
    row.eachCell((cell) => {
      cell.border = { top: { style: 'thin' }, bottom: { style: 'double' } };
    });
  }
  if (spec.rows.length > 0)
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
}

/**
 * The result workbook: 明細, 集計, 根拠, 前提, エラー, printable on A4 landscape (footer: page
 * number and rulesVersion), yen as numbers with a yen format, the audit
 * formulas with kofuzei's values stored as their results. Text over Excel's 32,767 characters a
 * cell is cut with a marker (the JSON report has it whole); a sheet over `maxRows` rows (Excel's
 * 1,048,576; lower in tests) is refused with XLSX_TOO_MANY_ROWS rather than written short.
 */
export async function writeReportWorkbook(
  report: Report,
  labels?: ReadonlyMap<string, string> | Partial<ReportLabels>,
  maxRows: number = XLSX_MAX_ROWS,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'kofuzei';
  workbook.created = new Date(Date.UTC(2025, 3, 1));
  workbook.modified = workbook.created;
  workbook.calcProperties.fullCalcOnLoad = true;
  const specs = reportSheets(report, labels);
  // Every sheet is checked before any is written: a refusal costs no half-built workbook.
  for (const spec of specs) checkRows(spec, maxRows);
  for (const spec of specs) addSheet(workbook, spec, report.rulesVersion);
  return workbookBytes(workbook);
}
