// Long file: the result sheets share the 明細 column letters that the 集計 SUMIF formulas refer to.
import { isFractionRate } from '../compute/rate.js';
import { reasonText } from '../report/reason-text.js';
import { CODES } from '../core/codes.js';
import { Yen } from '../core/yen.js';
import { KIND_LABELS, STATUS_LABELS } from '../schema/labels.js';
import type { Report, ReportLine } from '../schema/report.js';
import { printableText } from './cell-text.js';
import { EVIDENCE_SHEET, evidenceSheet } from './evidence-sheet.js';
import { SCHEDULE_SHEET, scheduleSheet } from './schedule-sheet.js';
import { entityText, yenCell } from './sheet-cell-values.js';
import { columnLetter, FIELD_COLUMNS } from './ledger-columns.js';
import { asReportLabels, type ReportLabels } from './report-labels.js';
import { warningsByLine } from '../report/warnings-by-line.js';

/** A cell of a result sheet: a value, or a formula with the value kofuzei computed for it. */
export type SheetCell =
  string | number | null | { readonly formula: string; readonly value: number };

export interface SheetColumn {
  readonly header: string;
  readonly width: number;
  readonly format: 'text' | 'yen' | 'rate' | 'integer' | 'wrap';
  readonly note?: string;
  readonly hidden?: boolean;
  /** The ledger's own words (摘要): copied as typed, not made printable. */
  readonly verbatim?: boolean;
}

export interface SheetSpec {
  readonly name: string;
  readonly columns: readonly SheetColumn[];
  readonly rows: readonly (readonly SheetCell[])[];
  /** Rows (0-based, after the header) to show in bold, e.g. a grand total. */
  readonly boldRows?: readonly number[];
}

/** The result sheets' names; a spreadsheet wrapper must not take a ledger sheet of these names for its own. */
export const RESULT_SHEET_NAMES = {
  lines: '明細',
  totals: '集計',
  schedule: SCHEDULE_SHEET,
  evidence: EVIDENCE_SHEET,
  assumptions: '前提',
  errors: 'エラー',
} as const;

const APPORTIONED = '按分（集計で検算）';
const APPORTION_NOTE =
  '率は 団体×年度×措置 ごとの累計額に適用し、各行には累計の切捨て額の差を配分します（按分）。' +
  '行ごとの INT(基礎額×率) と1円違うことがあるため、式は一致する行にだけ置き、' +
  '集計シートで団体×年度×措置ごとに INT(算定基礎額合計×率) と照合します。';

/** Integer yen as a spreadsheet number (exact below 2^53), else kept as text. */
function rateCell(rate: string | null | undefined): SheetCell {
  if (rate === null || rate === undefined) return null;
  // A fraction ("2/3") stays text: a float cell would make INT() audit formulas inexact.
  return isFractionRate(rate) ? rate : Number(rate);
}

/** floor(value × rate), or null where a spreadsheet formula could not recompute it exactly. */
function floorProduct(value: string, rate: string): string | null {
  // The audit formula rounds the product to 6 decimals before INT (see lineCheck): exact only
  // for a rate of at most 6 decimals; any other rate gets no formula.
  if (isFractionRate(rate) || new Yen(rate).decimalPlaces() > 6) return null;
  return new Yen(value).times(new Yen(rate)).toDecimalPlaces(0, Yen.ROUND_FLOOR).toString();
}

function groupKey(
  entity: string,
  fiscalYear: number,
  measure: string,
  component: string | null,
): string {
  return `${entity}/${fiscalYear}/${measure}/${component ?? ''}`;
}

function limitText(text: string): string {
  return text.length > 32_000 ? `${text.slice(0, 32_000)}…` : text;
}

/**
 * The 明細 columns a clerk reviews on paper (about 12, so an A4 landscape page stays legible);
 * citations, cap details and parameters are on the 根拠 sheet, keyed by 明細ID. 起債額 is shown only
 * when the report has a local-bond line; 集計キー is hidden (the 集計 SUMIF formulas read it).
 */
