// Long file: the workbook reader: cells, formulas, merges and hidden rows of one sheet together.
import ExcelJS from 'exceljs';
import { INPUT_LIMITS, mebibytes } from '../../core/input-limits.js';
import { KofuzeiError } from '../../core/kofuzei-error.js';
import {
  noteLedgerWarning,
  noteSourceProblem,
  noteSourceWarning,
  type SourceProblem,
  type SourceWarning,
} from '../../ledger/source-problems.js';
import { noteSourceRow } from '../../ledger/source-row.js';
import type { ReportWarning } from '../../schema/report.js';
import type { Glossary } from '../../schema/glossary.js';
import { isBlankRow, isEmptyCell, type CellValue } from '../cell-value.js';
import { foreignLedgerBytes } from '../foreign-ledger-bytes.js';
import {
  cellAddress as address,
  HIDDEN_ROW,
  hiddenColumnWarning,
  isYenField,
  mergedCellProblems,
  mergesByRow,
  rangeText,
  shownOtherwiseProblem,
  type MergeRange,
} from '../sheet-row-problems.js';
import { LedgerRowReader, type RowsLedger } from '../ledger-from-rows.js';
import { checkZipLimits } from './check-zip-limits.js';
import { computeFormula, sameNumber, type FormulaCell } from './compute-formula.js';
import { loadWorkbook } from './load-workbook.js';
import { savedCellReadings, type SavedReading } from './saved-cell-readings.js';

/** What one cell gives the ledger: its value, and what is wrong with it or unchecked about it. */
interface ReadCell {
  readonly value: CellValue;
  readonly problem?: Omit<SourceProblem, 'field' | 'message'> & { readonly message: string };
  readonly warning?: SourceWarning;
}

function shownValue(value: unknown): string {
  return value instanceof Date ? value.toISOString() : JSON.stringify(value);
}

/** A value (not a formula) as the ledger reads it; error values are a problem of the cell. */
function plainValue(value: ExcelJS.CellValue, where: string): ReadCell {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return { value };
  if (value instanceof Date) return { value };
  if ('richText' in value) return { value: value.richText.map((part) => part.text).join('') };
  if ('text' in value && 'hyperlink' in value) return { value: value.text };
  if ('error' in value)
    return {
      value: null,
      problem: {
        code: 'CELL_ERROR_VALUE',
        expected: '値',
        received: `エラー値 ${value.error}`,
        message: `${where}: エラー値 ${value.error} が入っています。正しい値を入れてください`,
      },
    };
  return { value: null };
}

/** The problem of a cell whose saved text is not a value of its type (saved-cell-readings.ts). */
function malformedCell(reading: SavedReading & { kind: 'malformed' }, where: string): ReadCell {
  return {
    value: null,
    problem: {
      code: 'CELL_VALUE_MALFORMED',
      expected: reading.expected,
      received: `保存されている値「${reading.saved}」`,
      message:
        `${where}: ファイルに保存されている値「${reading.saved}」は${reading.expected}として読めません` +
        '（ブックを書き出したソフトの不具合か、ファイルの破損です）。Excel などで値を入れ直して保存し直してください',
    },
  };
}

/**
 * The cells of one worksheet as the ledger reads them: merged cells other than a range's first
 * (top-left) cell are empty (exceljs repeats the first cell's value in every cell of the range),
 * and a formula's saved value is checked by computing the formula where it is simple enough.
 */
class SheetCells {
  constructor(
    private readonly sheet: ExcelJS.Worksheet,
    /** The cells whose saved text exceljs misreads (saved-cell-readings.ts), by address. */
    private readonly saved: ReadonlyMap<string, SavedReading>,
  ) {}

  private savedReading(row: number, column: number): SavedReading | undefined {
    return this.saved.size === 0 ? undefined : this.saved.get(`${row}:${column}`);
  }

