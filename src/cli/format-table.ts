import type { Report, ReportLine } from '../schema/report.js';
import { reasonText } from '../report/reason-text.js';
import { warningText } from '../report/warning-text.js';
import { displayWidth, pad } from '../core/display-width.js';
import { groupYen } from '../core/group-yen.js';
import { KIND_LABELS, STATUS_LABELS } from '../schema/labels.js';
import { NO_LABELS, type ReportLabels } from '../spreadsheet/report-labels.js';
import { terminalText } from './terminal-text.js';

/** 1234567 → "1,234,567" (on the integer string; no float ever touches the amount). */
export function groupDigits(yen: string | null | undefined): string {
  return yen === null || yen === undefined ? '' : groupYen(yen);
}

/** Every cell escaped for the terminal first, so the widths are those of what is shown. */
function table(
  rawHeaders: readonly string[],
  rawRows: readonly (readonly string[])[],
  right: ReadonlySet<number>,
): string {
  const headers = rawHeaders.map(terminalText);
  const rows = rawRows.map((row) => row.map(terminalText));
  const widths = headers.map((header, column) =>
    Math.max(...[header, ...rows.map((row) => row[column] ?? '')].map(displayWidth)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => pad(cell, widths[column] ?? 0, right.has(column) ? 'right' : 'left'))
      .join('  ')
      .trimEnd();
  return [
    line(headers),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map(line),
  ].join('\n');
}

/** A fact as people read it: 「label（id）」, the id telling which ledger column to fill. */
function factText(labels: ReportLabels, id: string): string {
  const label = labels.facts.get(id);
  return label === undefined ? id : `${label}（${id}）`;
}

/** 措置名, and 構成要素 after a slash; the ids only when the rule set does not name them. */
function measureText(labels: ReportLabels, measure: string, component: string | null): string {
  const title = labels.measures.get(measure) ?? measure;
  if (component === null) return title;
  return `${title}/${labels.components.get(`${measure}/${component}`) ?? component}`;
}

/** 団体名（団体コード）, or the code alone when the ledger gives no name. */
function entityText(labels: ReportLabels, code: string): string {
  const name = labels.entities.get(code);
  return name === undefined || name === '' ? code : `${name}（${code}）`;
}

function note(line: ReportLine, labels: ReportLabels): string {
  const reason = line.reasons[0];
  const facts = (ids: readonly string[]): string =>
    ids.map((id) => factText(labels, id)).join('、');
  // The first reason is the one that decided the line (decisions.md §1.3), a missing fact included.
  if (line.status === 'undetermined' && line.missingFacts.length > 0 && reason === undefined)
    return `不足: ${facts(line.missingFacts)}`;
  const capped = line.caps.find((cap) => cap.binding);
  if (line.status === 'eligible' && capped !== undefined) return `上限: ${capped.label}`;
  if (line.unneededFacts !== undefined && line.unneededFacts.length > 0)
    return `判定に不要だった未入力項目: ${facts(line.unneededFacts)}`;
  if (reason !== undefined)
    return (
      reasonText(reason) + (line.reasons.length > 1 ? ` ほか${line.reasons.length - 1}件` : '')
    );
  return '';
}

/**
 * The report as readable Japanese tables: lines, totals, then assumptions, warnings and errors.
 * Each field is escaped with terminalText (ledger text reaches a terminal), the newlines between
 * rows are the table's own.
 */
export function formatTable(report: Report, labels: ReportLabels = NO_LABELS): string {
  const lineRows = report.lines.map((line) => [
    line.id,
    line.entity === null ? '' : entityText(labels, line.entity),
    line.fiscalYear === null ? '' : String(line.fiscalYear),
    STATUS_LABELS[line.status],
    line.measure === null ? '' : measureText(labels, line.measure, line.component),
    groupDigits(line.claimed),
    groupDigits(line.base),
    line.rate ?? '',
    groupDigits(line.amount),
    groupDigits(line.bond),
    note(line, labels),
  ]);
  const parts = [
    '明細',
    table(
      [
        'ID',
        '団体',
        '年度',
        '判定',
        '措置',
        '計上額',
        '対象経費',
        '率',
        '措置額',
        '起債額',
        '備考',
      ],
      lineRows,
      new Set([5, 6, 8, 9]),
    ),
  ];
  if (report.totals.length > 0) {
    parts.push(
      '',
      '集計（団体 × 年度 × 措置）',
      table(
        ['団体', '年度', '措置', '種別', '対象経費', '措置額', '起債額', '行数'],
        report.totals.map((total) => [
          entityText(labels, total.entity),
          String(total.fiscalYear),
          measureText(labels, total.measure, total.component),
          KIND_LABELS[total.kind],
          groupDigits(total.base),
          groupDigits(total.amount),
          groupDigits(total.bond),
          String(total.lines),
        ]),
        new Set([4, 5, 6, 7]),
      ),
    );
  }
  // The bond schedule the policy asked for (bondInterestRate, A-13), a row per year.
  const scheduled = report.totals.filter((total) => total.schedule !== undefined);
  if (scheduled.length > 0) {
    parts.push(
      '',
      '償還予定（地方債、元金均等・年1回償還）',
      table(
        ['団体', '起債年度', '措置', '年次', '元金', '利子', '元利償還金', '交付税措置'],
        scheduled.flatMap((total) =>
          (total.schedule ?? []).map((year) => [
            entityText(labels, total.entity),
            String(total.fiscalYear),
            measureText(labels, total.measure, total.component),
            String(year.year),
            groupDigits(year.principal),
            groupDigits(year.interest),
            groupDigits(year.debtService),
            groupDigits(year.taxMeasure),
          ]),
        ),
        new Set([3, 4, 5, 6, 7]),
      ),
    );
  }
  if (report.assumptions.length > 0) {
    parts.push(
      '',
      '前提（適用した仮定）',
      ...report.assumptions.map(
        (a) => `  ${terminalText(a.id)} ${terminalText(a.title)}: ${terminalText(a.text)}`,
      ),
    );
  }
  if (report.warnings.length > 0)
    parts.push(
      '',
      '注意',
      ...report.warnings.map((w) => `  [${terminalText(w.code)}] ${terminalText(warningText(w))}`),
    );
  if (report.errors.length > 0)
    parts.push('', 'エラー', ...report.errors.map((e) => `  ${terminalText(e.message)}`));
  return `${parts.join('\n')}\n`;
}