const LINE_COLUMNS = [
  { key: 'id', header: '明細ID', width: 8, format: 'text', verbatim: true },
  { key: 'entity', header: '団体', width: 14, format: 'wrap', verbatim: true },
  { key: 'fiscalYear', header: '年度', width: 6, format: 'integer' },
  { key: 'status', header: '判定', width: 8, format: 'wrap' },
  { key: 'title', header: '措置名', width: 20, format: 'wrap' },
  { key: 'component', header: '構成要素', width: 12, format: 'wrap' },
  { key: 'costType', header: '経費区分', width: 13, format: 'wrap' },
  { key: 'claimed', header: '申請額', width: 12, format: 'yen' },
  { key: 'base', header: '算定基礎額', width: 12, format: 'yen' },
  { key: 'rate', header: '率', width: 6, format: 'rate' },
  { key: 'bond', header: '起債額', width: 12, format: 'yen' },
  { key: 'amount', header: '措置額', width: 12, format: 'yen' },
  { key: 'check', header: '検算', width: 12, format: 'yen', note: APPORTION_NOTE },
  { key: 'reasons', header: '理由', width: 28, format: 'wrap' },
  { key: 'key', header: '集計キー', width: 30, format: 'text', hidden: true },
] as const satisfies readonly (SheetColumn & { key: string })[];

type LineKey = (typeof LINE_COLUMNS)[number]['key'];
type LineColumn = (typeof LINE_COLUMNS)[number];

/** The 明細 columns of a report: 起債額 only where a line has one. */
function lineColumns(report: Report): readonly LineColumn[] {
  const bonds = report.lines.some((line) => line.bond !== undefined);
  return LINE_COLUMNS.filter((column) => column.key !== 'bond' || bonds);
}

type Letters = (key: LineKey) => string;

function lettersOf(columns: readonly LineColumn[]): Letters {
  return (key) => columnLetter(columns.findIndex((column) => column.key === key));
}

/** The line's audit formula where it recomputes the amount exactly; else why not. */
function lineCheck(line: ReportLine, row: number, letterOf: Letters): SheetCell {
  if (
    line.status !== 'eligible' ||
    line.rate === null ||
    line.amount === null ||
    line.base === null
  )
    return null;
  const [from, value] = line.bond === undefined ? ['base', line.base] : ['bond', line.bond];
  const amount = yenCell(line.amount);
  if (typeof amount === 'number' && floorProduct(value, line.rate) === line.amount)
    return {
      // ROUND first: 11000*0.7 is 7699.999… in binary, and a spreadsheet's INT of it may give
      // 7699 where the exact product is 7700; a rate has at most a few decimals, so 6 is exact.
      formula: `INT(ROUND(${letterOf(from as LineKey)}${row}*${letterOf('rate')}${row},6))`,
      value: amount,
    };
  return APPORTIONED;
}

/**
 * How the 明細 理由 cell names a line's warnings: each code's headline and the sheet that has the
 * messages (a workbook), or each message itself (a CSV, which has no other sheet).
 */
export type WarningNotes = 'headline' | 'message';

/**
 * Each line's warnings as its 理由 cell names them, before its reasons: a clerk reading 明細 on
 * paper sees that a line is to be checked (a line that may still change, a receipt not deducted)
 * without the エラー sheet beside it (warningsByLine: none for an id two lines share).
 */
function warningNotes(report: Report, form: WarningNotes): Map<string, string[]> {
  const notes = new Map<string, string[]>();
  for (const [line, warnings] of warningsByLine(report)) {
    // A headline is a code's: two warnings of one code are one note.
    const list = [
      ...new Set(
        warnings.map(
          (warning) => `【注意】${form === 'headline' ? CODES[warning.code].ja : warning.message}`,
        ),
      ),
    ];
    if (form === 'headline') list.push(`（注意の詳細は「${RESULT_SHEET_NAMES.errors}」シート）`);
    notes.set(line, list);
  }
  return notes;
}

