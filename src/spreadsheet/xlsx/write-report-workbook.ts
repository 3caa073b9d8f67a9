import ExcelJS from 'exceljs';
import type { Report } from '../../schema/report.js';
import { reportSheets, type SheetColumn, type SheetSpec } from '../report-sheets.js';

const FORMATS: Readonly<Record<SheetColumn['format'], string | undefined>> = {
  yen: '#,##0"円";[Red]-#,##0"円"',
  rate: '0.0###',
  integer: '0',
  text: undefined,
  wrap: undefined,
};

function addSheet(workbook: ExcelJS.Workbook, spec: SheetSpec): void {
  const sheet = workbook.addWorksheet(spec.name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: {
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
    },
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
          : cell,
      ),
    );
    spec.columns.forEach((column, index) => {
      const cell = row.getCell(index + 1);
      const numFmt = FORMATS[column.format];
      if (numFmt !== undefined) cell.numFmt = numFmt;
      cell.alignment = { vertical: 'top', wrapText: column.format === 'wrap' };
    });
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
 * The result workbook: 明細, 集計, 前提, エラー, yen as numbers with a yen format, the audit
 * formulas with kofuzei's values stored as their results.
 */
export async function writeReportWorkbook(
  report: Report,
  titles: ReadonlyMap<string, string> = new Map(),
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'kofuzei';
  workbook.created = new Date(Date.UTC(2025, 3, 1));
  workbook.modified = workbook.created;
  workbook.calcProperties.fullCalcOnLoad = true;
  for (const spec of reportSheets(report, titles)) addSheet(workbook, spec);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