  /** A cell as a formula sees it. */
  private formulaCell = (row: number, column: number): FormulaCell => {
    const cell = this.sheet.findCell(row, column);
    if (cell === undefined || cell.type === ExcelJS.ValueType.Merge) return null;
    if (cell.type === ExcelJS.ValueType.Formula) return { formula: cell.formula };
    const saved = this.savedReading(row, column);
    // A misread cell's text makes a formula over it unverifiable rather than checked against 1.
    if (saved !== undefined) return saved.kind === 'value' ? (saved.value ?? null) : saved.saved;
    const plain = plainValue(cell.value, '').value;
    if (plain === null || plain === undefined) return null;
    if (plain instanceof Date) return plain;
    return plain;
  };

  read(row: number, column: number): ReadCell {
    const cell = this.sheet.findCell(row, column);
    // The address names the row too; the line's own place (「行 5（明細ID L3）」) is put before it.
    const where = `セル ${address(row, column)}`;
    const reading = this.savedReading(row, column);
    // exceljs drops a cell whose value it found no text for (CDATA): the reading still counts.
    if (cell === undefined && reading?.kind === 'malformed') return malformedCell(reading, where);
    if (cell === undefined || cell.type === ExcelJS.ValueType.Merge) return { value: null };
    if (reading?.kind === 'malformed') return malformedCell(reading, where);
    if (cell.type !== ExcelJS.ValueType.Formula)
      return reading === undefined ? plainValue(cell.value, where) : { value: reading.value };
    const formula = cell.formula;
    const shown = `=${formula}`;
    // exceljs's type says a result is always there; a formula saved without one has none.
    const saved =
      reading === undefined
        ? ((cell.value as ExcelJS.CellFormulaValue).result as
            ExcelJS.CellFormulaValue['result'] | null | undefined)
        : (reading.value as ExcelJS.CellFormulaValue['result'] | null | undefined);
    if (saved === undefined || saved === null)
      return {
        value: null,
        problem: {
          code: 'FORMULA_NOT_SAVED',
          expected: `式 ${shown} の保存された値`,
          received: '保存された値なし',
          message: `${where}: 式 ${shown} に保存された値がありません。Excel などで開いて保存し直してください`,
        },
      };
    if (typeof saved === 'object' && !(saved instanceof Date))
      return {
        value: null,
        problem: {
          code: 'FORMULA_NOT_SAVED',
          expected: `式 ${shown} の値`,
          received: `エラー値 ${saved.error}`,
          message: `${where}: 式 ${shown} の値がエラー ${saved.error} です。式を直してください`,
        },
      };
    // LibreOffice saves a TRUE or FALSE cell as the formula =TRUE() or =FALSE().
    const constant = /^\s*(TRUE|FALSE)\s*\(\s*\)\s*$/i.exec(formula)?.[1]?.toUpperCase();
    if (constant !== undefined && saved === (constant === 'TRUE')) return { value: saved };
    const computed = computeFormula(formula, this.formulaCell);
    if (!computed.ok || saved instanceof Date)
      return {
        value: saved,
        warning: {
          code: 'FORMULA_NOT_VERIFIED',
          message: `${where}: 式 ${shown} は検算できない形のため（${computed.ok ? '日付の値' : computed.reason}）、保存されている値 ${shownValue(saved)} をそのまま使いました。確かめてください`,
        },
      };
    if (typeof saved === 'number' && sameNumber(saved, computed.value)) return { value: saved };
    const result = computed.value.toString();
    return {
      value: saved,
      problem: {
        code: 'FORMULA_MISMATCH',
        expected: `式 ${shown} の計算結果 ${result}`,
        received: `保存されている値 ${shownValue(saved)}`,
        message: `${where}: 式 ${shown} の保存されている値 ${shownValue(saved)} が計算結果 ${result} と一致しません。Excel で再計算して保存し直してください`,
      },
    };
  }
}

/** A yen cell's problem when its format shows another amount (sheet-row-problems.ts). */
function shownOtherwise(
  sheet: ExcelJS.Worksheet,
  row: number,
  column: number,
  value: number,
): Omit<SourceProblem, 'field'> | undefined {
  const format = sheet.findCell(row, column)?.numFmt;
  return typeof format === 'string' ? shownOtherwiseProblem(row, column, format, value) : undefined;
}