/** The 明細 sheet: one row per report line, in ledger order. */
function lineSheet(report: Report, labels: ReportLabels, form: WarningNotes): SheetSpec {
  const columns = lineColumns(report);
  const letterOf = lettersOf(columns);
  const notes = warningNotes(report, form);
  const rows = report.lines.map((line, index) => {
    const row = index + 2;
    const costType = labels.lineCostTypes.get(line.row);
    const cells: Record<LineKey, SheetCell> = {
      id: line.id,
      entity: entityText(line.entity, labels),
      fiscalYear: line.fiscalYear,
      status: STATUS_LABELS[line.status],
      title: line.measure === null ? null : (labels.measures.get(line.measure) ?? line.measure),
      component:
        line.measure === null || line.component === null
          ? null
          : (labels.components.get(`${line.measure}/${line.component}`) ?? line.component),
      costType: costType === undefined ? null : (labels.costTypes.get(costType) ?? costType),
      claimed: yenCell(line.claimed),
      base: yenCell(line.base),
      rate: rateCell(line.rate),
      bond: yenCell(line.bond),
      amount: yenCell(line.amount),
      check: lineCheck(line, row, letterOf),
      reasons: limitText(
        [...(notes.get(line.id) ?? []), ...line.reasons.map(reasonText)].join('\n'),
      ),
      key:
        line.status === 'eligible' &&
        line.measure !== null &&
        line.entity !== null &&
        line.fiscalYear !== null
          ? groupKey(line.entity, line.fiscalYear, line.measure, line.component)
          : null,
    };
    return columns.map((column) => {
      const cell = cells[column.key];
      return cell === '' ? null : cell;
    });
  });
  return { name: RESULT_SHEET_NAMES.lines, columns, rows };
}

