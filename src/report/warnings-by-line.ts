import type { Report, ReportWarning } from '../schema/report.js';

/**
 * Each line's warnings, for a view that shows them beside the line (the workbook's 理由, the
 * offline page's dialog), in report order, a message given twice (a caution of two components)
 * once. A warning names its line by id only: an id two lines share (duplicates, or a written id
 * that looks like a stand-in 「#3」) gets none rather than another line's.
 */
export function warningsByLine(
  report: Pick<Report, 'lines' | 'warnings'>,
): Map<string, ReportWarning[]> {
  const counts = new Map<string, number>();
  for (const line of report.lines) counts.set(line.id, (counts.get(line.id) ?? 0) + 1);
  const byLine = new Map<string, ReportWarning[]>();
  for (const warning of report.warnings) {
    if (warning.line === null || counts.get(warning.line) !== 1) continue;
    const shown = byLine.get(warning.line) ?? [];
    if (!shown.some((other) => other.message === warning.message)) shown.push(warning);
    byLine.set(warning.line, shown);
  }
  return byLine;
}