/** The first visible worksheet; hidden ones before it are named in a warning. */
function ledgerSheet(
  workbook: ExcelJS.Workbook,
  source: string,
): { sheet: ExcelJS.Worksheet; skipped: string[] } {
  const skipped: string[] = [];
  for (const sheet of workbook.worksheets) {
    if (sheet.state !== 'hidden' && sheet.state !== 'veryHidden') return { sheet, skipped };
    skipped.push(sheet.name);
  }
  if (skipped.length > 0)
    throw new KofuzeiError(
      'LEDGER_UNUSABLE',
      `${source}: 表示されているシートがありません（非表示のシート: ${skipped.map((name) => `「${name}」`).join('、')}）。台帳のシートを表示してください`,
    );
  throw new KofuzeiError('LEDGER_UNUSABLE', `${source}: ブックにシートがありません`);
}

/**
 * The warning naming the visible sheets other than the ledger's that hold a cell, if any (and the
 * one the workbook opens on, when it is not the ledger's): rows written there — a second month's
 * sheet — are not read, and a clerk must hear so rather than find them missing from the totals.
 */
function otherSheetsWarning(
  workbook: ExcelJS.Workbook,
  ledger: ExcelJS.Worksheet,
  source: string,
): ReportWarning | null {
  const visible = workbook.worksheets.filter(
    (sheet) => sheet.state !== 'hidden' && sheet.state !== 'veryHidden',
  );
  const filled = visible.filter((sheet) => sheet !== ledger && sheet.actualRowCount > 0);
  if (filled.length === 0) return null;
  // activeTab counts every sheet, hidden ones too.
  const active = workbook.worksheets[workbook.views[0]?.activeTab ?? 0];
  const names = filled
    .map(
      (sheet) => `「${sheet.name}」${sheet === active ? '（ブックを開くと表示されるシート）' : ''}`,
    )
    .join('、');
  return {
    code: 'OTHER_SHEET_NOT_READ',
    line: null,
    message:
      `${source}: 台帳として読むのは最初の表示されているシート「${ledger.name}」だけです。` +
      `シート${names}にも記入がありますが、読んでいません。明細があれば「${ledger.name}」に移してください`,
  };
}

function isHiddenRow(row: ExcelJS.Row): boolean {
  // A row folded away by an outline is saved hidden too; a row of zero height cannot be seen either.
  return row.hidden || row.height === 0;
}

/**
 * A ledger from an xlsx workbook: the first visible sheet, header row first (the template or plain
 * columns). Nothing a person looking at the sheet cannot see is read silently: a data row that is
 * hidden, touched by a merged cell (other than an empty one) or holding a formula whose saved value
 * is not what it computes becomes an `invalid` line naming the row and cell; a formula too complex
 * to check, a hidden sheet passed over and a hidden column read are named in report warnings.
 */