/** The 集計 sheet: per 団体 × 年度 × 措置, SUMIF formulas over 明細 and the rate check per group. */
function totalSheet(report: Report, labels: ReportLabels): SheetSpec {
  const titles = labels.measures;
  const letterOf = lettersOf(lineColumns(report));
  const last = report.lines.length + 1;
  const range = (key: LineKey): string => `'明細'!$${letterOf(key)}$2:$${letterOf(key)}$${last}`;
  const rates = new Map<string, Set<string>>();
  const bondRates = new Map<string, Set<string>>();
  for (const line of report.lines) {
    if (
      line.status !== 'eligible' ||
      line.measure === null ||
      line.entity === null ||
      line.fiscalYear === null
    )
      continue;
    const key = groupKey(line.entity, line.fiscalYear, line.measure, line.component);
    if (line.rate !== null) rates.set(key, (rates.get(key) ?? new Set()).add(line.rate));
    if (line.bondRate !== undefined)
      bondRates.set(key, (bondRates.get(key) ?? new Set()).add(line.bondRate));
  }
  const only = (set: Set<string> | undefined): string | null =>
    set !== undefined && set.size === 1 ? ([...set][0] ?? null) : null;
  const columns: SheetColumn[] = [
    // 措置ID stays (hidden) so the formulas' column letters stay put; people read 措置名.
    { header: '団体', width: 12, format: 'wrap', verbatim: true },
    { header: '年度', width: 6, format: 'integer' },
    { header: '措置ID', width: 22, format: 'text', hidden: true },
    { header: '措置名', width: 24, format: 'wrap' },
    { header: '構成要素', width: 12, format: 'wrap' },
    { header: '種別', width: 20, format: 'wrap' },
    { header: '件数', width: 5, format: 'integer' },
    { header: '算定基礎額', width: 13, format: 'yen' },
    { header: '率', width: 6, format: 'rate' },
    { header: '措置額', width: 13, format: 'yen' },
    {
      header: '検算',
      width: 13,
      format: 'yen',
      note: 'INT(算定基礎額×率)（地方債は INT(起債額×率)）。措置額と一致すれば差異は 0。',
    },
    { header: '差異', width: 8, format: 'yen' },
    { header: '起債充当率', width: 8, format: 'rate' },
    { header: '起債額', width: 13, format: 'yen' },
    { header: '集計キー', width: 30, format: 'text', hidden: true },
  ];
  const KEY = columnLetter(14);
  const rows: SheetCell[][] = report.totals.map((total, index) => {
    const row = index + 2;
    const key = groupKey(total.entity, total.fiscalYear, total.measure, total.component);
    const rate = only(rates.get(key));
    const sumOf = (column: LineKey, value: string): SheetCell => {
      const number = yenCell(value);
      return typeof number === 'number'
        ? { formula: `SUMIF(${range('key')},${KEY}${row},${range(column)})`, value: number }
        : number;
    };
    const amount = yenCell(total.amount);
    const checked = total.bond === undefined ? total.base : total.bond;
    let check: SheetCell = '—';
    let difference: SheetCell = null;
    if (
      rate !== null &&
      typeof amount === 'number' &&
      floorProduct(checked, rate) === total.amount
    ) {
      check = {
        formula: `INT(ROUND(${total.bond === undefined ? 'H' : 'N'}${row}*I${row},6))`,
        value: amount,
      };
      difference = { formula: `J${row}-K${row}`, value: 0 };
    }
    return [
      entityText(total.entity, labels),
      total.fiscalYear,
      total.measure,
      titles.get(total.measure) ?? total.measure,
      total.component === null
        ? null
        : (labels.components.get(`${total.measure}/${total.component}`) ?? total.component),
      KIND_LABELS[total.kind],
      { formula: `COUNTIF(${range('key')},${KEY}${row})`, value: total.lines },
      sumOf('base', total.base),
      rateCell(rate),
      sumOf('amount', total.amount),
      check,
      difference,
      rateCell(only(bondRates.get(key))),
      total.bond === undefined ? null : sumOf('bond', total.bond),
      key,
    ];
  });
  // One total per kind: 普通交付税 estimates, 特別交付税, 地方債 … are never added together.
  const boldRows: number[] = [];
  const end = rows.length + 1;
  const kinds = [...new Set(report.totals.map((total) => total.kind))];
  for (const kind of kinds) {
    const label = KIND_LABELS[kind];
    const ofKind = report.totals.filter((total) => total.kind === kind);
    const criterion = `F2:F${end},${JSON.stringify(label)}`;
    const sum = (letter: string, values: readonly (string | undefined)[]): SheetCell => {
      const total = values.reduce(
        (acc, value) => (value === undefined ? acc : acc.plus(value)),
        new Yen(0),
      );
      const number = yenCell(total.toString());
      return typeof number === 'number'
        ? { formula: `SUMIF(${criterion},${letter}2:${letter}${end})`, value: number }
        : number;
    };
    boldRows.push(rows.length);
    rows.push([
      `合計（${label}）`,
      null,
      null,
      null,
      null,
      label,
      {
        formula: `SUMIF(${criterion},G2:G${end})`,
        value: ofKind.reduce((n, total) => n + total.lines, 0),
      },
      sum(
        'H',
        ofKind.map((total) => total.base),
      ),
      null,
      sum(
        'J',
        ofKind.map((total) => total.amount),
      ),
      null,
      null,
      null,
      ofKind.some((total) => total.bond !== undefined)
        ? sum(
            'N',
            ofKind.map((total) => total.bond),
          )
        : null,
      null,
    ]);
  }
  return { name: RESULT_SHEET_NAMES.totals, columns, rows, boldRows };
}

function assumptionSheet(report: Report): SheetSpec {
  return {
    name: RESULT_SHEET_NAMES.assumptions,
    columns: [
      { header: '項目', width: 14, format: 'text' },
      { header: '名称', width: 30, format: 'wrap' },
      { header: '内容', width: 90, format: 'wrap' },
    ],
    rows: [
      ['ルール版', 'ルールの版（rulesVersion、sha256）', report.rulesVersion],
      ['報告形式', '報告形式の版（schemaVersion）', String(report.schemaVersion)],
      ['按分', '率の適用方法', APPORTION_NOTE],
      ...report.assumptions.map((assumption) => [assumption.id, assumption.title, assumption.text]),
    ],
  };
}

/** A ledger field as people read it: its column header (a fact: its glossary label), the field in brackets. */
function fieldText(field: string, labels: ReportLabels): string {
  const fact = field.startsWith('facts.')
    ? labels.facts.get(field.slice('facts.'.length))
    : undefined;
  const label = fact ?? FIELD_COLUMNS.find((column) => column.field === field)?.label;
  return label === undefined ? field : `${label}（${field}）`;
}

