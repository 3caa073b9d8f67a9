// Writing the result sheets into the spreadsheet, and what to do when a write fails half-way.
import { escapeFormula } from '../csv/escape-formula.js';
import type { SheetSpec } from '../report-sheets.js';
import type { GasSheet, GasSpreadsheet } from './gas-service.js';

const NUMBER_FORMATS: Readonly<Record<string, string | undefined>> = {
  yen: '#,##0"円";[Red]-#,##0"円"',
  rate: '0.0###',
  integer: '0',
};

/** Developer metadata (invisible to users) on every sheet kofuzei writes: the sheets it may clear. */
const MARKER = 'kofuzei-result';

export function isKofuzeiSheet(sheet: GasSheet, spec?: SheetSpec): boolean {
  if (sheet.getDeveloperMetadata().some((metadata) => metadata.getKey() === MARKER)) return true;
  if (spec === undefined) return false;
  // Written before the marker existed: its header row is exactly kofuzei's for that sheet.
  const header = sheet.getRange(1, 1, 1, spec.columns.length).getValues()[0] ?? [];
  return spec.columns.every((column, index) => header[index] === column.header);
}

/** Rows [from, to) of one column whose cells are text in a number column. */
function textRuns(spec: SheetSpec, column: number): [number, number][] {
  const runs: [number, number][] = [];
  spec.rows.forEach((row, index) => {
    if (typeof row[column] !== 'string') return;
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === index) last[1] = index + 1;
    else runs.push([index, index + 1]);
  });
  return runs;
}

/**
 * Number formats go on before the values: Sheets reads a string written into a cell that is not
 * plain text ('@') like typed input, so "011002" became 11002 and a rate "2/3" the date 3 February.
 * Text columns are plain text; a number column is plain text where it holds text (a fraction
 * rate, yen beyond 2^53); numbers and formulas keep their number format.
 */
function setFormats(sheet: GasSheet, spec: SheetSpec): void {
  if (spec.rows.length === 0) return;
  spec.columns.forEach((column, index) => {
    const format =
      column.format === 'text' || column.format === 'wrap' ? '@' : NUMBER_FORMATS[column.format];
    if (format !== undefined)
      sheet.getRange(2, index + 1, spec.rows.length, 1).setNumberFormat(format);
    if (format === '@') return;
    for (const [from, to] of textRuns(spec, index))
      sheet.getRange(2 + from, index + 1, to - from, 1).setNumberFormat('@');
  });
}

export function writeSheet(spreadsheet: GasSpreadsheet, spec: SheetSpec): void {
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
  sheet.getRange(1, 1, 1, spec.columns.length).setNumberFormat('@');
  setFormats(sheet, spec);
  sheet.getRange(1, 1, values.length, spec.columns.length).setValues(values);
  sheet.getRange(1, 1, 1, spec.columns.length).setFontWeight('bold');
  sheet.setFrozenRows(1);
  if (!isKofuzeiSheet(sheet)) sheet.addDeveloperMetadata(MARKER, spec.name);
}

/** An error's message (an Error of any realm), else the value as text. */
export function messageOf(error: unknown): string {
  const message: unknown =
    typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : error;
  return typeof message === 'string' ? message : String(error);
}

/**
 * Empties every kofuzei result sheet after a write failed on `failed`, so that no mix of this run's
 * and the last run's results stays, and says so in Japanese.
 */
export function writeFailure(
  spreadsheet: GasSpreadsheet,
  specs: readonly SheetSpec[],
  failed: SheetSpec,
  error: unknown,
): string {
  const emptied: string[] = [];
  for (const spec of specs) {
    const sheet = spreadsheet.getSheetByName(spec.name);
    if (sheet === null || !isKofuzeiSheet(sheet, spec)) continue;
    try {
      sheet.clear();
      sheet
        .getRange(1, 1, 1, 1)
        .setValues([['判定結果の書き込みが途中で失敗したため、このシートは空にしました。']]);
      emptied.push(spec.name);
    } catch {
      // Left as it is: named below as not emptied.
    }
  }
  const reason = messageOf(error);
  const left = specs
    .map((spec) => spec.name)
    .filter((name) => spreadsheet.getSheetByName(name) !== null && !emptied.includes(name));
  return (
    `判定結果をシート「${failed.name}」に書き込めませんでした（${reason}）。` +
    (emptied.length > 0
      ? `前回と今回の結果が混ざらないよう、シート${emptied.map((name) => `「${name}」`).join('')}を空にしました。`
      : '') +
    (left.length > 0
      ? `シート${left.map((name) => `「${name}」`).join('')}は空にできませんでした。内容は古い結果のおそれがあります。`
      : '') +
    'シートの保護やセル数の上限を確かめてから、もう一度実行してください。'
  );
}
