import type { Report } from '../../schema/report.js';
import { reportSheets } from '../report-sheets.js';

/** The report's lines as CSV rows (the 明細 sheet's columns, values only), header first. */
export function reportCsvRows(
  report: Report,
  titles: ReadonlyMap<string, string> = new Map(),
): (string | number | null)[][] {
  const sheet = reportSheets(report, titles)[0];
  if (sheet === undefined) return [];
  const keep = sheet.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.hidden !== true && column.header !== '検算')
    .map(({ index }) => index);
  return [
    keep.map((index) => sheet.columns[index]?.header ?? ''),
    ...sheet.rows.map((row) =>
      keep.map((index) => {
        const cell = row[index] ?? null;
        return cell !== null && typeof cell === 'object' ? cell.value : cell;
      }),
    ),
  ];
}