/** 団体名 beside 団体コード; the code alone when the ledger names no entity. */
function entityCell(code: string | null, labels: ReportLabels): string | null {
  if (code === null) return null;
  const name = labels.entities.get(code);
  return name === undefined || name === '' ? code : `${name}（${code}）`;
}

function errorSheet(report: Report, labels: ReportLabels): SheetSpec {
  return {
    name: RESULT_SHEET_NAMES.errors,
    columns: [
      { header: '区分', width: 8, format: 'text' },
      { header: '明細ID', width: 12, format: 'text', verbatim: true },
      { header: '行', width: 6, format: 'integer' },
      { header: '団体', width: 16, format: 'wrap', verbatim: true },
      { header: '項目', width: 24, format: 'wrap' },
      { header: '期待される値', width: 30, format: 'wrap' },
      { header: '入力値', width: 20, format: 'wrap', verbatim: true },
      { header: 'メッセージ', width: 60, format: 'wrap' },
    ],
    rows: [
      ...report.errors.map((error) => [
        'エラー',
        error.line,
        error.row,
        entityCell(error.entity, labels),
        fieldText(error.field, labels),
        error.expected,
        error.received,
        error.message,
      ]),
      // The catalogue's Japanese headline, the stable code in brackets (docs/codes.md lists it).
      ...report.warnings.map((warning) => [
        '注意',
        warning.line,
        null,
        null,
        `${CODES[warning.code].ja}（${warning.code}）`,
        null,
        null,
        warning.message,
      ]),
    ],
  };
}

/**
 * The result workbook's sheets as data, the same for xlsx and Google Sheets: 明細 (the columns a
 * clerk reviews on paper), 集計 (SUMIF formulas and a rate check per group), 根拠 (citations, caps
 * and parameters per 明細ID), 前提 and エラー. `labels` (or, as before, a map of measure titles)
 * replaces ids with Japanese names; `warnings` says how 明細 names each line's warnings. Every
 * formula carries the value kofuzei computed, so a spreadsheet's recalculation can be compared
 * with it.
 */
export function reportSheets(
  report: Report,
  labels?: ReadonlyMap<string, string> | Partial<ReportLabels>,
  warnings: WarningNotes = 'headline',
): SheetSpec[] {
  const known = asReportLabels(labels);
  return [
    lineSheet(report, known, warnings),
    totalSheet(report, known),
    // Only when the policy asked for the bond schedule (bondInterestRate).
    ...[scheduleSheet(report, known)].filter((sheet) => sheet !== null),
    evidenceSheet(report, known),
    assumptionSheet(report),
    errorSheet(report, known),
  ]
    .map(printable)
    .map(fitYenColumns);
}

/** Width of a yen as the sheet shows it (`#,##0"円"`): 円 is two columns wide. */
function yenWidth(cell: SheetCell): number {
  const value = typeof cell === 'object' && cell !== null ? cell.value : cell;
  if (value === null || value === '') return 0;
  const digits = String(value).replace(/[^0-9]/g, '');
  const negative = String(value).startsWith('-') ? 1 : 0;
  return digits.length + Math.floor((digits.length - 1) / 3) + negative + 2;
}

/**
 * Yen columns widened to their widest amount: at the fixed widths a spreadsheet printed ¥1,000,000,000
 * and more as ###, hiding a prefecture's bond total on paper.
 */
function fitYenColumns(spec: SheetSpec): SheetSpec {
  return {
    ...spec,
    columns: spec.columns.map((column, index) => {
      if (column.format !== 'yen') return column;
      let widest = 0;
      for (const row of spec.rows) widest = Math.max(widest, yenWidth(row[index] ?? null));
      return widest + 1 > column.width ? { ...column, width: widest + 1 } : column;
    }),
  };
}

/** No markdown ** or tab in any cell, yen with separators (printableText), 摘要 as typed. */
function printable(spec: SheetSpec): SheetSpec {
  return {
    ...spec,
    rows: spec.rows.map((row) =>
      row.map((cell, index) =>
        typeof cell === 'string' && spec.columns[index]?.verbatim !== true
          ? printableText(cell)
          : cell,
      ),
    ),
  };
}
