// The Google Apps Script entry: bundled as an IIFE into dist/gas/kofuzei.gs (global `Kofuzei`),
// with top-level onOpen / evaluateActiveSheet functions added by the build. No Node APIs here.
import { evaluate } from '../../evaluate/evaluate.js';
import { bundledRuleSet } from '../../rules/bundled-rule-set.js';
import type { Report } from '../../schema/report.js';
import { escapeFormula } from '../csv/escape-formula.js';
import type { CellValue } from '../cell-value.js';
import { ledgerFromRows } from '../ledger-from-rows.js';
import { reportSheets, type SheetSpec } from '../report-sheets.js';

/** The slice of the Apps Script Spreadsheet service this wrapper uses. */
interface GasRange {
  getValues(): CellValue[][];
  setValues(values: (string | number | boolean | null)[][]): GasRange;
  setNumberFormat(format: string): GasRange;
  setFontWeight(weight: string): GasRange;
}
interface GasSheet {
  getName(): string;
  getDataRange(): GasRange;
  getRange(row: number, column: number, rows: number, columns: number): GasRange;
  clear(): GasSheet;
  setFrozenRows(rows: number): void;
}
interface GasSpreadsheet {
  getActiveSheet(): GasSheet;
  getSheetByName(name: string): GasSheet | null;
  insertSheet(name: string): GasSheet;
  toast?(message: string, title?: string): void;
}
interface GasMenu {
  addItem(caption: string, functionName: string): GasMenu;
  addToUi(): void;
}
interface GasSpreadsheetApp {
  getActiveSpreadsheet(): GasSpreadsheet;
  getUi(): { createMenu(caption: string): GasMenu };
}

declare const SpreadsheetApp: GasSpreadsheetApp;

export const MENU = '交付税計算';

const NUMBER_FORMATS: Readonly<Record<string, string | undefined>> = {
  yen: '#,##0"円";[Red]-#,##0"円"',
  rate: '0.0###',
  integer: '0',
};

/** Adds the 交付税計算 menu (the build wires the global onOpen to this). */
export function onOpen(): void {
  SpreadsheetApp.getUi()
    .createMenu(MENU)
    .addItem('この台帳シートを判定して結果シートを作成', 'evaluateActiveSheet')
    .addToUi();
}

function writeSheet(spreadsheet: GasSpreadsheet, spec: SheetSpec): void {
  const sheet = spreadsheet.getSheetByName(spec.name) ?? spreadsheet.insertSheet(spec.name);
  sheet.clear();
  const values = [
    spec.columns.map((column) => column.header),
    ...spec.rows.map((row) =>
      row.map((cell) =>
        cell === null
          ? ''
          : typeof cell === 'object'
            ? `=${cell.formula}`
            : typeof cell === 'string'
              ? escapeFormula(cell)
              : cell,
      ),
    ),
  ];
  sheet.getRange(1, 1, values.length, spec.columns.length).setValues(values);
  sheet.getRange(1, 1, 1, spec.columns.length).setFontWeight('bold');
  sheet.setFrozenRows(1);
  spec.columns.forEach((column, index) => {
    const format = NUMBER_FORMATS[column.format];
    if (format !== undefined && spec.rows.length > 0)
      sheet.getRange(2, index + 1, spec.rows.length, 1).setNumberFormat(format);
  });
}

/** What evaluateActiveSheet returns (and shows as a toast): counts by status. */
export interface SheetSummary {
  readonly lines: number;
  readonly eligible: number;
  readonly ineligible: number;
  readonly undetermined: number;
  readonly invalid: number;
}

/** Evaluates the active ledger sheet and writes 明細, 集計, 前提 and エラー. */
export async function evaluateActiveSheet(): Promise<SheetSummary> {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = spreadsheet.getActiveSheet();
  const ruleSet = bundledRuleSet();
  const rows = ledgerFromRows(sheet.getDataRange().getValues(), ruleSet.glossary, {
    source: sheet.getName(),
    dateZone: 'local',
  });
  const report: Report = await evaluate({ entities: rows.entities, lines: rows.lines });
  const titles = new Map(ruleSet.measures.map((measure) => [measure.id, measure.title]));
  for (const spec of reportSheets(report, titles)) writeSheet(spreadsheet, spec);
  const count = (status: string): number =>
    report.lines.filter((line) => line.status === status).length;
  const summary = {
    lines: report.lines.length,
    eligible: count('eligible'),
    ineligible: count('ineligible'),
    undetermined: count('undetermined'),
    invalid: count('invalid'),
  };
  spreadsheet.toast?.(
    `対象 ${summary.eligible} / 対象外 ${summary.ineligible} / 判定保留 ${summary.undetermined} / 入力エラー ${summary.invalid}`,
    MENU,
  );
  return summary;
}
