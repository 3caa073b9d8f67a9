import type { Report } from '../schema/report.js';
import type { ReportLabels } from './report-labels.js';
import type { SheetCell, SheetSpec } from './report-sheets.js';
import { entityText, yenCell } from './sheet-cell-values.js';

/** The 償還予定 sheet's name: the 元利償還 schedule of each bond total (policy bondInterestRate). */
export const SCHEDULE_SHEET = '償還予定';

/**
 * The 償還予定 sheet, or null when no total carries a schedule: per bond total (団体 × 年度 × 措置 ×
 * 構成要素) one row per year of its term — 元金, 利子, 元利償還金 and that year's 交付税措置 — as the
 * JSON report's `totals[].schedule` holds them. Without it the workbook showed nothing of
 * the schedule the policy asked for, though 前提 says the totals show it.
 */
export function scheduleSheet(report: Report, labels: ReportLabels): SheetSpec | null {
  const scheduled = report.totals.filter((total) => total.schedule !== undefined);
  if (scheduled.length === 0) return null;
  const rows: SheetCell[][] = [];
  for (const total of scheduled) {
    const entity = entityText(total.entity, labels);
    const title = labels.measures.get(total.measure) ?? total.measure;
    const component =
      total.component === null
        ? null
        : (labels.components.get(`${total.measure}/${total.component}`) ?? total.component);
    for (const year of total.schedule ?? [])
      rows.push([
        entity,
        total.fiscalYear,
        title,
        component,
        total.bond === undefined ? null : yenCell(total.bond),
        year.year,
        yenCell(year.principal),
        yenCell(year.interest),
        yenCell(year.debtService),
        yenCell(year.taxMeasure),
      ]);
  }
  return {
    name: SCHEDULE_SHEET,
    columns: [
      { header: '団体', width: 14, format: 'wrap', verbatim: true },
      { header: '起債年度', width: 8, format: 'integer' },
      { header: '措置名', width: 24, format: 'wrap' },
      { header: '構成要素', width: 12, format: 'wrap' },
      { header: '起債額', width: 13, format: 'yen' },
      { header: '償還年次', width: 8, format: 'integer' },
      { header: '元金', width: 13, format: 'yen' },
      { header: '利子', width: 11, format: 'yen' },
      { header: '元利償還金', width: 13, format: 'yen' },
      {
        header: '交付税措置',
        width: 13,
        format: 'yen',
        note: '元利償還金 × 交付税措置率。年度ごとの累計を切り捨てた差（利率 0 なら合計が措置額と一致）',
      },
    ],
    rows,
  };
}
