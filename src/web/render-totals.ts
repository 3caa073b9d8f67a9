/// <reference lib="dom" />
import type { SheetCell, SheetColumn, SheetSpec } from '../spreadsheet/report-sheets.js';
import { el } from './dom.js';
import { formatYen } from './format-yen.js';

/** Audit columns of the workbook's 集計 (its formulas' own check) that the page leaves out. */
const WORKBOOK_ONLY = new Set(['検算', '差異']);

function cellText(cell: SheetCell | undefined, column: SheetColumn): string {
  if (cell === null || cell === undefined) return '';
  const value = typeof cell === 'object' ? cell.value : cell;
  // Yen cells are integers below 2^53 (larger ones stay text): String() keeps every digit.
  if (column.format === 'yen') return formatYen(String(value));
  return String(value);
}

/**
 * The 集計 table: the result workbook's 集計 sheet (団体 × 年度 × 措置, then one total row per kind;
 * 普通交付税 estimates are never added to 特別交付税), so the page and the workbook cannot differ.
 */
export function renderTotals(spec: SheetSpec): HTMLElement {
  const shown = spec.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.hidden !== true && !WORKBOOK_ONLY.has(column.header));
  const bold = new Set(spec.boldRows ?? []);
  const head = el(
    'tr',
    {},
    ...shown.map(({ column }) => el('th', { scope: 'col' }, column.header)),
  );
  const body = spec.rows.map((row, rowIndex) =>
    el(
      'tr',
      bold.has(rowIndex) ? { class: 'kind-total', 'data-kind-total': 'true' } : {},
      ...shown.map(({ column, index }) =>
        el(
          'td',
          column.format === 'yen' || column.format === 'integer' || column.format === 'rate'
            ? { class: 'num' }
            : {},
          cellText(row[index], column),
        ),
      ),
    ),
  );
  if (spec.rows.length === 0) return el('p', {}, '対象となった行がないため、集計はありません。');
  return el(
    'div',
    { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': '集計表' },
    el(
      'table',
      { 'data-testid': 'totals' },
      el(
        'caption',
        {},
        '集計（団体 × 年度 × 措置。種別ごとの合計は太字。種別の違う額は合算しません）',
      ),
      el('thead', {}, head),
      el('tbody', {}, ...body),
    ),
  );
}
