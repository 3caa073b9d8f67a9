import ExcelJS from 'exceljs';
import type { Glossary } from '../../schema/glossary.js';
import { columnLetter } from '../ledger-columns.js';
import {
  ledgerColumns,
  ledgerToRows,
  type LedgerCell,
  type LedgerRowsOptions,
} from '../ledger-to-rows.js';
import {
  choicesWrap,
  headerLines,
  LINE_HEIGHT,
  MAX_WIDTH,
  templateColumnWidth,
} from './template-column-width.js';
import { EXAMPLE_ROW_MEMO } from '../example-row.js';
import { workbookBytes } from './workbook-bytes.js';

/** The ledger sheet's name in the template; readers take the first sheet whatever its name. */
export const LEDGER_SHEET = '支出台帳';
const LISTS_SHEET = '選択肢';
/** Rows the drop-downs and formats reach down to. */
const INPUT_ROWS = 1000;
/** Width units printed on one A4 landscape page at 100 %, times two. */
const FIT_TO_WIDTH_LIMIT = 280;
const YEN_FORMAT = '#,##0;[Red]-#,##0';

interface WorksheetWithValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/** The template's example row, used when no ledger is given. */
export const EXAMPLE_LEDGER = {
  entities: [{ code: '392081', name: '宿毛市', kind: 'city' }],
  lines: [
    {
      id: '例1',
      entity: '392081',
      fiscalYear: 2025,
      date: '2025-06-30',
      program: 'cio-aide',
      costType: 'compensation',
      amount: '3600000',
      person: 'P1',
      memo: EXAMPLE_ROW_MEMO,
      facts: { advisoryDuties: true },
    },
  ],
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function excelCell(cell: LedgerCell, type: string): ExcelJS.CellValue {
  if (cell === null) return null;
  if (type === 'date' && typeof cell === 'string') {
    const match = ISO_DATE.exec(cell);
    if (match !== null) {
      const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
      // Only a date that exists becomes a date cell: Date.UTC would roll "2025-02-30" over to
      // 2 March and turn an invalid line into a valid one; it stays text for the reader to reject.
      if (date.toISOString().slice(0, 10) === cell) return date;
    }
  }
  // Integer amounts become numbers (shown with separators); anything else stays as typed.
  if (type === 'yen' && typeof cell === 'string' && /^-?(0|[1-9]\d{0,14})$/.test(cell))
    return Number(cell);
  if (type === 'year' && typeof cell === 'string' && /^\d{4}$/.test(cell)) return Number(cell);
  return cell;
}

/**
 * The ledger template workbook: Japanese headers with input hints, drop-downs for 団体区分, 事業,
 * 経費区分 and the choice facts, and the given ledger's lines (or an example row). Reading it back
 * with readXlsxLedger gives the same ledger.
 */
export async function writeTemplate(
  glossary: Glossary,
  ledger: { entities: readonly unknown[]; lines: readonly unknown[] } = EXAMPLE_LEDGER,
  only?: LedgerRowsOptions['only'],
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'kofuzei';
  workbook.created = new Date(Date.UTC(2025, 3, 1));
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet(LEDGER_SHEET, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }],
    // Printed on A4 landscape, the header row on every page.
    pageSetup: {
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
    },
  });
  const lists = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const columns = ledgerColumns(glossary, ledger, {
    japanese: true,
    allColumns: true,
    ...(only === undefined ? {} : { only }),
  });
  const rows = ledgerToRows(glossary, ledger, columns, true);

  const widths = columns.map((column) =>
    templateColumnWidth(column.header, column.choices, column.type),
  );
  const widthOf = (index: number): number => widths[index] ?? MAX_WIDTH;
  sheet.columns = columns.map((column, index) => ({
    header: column.header,
    key: column.key,
    width: widthOf(index),
    // A choice wider than the widest column wraps rather than being cut off when printed.
    ...(choicesWrap(column.choices, widthOf(index))
      ? { style: { alignment: { wrapText: true, vertical: 'top' as const } } }
      : {}),
  }));
  // Fitted to the page width while that keeps the text legible (about two pages' worth shrunk
  // onto one); the full template's hundred-odd columns instead print across pages at full size,
  // 明細ID repeated on each so every page's rows can be matched.
  if (widths.reduce((sum, width) => sum + width, 0) > FIT_TO_WIDTH_LIMIT) {
    sheet.pageSetup.fitToPage = false;
    sheet.pageSetup.scale = 100;
    sheet.pageSetup.printTitlesColumn = 'A:A';
  }
  const header = sheet.getRow(1);
  // As tall as the longest wrapped header, so no header is cut off on screen or on paper.
  header.height =
    LINE_HEIGHT *
      Math.max(...columns.map((column, index) => headerLines(column.header, widthOf(index)))) +
    6;
  header.eachCell((cell, number) => {
    const column = columns[number - 1];
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle' };
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: column?.key.startsWith('facts.') ? 'FFFFF2CC' : 'FFDDEBF7' },
    };
    if (column !== undefined) cell.note = column.hint;
  });

  let listColumn = 0;
  columns.forEach((column, index) => {
    const letter = columnLetter(index);
    const range = `${letter}2:${letter}${INPUT_ROWS}`;
    const prompt = column.hint.slice(0, 250);
    const validations = sheet as unknown as WorksheetWithValidations;
    if (column.type === 'yen') sheet.getColumn(index + 1).numFmt = YEN_FORMAT;
    if (column.type === 'date') sheet.getColumn(index + 1).numFmt = 'yyyy/m/d';
    if (column.choices !== null) {
      const listLetter = columnLetter(listColumn);
      listColumn += 1;
      lists.getCell(`${listLetter}1`).value = column.header;
      column.choices.forEach((choice, row) => {
        lists.getCell(`${listLetter}${row + 2}`).value = choice;
      });
      validations.dataValidations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`${LISTS_SHEET}!$${listLetter}$2:$${listLetter}$${column.choices.length + 1}`],
        showInputMessage: true,
        promptTitle: column.header.slice(0, 32),
        prompt,
        showErrorMessage: true,
        errorTitle: '選択肢にない値',
        error: '一覧から選択してください',
      });
    } else {
      validations.dataValidations.add(range, {
        type: 'custom',
        allowBlank: true,
        formulae: ['TRUE'],
        showInputMessage: true,
        promptTitle: column.header.slice(0, 32),
        prompt,
      });
    }
  });

  for (const row of rows) {
    sheet.addRow(row.map((cell, index) => excelCell(cell, columns[index]?.type ?? 'text')));
  }
  return workbookBytes(workbook);
}
