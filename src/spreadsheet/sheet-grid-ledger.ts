import { KofuzeiError } from '../core/kofuzei-error.js';
import {
  noteLedgerWarning,
  noteSourceProblem,
  type SourceProblem,
} from '../ledger/source-problems.js';
import { noteSourceRow } from '../ledger/source-row.js';
import type { Glossary } from '../schema/glossary.js';
import { isBlankRow, isEmptyCell, type CellValue } from './cell-value.js';
import { LedgerRowReader, type RowsLedger, type RowsLedgerOptions } from './ledger-from-rows.js';
import {
  HIDDEN_ROW,
  hiddenColumnWarning,
  isYenField,
  mergedCellProblems,
  mergesByRow,
  rangeText,
  shownOtherwiseProblem,
  type MergeRange,
} from './sheet-row-problems.js';
import { emptySheet } from './sheet-refusals.js';

/**
 * A sheet as a spreadsheet service hands it over (Google Sheets in the Apps Script wrapper): the
 * cell values, and what a person sees beside them. Rows and columns are 1-based as the sheet
 * numbers them; `values[0]` is row 1.
 */
export interface SheetGrid {
  readonly values: readonly (readonly CellValue[])[];
  /** Each cell's number format, in the shape of `values` ("" or missing: none). */
  readonly numberFormats?: readonly (readonly (string | undefined)[])[];
  /** Whether a row is hidden (by the user, by a filter); asked only of rows holding a value. */
  readonly isHiddenRow?: (row: number) => boolean;
  /** Whether a column is hidden; asked only of the columns the ledger reads. */
  readonly isHiddenColumn?: (column: number) => boolean;
  readonly merges?: readonly MergeRange[];
  /**
   * A date cell's calendar day as the sheet shows it ("YYYY-MM-DD"). Sheets hands a date over as
   * midnight in the spreadsheet's time zone, which the script's own zone may not share: read with
   * the script's, 2026-04-01 can become 2026-03-31 and the line another 年度.
   */
  readonly dayOf?: (date: Date) => string;
}

/**
 * A ledger from a sheet's grid, header row first, as the xlsx reader reads a workbook's sheet:
 * a data row that is hidden or touched by a merged range becomes an `invalid` line naming it, a
 * yen cell whose format shows another amount (千円) is `invalid`, a hidden column read is warned.
 */
export function ledgerFromGrid(
  grid: SheetGrid,
  glossary: Glossary,
  options: RowsLedgerOptions,
): RowsLedger {
  const { dayOf } = grid;
  const rows =
    dayOf === undefined
      ? grid.values
      : grid.values.map((row) => row.map((cell) => (cell instanceof Date ? dayOf(cell) : cell)));
  const header = rows[0];
  if (header === undefined) throw emptySheet(options.source);
  const merges = (grid.merges ?? []).filter(
    (merge) => !isEmptyCell(rows[merge.top - 1]?.[merge.left - 1]),
  );
  const headerMerge = merges.find((merge) => merge.top === 1);
  if (headerMerge !== undefined)
    throw new KofuzeiError(
      'LEDGER_UNUSABLE',
      `${options.source}: 見出し行のセル ${rangeText(headerMerge)} が結合されています。結合を解除し、列ごとに見出しを入れてください`,
    );
  const reader = new LedgerRowReader(header, glossary, options);
  const fieldOf = (column: number): string | undefined => reader.fieldAt(column - 1);
  const mergesOfRow = mergesByRow(merges);
  const hiddenColumns = new Set<number>();
  const checkedColumns = new Set<number>();
  const lines: Record<string, unknown>[] = [];
  const rowNumbers: number[] = [];
  rows.forEach((values, index) => {
    const number = index + 1;
    if (number === 1) return;
    const problems: SourceProblem[] = [];
    if (!isBlankRow(values) && grid.isHiddenRow?.(number) === true) problems.push(HIDDEN_ROW);
    values.forEach((cell, at) => {
      const column = at + 1;
      const field = fieldOf(column);
      if (field === undefined || isEmptyCell(cell)) return;
      if (!checkedColumns.has(column)) {
        // Each question is a call to the spreadsheet service: one a column.
        checkedColumns.add(column);
        if (grid.isHiddenColumn?.(column) === true) hiddenColumns.add(column);
      }
      const format = grid.numberFormats?.[index]?.[at];
      if (typeof cell !== 'number' || format === undefined || !isYenField(field, glossary)) return;
      const shown = shownOtherwiseProblem(number, column, format, cell);
      if (shown !== undefined) problems.push({ field, ...shown });
    });
    problems.push(...mergedCellProblems(mergesOfRow.get(number) ?? [], fieldOf));
    const line = reader.line(values, number) ?? (problems.length > 0 ? {} : null);
    if (line === null) return;
    noteSourceRow(line, number);
    for (const problem of problems) noteSourceProblem(line, problem);
    lines.push(line);
    rowNumbers.push(number);
  });
  for (const column of [...hiddenColumns].sort((a, b) => a - b))
    noteLedgerWarning(
      reader.entities,
      hiddenColumnWarning(options.source, column, header[column - 1]),
    );
  return {
    entities: reader.entities,
    lines,
    headers: reader.headers,
    rowNumbers,
    columnOf: reader.columnOf,
  };
}