export async function readXlsxLedger(
  bytes: Uint8Array,
  glossary: Glossary,
  source: string,
): Promise<RowsLedger> {
  // An input workbook is untrusted: its file size and inflated size are limited (zip bombs).
  if (bytes.byteLength > INPUT_LIMITS.xlsxBytes)
    throw new KofuzeiError(
      'LEDGER_TOO_LARGE',
      `${source}: ブックが上限 ${mebibytes(INPUT_LIMITS.xlsxBytes)} を超えています。JSON Lines（.jsonl）で書き出してください（.jsonl は大きさの上限なく読めます）`,
    );
  const foreign = foreignLedgerBytes(bytes, source, 'xlsx');
  if (foreign !== null) throw foreign;
  checkZipLimits(bytes, source);
  const workbook = await loadWorkbook(bytes, source);
  const { sheet, skipped } = ledgerSheet(workbook, source);
  const at = `${source}（シート「${sheet.name}」）`;
  const warnings: ReportWarning[] = [];
  if (skipped.length > 0)
    warnings.push({
      code: 'HIDDEN_SHEET_SKIPPED',
      line: null,
      message: `${source}: 非表示のシート${skipped.map((name) => `「${name}」`).join('、')}は読まず、最初の表示されているシート「${sheet.name}」を台帳として読みました`,
    });

  const unread = otherSheetsWarning(workbook, sheet, source);
  if (unread !== null) warnings.push(unread);

  const cells = new SheetCells(sheet, await savedCellReadings(bytes, workbook, sheet, source));
  // exceljs keeps the merged ranges by their first cell; it has no public list of them.
  const merges = Object.values(
    (sheet as unknown as { _merges: Record<string, MergeRange> })._merges,
  ).filter((merge) => !isEmptyCell(cells.read(merge.top, merge.left).value));

  const headerRow = sheet.getRow(1);
  const header: CellValue[] = [];
  for (let column = 1; column <= headerRow.cellCount; column += 1) {
    const read = cells.read(1, column);
    if (read.problem !== undefined)
      throw new KofuzeiError('LEDGER_UNUSABLE', `${at}: 見出し行 ${read.problem.message}`);
    if (read.warning !== undefined)
      warnings.push({
        code: read.warning.code,
        line: null,
        message: `${at}: ${read.warning.message}`,
      });
    header.push(read.value);
  }
  const headerMerge = merges.find((merge) => merge.top === 1);
  if (headerMerge !== undefined)
    throw new KofuzeiError(
      'LEDGER_UNUSABLE',
      `${at}: 見出し行のセル ${rangeText(headerMerge)} が結合されています。結合を解除し、列ごとに見出しを入れてください`,
    );
  if (isHiddenRow(headerRow) && header.some((cell) => !isEmptyCell(cell)))
    throw new KofuzeiError(
      'LEDGER_UNUSABLE',
      `${at}: 見出し行（行 1）が非表示です。表示してから読み込んでください`,
    );
  const reader = new LedgerRowReader(header, glossary, {
    source: at,
    date1904: (workbook.properties as { date1904?: boolean }).date1904 === true,
  });
  const width = Math.max(header.length, sheet.columnCount);
  const fields = Array.from({ length: header.length }, (_, index) => reader.fieldAt(index));
  const read = (index: number): boolean => fields[index] !== undefined;
  // The columns of amounts in yen, whose cells' formats are checked (shownOtherwise).
  const yen = fields.map((field) => field !== undefined && isYenField(field, glossary));
  const mergesOfRow = mergesByRow(merges);

  const lines: Record<string, unknown>[] = [];
  const rowNumbers: number[] = [];
  const hiddenColumns = new Set<number>();
  for (let number = 2; number <= sheet.rowCount; number += 1) {
    const row = sheet.getRow(number);
    const values: CellValue[] = [];
    const problems: SourceProblem[] = [];
    const rowWarnings: SourceWarning[] = [];
    for (let column = 1; column <= Math.max(width, row.cellCount); column += 1) {
      // Only the columns with a header are ledger data; a formula elsewhere is never used.
      const cell = read(column - 1) ? cells.read(number, column) : { value: null };
      values.push(cell.value);
      const field = fields[column - 1] ?? 'row';
      if (cell.problem !== undefined) problems.push({ field, ...cell.problem });
      else if (typeof cell.value === 'number' && yen[column - 1] === true) {
        const shown = shownOtherwise(sheet, number, column, cell.value);
        if (shown !== undefined) problems.push({ field, ...shown });
      }
      if (cell.warning !== undefined) rowWarnings.push(cell.warning);
      if (!isEmptyCell(cell.value) && read(column - 1)) {
        const shape = sheet.getColumn(column);
        if (shape.hidden || shape.width === 0) hiddenColumns.add(column);
      }
    }
    problems.push(
      ...mergedCellProblems(mergesOfRow.get(number) ?? [], (column) => fields[column - 1]),
    );
    if (isHiddenRow(row) && !isBlankRow(values)) problems.unshift(HIDDEN_ROW);
    const line = reader.line(values, number) ?? (problems.length > 0 ? {} : null);
    if (line === null) continue;
    noteSourceRow(line, number);
    for (const problem of problems) noteSourceProblem(line, problem);
    for (const warning of rowWarnings) noteSourceWarning(line, warning);
    lines.push(line);
    rowNumbers.push(number);
  }
  for (const column of hiddenColumns)
    warnings.push(hiddenColumnWarning(at, column, header[column - 1]));
  for (const warning of warnings) noteLedgerWarning(reader.entities, warning);
  return {
    entities: reader.entities,
    lines,
    headers: reader.headers,
    rowNumbers,
    columnOf: reader.columnOf,
  };
}
