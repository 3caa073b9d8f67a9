/// <reference lib="dom" />
import { KIND_LABELS, STATUS_LABELS } from '../schema/labels.js';
import { LINE_STATUSES, type LineStatus, type ReportLine } from '../schema/report.js';
import { el } from './dom.js';
import { formatYen } from './format-yen.js';

/** Rows added per slice of the main thread: a 10,000-line table is built without a long freeze. */
const ROWS_PER_SLICE = 400;

const HEADERS = [
  '行',
  '明細ID',
  '団体',
  '年度',
  '判定',
  '措置',
  '種別',
  '算定基礎額',
  // A local bond's amount is its 起債額 × 率, not 算定基礎額 × 率.
  '起債額',
  '率',
  '措置額',
  '詳細',
];

/**
 * A line's component as the 集計 names it (「①任用等経費」), from `titles` keyed "measure/component";
 * its id where the rules give no label.
 */
export function componentLabel(line: ReportLine, titles: ReadonlyMap<string, string>): string {
  return titles.get(`${line.measure ?? ''}/${line.component ?? ''}`) ?? line.component ?? '';
}

/** What the 明細 table needs besides the lines. */
export interface LineTableContext {
  readonly titles: ReadonlyMap<string, string>;
  readonly onDetail: (line: ReportLine, position: number) => void;
}

function lineRow(
  line: ReportLine,
  position: number,
  context: LineTableContext,
): HTMLTableRowElement {
  const title = line.measure === null ? '' : (context.titles.get(line.measure) ?? line.measure);
  // The row the clerk sees: the sheet row for xlsx and CSV, the position in lines for JSON.
  const row = line.row;
  return el(
    'tr',
    {
      'data-line-id': line.id,
      'data-status': line.status,
      'data-measure': line.measure ?? '',
      'data-amount': line.amount ?? '',
    },
    el('td', { class: 'num' }, String(row)),
    el('td', { class: 'id' }, line.id),
    el('td', {}, line.entity ?? ''),
    el('td', { class: 'num' }, line.fiscalYear === null ? '' : String(line.fiscalYear)),
    el('td', { class: `status status-${line.status}` }, STATUS_LABELS[line.status]),
    el(
      'td',
      {},
      title,
      line.component === null ? '' : `（${componentLabel(line, context.titles)}）`,
    ),
    el('td', {}, line.kind === null ? '' : KIND_LABELS[line.kind]),
    el('td', { class: 'num' }, formatYen(line.base)),
    el('td', { class: 'num' }, formatYen(line.bond ?? null)),
    el('td', { class: 'num' }, line.rate ?? ''),
    el('td', { class: 'num' }, formatYen(line.amount)),
    el(
      'td',
      {},
      el(
        'button',
        {
          type: 'button',
          class: 'detail',
          'aria-label': `明細 ${line.id} の理由と根拠`,
          onclick: () => {
            context.onDetail(line, position);
          },
        },
        '理由・根拠',
      ),
    ),
  );
}

/** The status filter: radio buttons (keyboard operable) that show one status or all. */
export function renderStatusFilter(
  lines: readonly ReportLine[],
  table: HTMLTableElement,
): HTMLElement {
  const counts = new Map<LineStatus, number>();
  for (const line of lines) counts.set(line.status, (counts.get(line.status) ?? 0) + 1);
  const option = (value: string, label: string, checked: boolean): HTMLElement =>
    el(
      'label',
      { class: 'filter' },
      el('input', {
        type: 'radio',
        name: 'status-filter',
        value,
        checked,
        'data-testid': `filter-${value}`,
        onchange: () => {
          table.setAttribute('data-filter', value);
        },
      }),
      label,
    );
  return el(
    'fieldset',
    { class: 'filters' },
    el('legend', {}, '表示する判定'),
    option('all', `すべて（${lines.length}）`, true),
    ...LINE_STATUSES.map((status) =>
      option(status, `${STATUS_LABELS[status]}（${counts.get(status) ?? 0}）`, false),
    ),
  );
}

/**
 * The 明細 table, one `tr[data-line-id]` a line with data-status, data-measure and data-amount
 * (the DOM contract). Rows are added a slice at a time, yielding to the browser between slices;
 * resolves once every line is in the table.
 */
export async function renderLines(
  lines: readonly ReportLine[],
  context: LineTableContext,
  onProgress: (done: number) => void,
): Promise<HTMLTableElement> {
  const body = el('tbody');
  const table = el(
    'table',
    { 'data-testid': 'lines', 'data-filter': 'all' },
    el('caption', {}, '明細（1行に1件。「理由・根拠」で判定理由と出典の文を表示）'),
    el('thead', {}, el('tr', {}, ...HEADERS.map((header) => el('th', { scope: 'col' }, header)))),
    body,
  );
  for (let start = 0; start < lines.length; start += ROWS_PER_SLICE) {
    const fragment = document.createDocumentFragment();
    const end = Math.min(lines.length, start + ROWS_PER_SLICE);
    for (let position = start; position < end; position += 1) {
      const line = lines[position];
      if (line !== undefined) fragment.append(lineRow(line, position, context));
    }
    body.append(fragment);
    onProgress(end);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return table;
}
