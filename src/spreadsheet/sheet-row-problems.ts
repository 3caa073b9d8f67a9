import type { SourceProblem } from '../ledger/source-problems.js';
import type { Glossary } from '../schema/glossary.js';
import type { ReportWarning } from '../schema/report.js';
import type { CellValue } from './cell-value.js';
import { columnLetter } from './ledger-columns.js';
import { misleadingNumberFormat } from './misleading-number-format.js';

/**
 * What a person looking at a sheet sees that its cell values alone do not say — a hidden row, a
 * merged range, a number format in 千円, a hidden column — as the line problems and warnings both
 * sheet readers give: the xlsx workbook reader and the Google Sheets wrapper.
 */

/** A merged range (1-based, inclusive). */
export interface MergeRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** A cell's address as the sheet shows it: "E3". */
export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column - 1)}${row}`;
}

export function rangeText(merge: MergeRange): string {
  return `${cellAddress(merge.top, merge.left)}:${cellAddress(merge.bottom, merge.right)}`;
}

export const HIDDEN_ROW: SourceProblem & { message: string } = {
  code: 'HIDDEN_ROW',
  field: 'row',
  expected: '表示されている行',
  received: '非表示の行',
  message: `非表示の行です: 表示するか削除してください`,
};

/**
 * The problems of a row touched by merged ranges that cover a column the ledger reads (`read`,
 * 1-based), each naming the range; a merge over other columns changes nothing read.
 */
export function mergedCellProblems(
  merges: readonly MergeRange[],
  fieldOf: (column: number) => string | undefined,
): SourceProblem[] {
  const problems: SourceProblem[] = [];
  for (const merge of merges) {
    let column = merge.left;
    while (column <= merge.right && fieldOf(column) === undefined) column += 1;
    if (column > merge.right) continue;
    const range = rangeText(merge);
    problems.push({
      code: 'MERGED_CELL',
      field: fieldOf(column) ?? 'row',
      expected: '結合されていないセル',
      received: `結合セル ${range}`,
      message: `セル ${range} が結合されています。結合を解除し、各行・各列に値を入れてください`,
    });
  }
  return problems;
}

/** Merged ranges by the rows they touch. */
export function mergesByRow(merges: readonly MergeRange[]): Map<number, MergeRange[]> {
  const byRow = new Map<number, MergeRange[]>();
  for (const merge of merges)
    for (let row = merge.top; row <= merge.bottom; row += 1)
      byRow.set(row, [...(byRow.get(row) ?? []), merge]);
  return byRow;
}

/** Whether a ledger field holds yen: the amount, or a fact or attribute whose unit is 円. */
export function isYenField(field: string, glossary: Glossary): boolean {
  if (field === 'amount') return true;
  const name = /^(?:facts|attributes)\.(.+)$/u.exec(field)?.[1];
  const definition = name === undefined ? undefined : glossary.facts[name];
  return definition?.type === 'number' && definition.unit === '円';
}

/**
 * The problem of a yen cell whose format shows another amount (misleading-number-format.ts):
 * a sheet kept in 千円 shows 3,600 where the cell holds 3600, which would be read as ¥3,600.
 */
export function shownOtherwiseProblem(
  row: number,
  column: number,
  format: string,
  value: number,
): Omit<SourceProblem, 'field'> | undefined {
  const why = misleadingNumberFormat(format, value);
  if (why === null) return undefined;
  return {
    code: 'CELL_SHOWN_OTHERWISE',
    expected: '表示どおりの数値（円単位）',
    received: `セルの値 ${value}（${why}）`,
    message:
      `セル ${cellAddress(row, column)}: ${why}。kofuzei は表示ではなくセルの値 ${value} を読むため、` +
      'このままでは金額が変わります。円単位の数値を入れ、表示形式を「#,##0」などにしてください',
  };
}

/** The warning that a hidden column's values were read (1-based column). */
export function hiddenColumnWarning(at: string, column: number, header: CellValue): ReportWarning {
  return {
    code: 'HIDDEN_COLUMN_READ',
    line: null,
    message: `${at}: 列 ${columnLetter(column - 1)}（見出し「${String(header)}」）は非表示ですが、値を読み取りました。確かめてください`,
  };
}
