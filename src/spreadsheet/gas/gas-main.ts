// The Google Apps Script entry: bundled as an IIFE into dist/gas/kofuzei.gs (global `Kofuzei`),
// with top-level onOpen / evaluateActiveSheet functions added by the build. No Node APIs here.
import { CODES } from '../../core/codes.js';
import { KofuzeiError } from '../../core/kofuzei-error.js';
import { evaluate } from '../../evaluate/evaluate.js';
import { bundledRuleSet } from '../../rules/bundled-rule-set.js';
import { STATUS_LABELS } from '../../schema/labels.js';
import { LINE_STATUSES, type Report } from '../../schema/report.js';
import type { RowsLedger } from '../ledger-from-rows.js';
import { ledgerFromGrid, type SheetGrid } from '../sheet-grid-ledger.js';
import { costTypesOf, reportLabels } from '../report-labels.js';
import { RESULT_SHEET_NAMES, reportSheets, type SheetSpec } from '../report-sheets.js';
import type { GasSheet, GasSpreadsheet, GasSpreadsheetApp } from './gas-service.js';
import { isKofuzeiSheet, messageOf, writeFailure, writeSheet } from './result-sheets.js';

declare const SpreadsheetApp: GasSpreadsheetApp;
declare const Utilities: { formatDate(date: Date, timeZone: string, pattern: string): string };

export const MENU = '交付税計算';

/** Adds the 交付税計算 menu (the build wires the global onOpen to this). */
export function onOpen(): void {
  SpreadsheetApp.getUi()
    .createMenu(MENU)
    .addItem('この台帳シートを判定して結果シートを作成', 'evaluateActiveSheet')
    .addToUi();
}

const RESULT_NAMES: readonly string[] = Object.values(RESULT_SHEET_NAMES);

/** Why the active sheet cannot be read as a ledger (it has a result sheet's name), or null. */
function activeSheetProblem(sheet: GasSheet): string | null {
  const name = sheet.getName();
  if (!RESULT_NAMES.includes(name)) return null;
  if (isKofuzeiSheet(sheet))
    return `シート「${name}」は kofuzei が作成した判定結果のシートです。台帳のシートを選んでから、もう一度実行してください。`;
  return `シート「${name}」は判定結果を書き込むシート（${RESULT_NAMES.join('・')}）と同じ名前のため、台帳を結果で上書きしないよう判定を中止しました。台帳シートの名前を変更してから、もう一度実行してください。`;
}

/** Why a result sheet cannot be written (a sheet of that name is not kofuzei's), or null. */
function resultSheetProblem(spreadsheet: GasSpreadsheet, spec: SheetSpec): string | null {
  const existing = spreadsheet.getSheetByName(spec.name);
  if (existing === null || isKofuzeiSheet(existing, spec)) return null;
  return `シート「${spec.name}」は kofuzei が作成したシートではないため、判定結果で上書きせずに中止しました。このシートの名前を変更するか削除してから、もう一度実行してください。`;
}

/**
 * The ledger sheet as a person sees it: values, number formats, merged ranges, hidden rows and
 * columns, and date cells as the days the spreadsheet's time zone shows.
 */
function sheetGrid(spreadsheet: GasSpreadsheet, sheet: GasSheet): SheetGrid {
  const range = sheet.getDataRange();
  const zone = spreadsheet.getSpreadsheetTimeZone();
  return {
    values: range.getValues(),
    numberFormats: range.getNumberFormats(),
    merges: range.getMergedRanges().map((merged) => ({
      top: merged.getRow(),
      left: merged.getColumn(),
      bottom: merged.getRow() + merged.getNumRows() - 1,
      right: merged.getColumn() + merged.getNumColumns() - 1,
    })),
    isHiddenRow: (row) => sheet.isRowHiddenByUser(row) || sheet.isRowHiddenByFilter(row),
    isHiddenColumn: (column) => sheet.isColumnHiddenByUser(column),
    dayOf: (date) => Utilities.formatDate(date, zone, 'yyyy-MM-dd'),
  };
}

/** What evaluateActiveSheet returns (and shows as a toast): counts by status. */
export interface SheetSummary {
  readonly lines: number;
  readonly eligible: number;
  readonly ineligible: number;
  readonly undetermined: number;
  readonly invalid: number;
}

/** The toast's text: the count of lines of each status, in the labels of every other surface. */
export function summaryText(summary: SheetSummary): string {
  return LINE_STATUSES.map((status) => `${STATUS_LABELS[status]} ${summary[status]}`).join(' / ');
}

/**
 * Evaluates the active ledger sheet and writes 明細, 集計, 前提 and エラー. Never over the ledger
 * sheet itself, nor over a sheet of those names that kofuzei did not write: it says which sheet
 * in an alert, writes nothing and returns null.
 */
export async function evaluateActiveSheet(): Promise<SheetSummary | null> {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = spreadsheet.getActiveSheet();
  const refuse = (message: string): null => {
    SpreadsheetApp.getUi().alert(message);
    return null;
  };
  const activeProblem = activeSheetProblem(sheet);
  if (activeProblem !== null) return refuse(activeProblem);
  const ruleSet = bundledRuleSet();
  let rows: RowsLedger;
  let report: Report;
  try {
    rows = ledgerFromGrid(sheetGrid(spreadsheet, sheet), ruleSet.glossary, {
      source: sheet.getName(),
    });
    report = await evaluate({ entities: rows.entities, lines: rows.lines });
  } catch (error) {
    // A sheet that is not a ledger: the catalogue's Japanese headline, then where, in an alert
    // (Apps Script would otherwise show the bare message in its own English error box).
    if (error instanceof KofuzeiError)
      return refuse(`${CODES[error.code].ja}: ${error.message}（${error.code}）`);
    // Anything else is kofuzei's fault: said in Japanese too, never Apps Script's bare stack.
    return refuse(`${CODES.INTERNAL.ja}: ${messageOf(error)}（INTERNAL）`);
  }
  const specs = reportSheets(report, reportLabels(ruleSet, rows.entities, costTypesOf(rows.lines)));
  // Every sheet is checked before any is written: a refusal leaves the spreadsheet as it was.
  for (const spec of specs) {
    const problem = resultSheetProblem(spreadsheet, spec);
    if (problem !== null) return refuse(problem);
  }
  for (const spec of specs) {
    try {
      writeSheet(spreadsheet, spec);
    } catch (error) {
      // A sheet that fails half-way (protected, Sheets' cell limit) must not leave new 明細 beside
      // the last run's エラー: every result sheet written so far or left from before is emptied.
      return refuse(writeFailure(spreadsheet, specs, spec, error));
    }
  }
  const count = (status: string): number =>
    report.lines.filter((line) => line.status === status).length;
  const summary = {
    lines: report.lines.length,
    eligible: count('eligible'),
    ineligible: count('ineligible'),
    undetermined: count('undetermined'),
    invalid: count('invalid'),
  };
  spreadsheet.toast?.(summaryText(summary), MENU);
  return summary;
}
