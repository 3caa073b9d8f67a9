/// <reference lib="dom" />
import { KIND_LABELS, STATUS_LABELS } from '../schema/labels.js';
import { reasonText } from '../report/reason-text.js';
import type { Citation, ReportLine, ReportWarning } from '../schema/report.js';
import { warningBody } from '../report/warning-text.js';
import { timesRate } from '../compute/rate.js';
import { Yen } from '../core/yen.js';
import { el } from './dom.js';
import { formatYen } from './format-yen.js';
import { componentLabel } from './render-lines.js';
import type { LocatedError } from './worker-protocol.js';

function citation(cite: Citation): HTMLElement {
  return el(
    'figure',
    { class: 'citation' },
    el('blockquote', {}, cite.quote),
    el('figcaption', {}, `出典: ${cite.source}（${cite.lines}行目）`),
  );
}

function section(title: string, ...children: (Node | null)[]): HTMLElement | null {
  const shown = children.filter((child): child is Node => child !== null);
  return shown.length === 0 ? null : el('section', {}, el('h3', {}, title), ...shown);
}

/** Where an input error sits, in Japanese: "3行目・列「金額」". */
export function errorPlace(error: LocatedError): string {
  const parts = [
    error.sheetRow === undefined
      ? error.row === null
        ? ''
        : `${error.row}件目`
      : `${error.sheetRow}行目`,
    error.column === undefined ? `項目 ${error.field}` : `列「${error.column}」`,
  ].filter((part) => part !== '');
  return parts.join('・');
}

/** 「2,000,000円 × 0.9 = 1,800,000円」, a dash for what the line does not have. */
function product(value: string | null, rate: string | null, result: string | null): string {
  const text = `${formatYen(value) || '—'} × ${rate ?? '—'}`;
  if (value === null || rate === null || result === null)
    return `${text} = ${formatYen(result) || '—'}`;
  // The rate is applied to the group's running total and each line gets the difference of the
  // floors (按分): a line's own product may differ from its amount by a yen, which is said.
  const exact = timesRate(new Yen(value), rate).toDecimalPlaces(0, Yen.ROUND_FLOOR);
  if (exact.eq(result)) return `${text} = ${formatYen(result)}`;
  if (exact.minus(result).abs().lte(1))
    return `${text} ≒ ${formatYen(result)}（率は団体・年度・措置ごとの累計に掛けて切り捨て、各行にはその差を按分しています）`;
  // Held by a cap on the amount, a rounding unit, a 不交付団体: the reasons say which.
  return `${text}。措置額 ${formatYen(result)}（積と異なる理由は「理由」のとおり）`;
}

/**
 * A line's detail, shown on demand: its input errors and warnings, its reasons with the source
 * sentences they cite, the caps and parameters applied, missing facts, assumptions and
 * alternatives. `warnings`: the report's warnings that name this line (none when another line
 * shares its id: a warning names its line by id only).
 */
export function renderDetail(
  line: ReportLine,
  errors: readonly LocatedError[],
  titles: ReadonlyMap<string, string>,
  warnings: readonly ReportWarning[] = [],
): HTMLElement {
  const title = line.measure === null ? '—' : (titles.get(line.measure) ?? line.measure);
  const summary = el(
    'dl',
    { class: 'summary' },
    el('dt', {}, '判定'),
    el('dd', {}, STATUS_LABELS[line.status]),
    el('dt', {}, '措置'),
    el('dd', {}, title, line.component === null ? '' : `（${componentLabel(line, titles)}）`),
    el('dt', {}, '種別'),
    el('dd', {}, line.kind === null ? '—' : KIND_LABELS[line.kind]),
    // A local bond: 起債額 = 算定基礎額 × 充当率, and the 交付税措置 is on the 起債額.
    ...(line.bond === undefined
      ? [
          el('dt', {}, '算定基礎額・率・措置額'),
          el('dd', {}, product(line.base, line.rate, line.amount)),
        ]
      : [
          el('dt', {}, '算定基礎額・起債充当率・起債額'),
          el('dd', {}, product(line.base, line.bondRate ?? null, line.bond)),
          el('dt', {}, '起債額・交付税措置率・措置額'),
          el('dd', {}, product(line.bond, line.rate, line.amount)),
        ]),
  );
  const reasons =
    line.reasons.length === 0
      ? null
      : el(
          'ol',
          {},
          ...line.reasons.map((reason) =>
            el(
              'li',
              {},
              el('p', {}, reasonText(reason), el('code', {}, ` ${reason.code}`)),
              ...reason.citations.map(citation),
            ),
          ),
        );
  const list = (items: readonly string[]): HTMLElement | null =>
    items.length === 0 ? null : el('ul', {}, ...items.map((item) => el('li', {}, item)));
  return el(
    'div',
    {},
    el('h2', { id: 'detail-title', tabindex: -1 }, `明細 ${line.id}`),
    summary,
    section('入力エラー', list(errors.map((error) => `${errorPlace(error)}: ${error.message}`))),
    section(
      '注意',
      warnings.length === 0
        ? null
        : el(
            'ul',
            { 'data-testid': 'detail-warnings' },
            ...warnings.map((warning) =>
              el('li', {}, warningBody(warning), el('code', {}, ` ${warning.code}`)),
            ),
          ),
    ),
    section('理由', reasons),
    section('根拠（出典の文）', ...line.citations.map(citation)),
    section(
      '上限',
      list(
        line.caps.map(
          (cap) =>
            `${cap.label}: 上限 ${formatYen(cap.limit)}、残り ${formatYen(cap.headroom)}${cap.binding ? '（この上限で額が決まりました）' : ''}`,
        ),
      ),
    ),
    section('用いた値', list(line.parameters.map((p) => `${p.label}: ${p.value}`))),
    section('不足している事実', list([...line.missingFacts])),
    section('前提', list([...line.assumptions])),
    section(
      'ほかの候補',
      list(
        line.alternatives.map(
          (alternative) =>
            `${titles.get(alternative.measure) ?? alternative.measure}: ${STATUS_LABELS[alternative.status]}`,
        ),
      ),
    ),
  );
}
