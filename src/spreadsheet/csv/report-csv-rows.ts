import type { Report } from '../../schema/report.js';
import type { ReportLabels } from '../report-labels.js';
import { RESULT_SHEET_NAMES, reportSheets, type SheetSpec } from '../report-sheets.js';

/** The printed columns of a sheet (not hidden, no audit formula column). */
function kept(sheet: SheetSpec, skip: ReadonlySet<string>): number[] {
  return sheet.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.hidden !== true && !skip.has(column.header))
    .map(({ index }) => index);
}

/**
 * The report's lines as CSV rows, header first: the 明細 sheet's columns (values only) followed by
 * the 根拠 sheet's (citations, caps, parameters…), one row per line, so the CSV loses nothing the
 * workbook splits over two sheets for printing.
 */
export function reportCsvRows(
  report: Report,
  labels?: ReadonlyMap<string, string> | Partial<ReportLabels>,
): (string | number | null)[][] {
  // The CSV has no エラー sheet: a line's warnings are named by their messages.
  const sheets = reportSheets(report, labels, 'message');
  const lines = sheets.find((sheet) => sheet.name === RESULT_SHEET_NAMES.lines);
  const evidence = sheets.find((sheet) => sheet.name === RESULT_SHEET_NAMES.evidence);
  if (lines === undefined || evidence === undefined) return [];
  const fromLines = kept(lines, new Set(['検算']));
  const fromEvidence = kept(evidence, new Set(['明細ID']));
  const value = (sheet: SheetSpec, row: number, index: number): string | number | null => {
    const cell = sheet.rows[row]?.[index] ?? null;
    // A fraction rate "2/3" opened by Excel (or LibreOffice) from a CSV becomes the date 3
    // February: the apostrophe keeps it text, as the formula guard does.
    if (typeof cell === 'string' && sheet.columns[index]?.format === 'rate' && cell.includes('/'))
      return `'${cell}`;
    return cell !== null && typeof cell === 'object' ? cell.value : cell;
  };
  return [
    [
      ...fromLines.map((index) => lines.columns[index]?.header ?? ''),
      ...fromEvidence.map((index) => evidence.columns[index]?.header ?? ''),
    ],
    ...lines.rows.map((_, row) => [
      ...fromLines.map((index) => value(lines, row, index)),
      ...fromEvidence.map((index) => value(evidence, row, index)),
    ]),
  ];
}
