/// <reference lib="dom" />
import type { Report } from '../schema/report.js';
import { warningText } from '../report/warning-text.js';
import { el } from './dom.js';
import { errorPlace } from './render-detail.js';
import type { LocatedError } from './worker-protocol.js';

/** The assumptions the rules used, the report's warnings, and the input errors with row and column. */
export function renderNotes(report: Report, errors: readonly LocatedError[]): HTMLElement {
  return el(
    'div',
    {},
    el('h2', { id: 'errors-h' }, `入力エラー（${errors.length}件）`),
    errors.length === 0
      ? el('p', {}, '入力エラーはありません。')
      : el(
          'ul',
          { 'data-testid': 'input-errors' },
          ...errors.map((error) =>
            el('li', {}, `明細 ${error.line ?? '—'}（${errorPlace(error)}）: ${error.message}`),
          ),
        ),
    el('h2', {}, `注意（${report.warnings.length}件）`),
    report.warnings.length === 0
      ? el('p', {}, '注意事項はありません。')
      : el(
          'ul',
          { 'data-testid': 'warnings' },
          ...report.warnings.map((warning) =>
            el('li', {}, warningText(warning), el('code', {}, ` ${warning.code}`)),
          ),
        ),
    el('h2', {}, '判定の前提'),
    el(
      'dl',
      { 'data-testid': 'assumptions' },
      ...report.assumptions.flatMap((assumption) => [
        el('dt', {}, `${assumption.title}（${assumption.id}）`),
        el('dd', {}, assumption.text),
      ]),
      el('dt', {}, 'ルール版（rulesVersion）'),
      el('dd', {}, report.rulesVersion),
    ),
  );
}
