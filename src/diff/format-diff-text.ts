import { STATUS_LABELS } from '../schema/labels.js';
import type { LineStatus } from '../schema/report.js';
import { describeRuleChange, yenText } from './describe-rule-change.js';
import type { CorpusDiff } from './diff-corpus.js';
import { componentText, measureText, type DiffLabels } from './diff-labels.js';
import type { FieldChange, LineChange, ScheduleChange, YenDelta } from './diff-reports.js';
import { signedYen } from './format-yen.js';

// The readable diff is for finance officers (docs/contract.md §2.6): Japanese, amounts in yen with
// separators, measures and components by label with the id in brackets. --format json keeps the
// English `text` of each change for machines.

/** The words the diff uses for a line's fields, as the result table names them. */
export const FIELD_NAMES: Readonly<Record<FieldChange['field'], string>> = {
  status: '判定',
  measure: '措置',
  component: '構成要素',
  base: '対象経費',
  amount: '措置額',
  bond: '起債額',
};

const NONE = 'なし';

function shortVersion(version: string): string {
  return version.slice(0, 12);
}

/** A field's value as people read it: a status word, a labelled measure or component, yen. */
export function fieldValue(
  labels: DiffLabels,
  line: LineChange,
  field: FieldChange['field'],
  value: string | null,
): string {
  if (value === null) return NONE;
  switch (field) {
    case 'status':
      return STATUS_LABELS[value as LineStatus];
    case 'measure':
      return measureText(labels, value);
    case 'component': {
      // The component belongs to the measure the line had on the same side.
      const measure =
        line.changes.find((change) => change.field === 'measure')?.[
          value === line.component ? 'after' : 'before'
        ] ?? line.measure;
      return measure === null ? value : componentText(labels, measure, value);
    }
    default:
      return yenText(value);
  }
}

export function describeFieldChange(
  labels: DiffLabels,
  line: LineChange,
  change: FieldChange,
): string {
  const value = (text: string | null): string => fieldValue(labels, line, change.field, text);
  const delta = change.delta === undefined ? '' : `（${signedYen(change.delta)}円）`;
  return `${FIELD_NAMES[change.field]} ${value(change.before)} → ${value(change.after)}${delta}`;
}

export function describeYenDelta(name: string, delta: YenDelta): string {
  if (delta.delta === '0') return `${name} ${yenText(delta.after)}（変更なし）`;
  return `${name} ${yenText(delta.before)} → ${yenText(delta.after)}（${signedYen(delta.delta)}円）`;
}

function describeSums(sums: { base: YenDelta; amount: YenDelta; bond: YenDelta | null }): string {
  return [
    describeYenDelta(FIELD_NAMES.base, sums.base),
    describeYenDelta(FIELD_NAMES.amount, sums.amount),
    ...(sums.bond === null ? [] : [describeYenDelta(FIELD_NAMES.bond, sums.bond)]),
  ].join('、');
}

/** A bond total's changed 元利償還 schedule: its years and the sums over them. */
export function describeSchedule(schedule: ScheduleChange): string {
  const { years } = schedule;
  return [
    years.before === years.after
      ? `償還予定 ${years.after}年（年ごとの額が変更）`
      : `償還予定 ${years.before}年 → ${years.after}年`,
    describeYenDelta('元金の合計', schedule.principal),
    describeYenDelta('利子の合計', schedule.interest),
    describeYenDelta('各年度の交付税措置の合計', schedule.taxMeasure),
  ].join('、');
}

/** A line's rule changes in Japanese: each attribution is the `text` of one of the rule changes. */
export function attributionTexts(diff: CorpusDiff, labels: DiffLabels, line: LineChange): string[] {
  const byText = new Map(diff.ruleChanges.map((change) => [change.text, change]));
  const texts = line.attribution.map((text) => {
    const change = byText.get(text);
    return change === undefined ? text : describeRuleChange(change, labels);
  });
  // The only note diffReports writes: no change of the line's own measures covers its year.
  if (line.note !== null)
    texts.push(
      'この明細の措置の規則変更のうち、この年度に及ぶものはない。同じ集計単位の他の明細（上限・人数枠）か用語集の変更による',
    );
  return texts;
}

/** The readable report of `kofuzei diff`: rule changes, then per file the changed lines and totals. */
export function formatDiffText(diff: CorpusDiff, labels: DiffLabels): string {
  const out: string[] = [];
  const { summary } = diff;
  const sides = `${diff.base.rules}（${shortVersion(diff.base.rulesVersion)}）→ ${diff.head.rules}（${shortVersion(diff.head.rulesVersion)}）`;
  if (!diff.changed && diff.ruleChanges.length === 0) {
    out.push(`変更なし：ファイル ${summary.files}件、規則 ${sides}`);
    return `${out.join('\n')}\n`;
  }
  out.push(`規則：${sides}`);
  out.push(`規則の変更（${diff.ruleChanges.length}件）：`);
  for (const change of diff.ruleChanges) out.push(`  ${describeRuleChange(change, labels)}`);
  if (!diff.changed) {
    out.push(`結果の変更なし：ファイル ${summary.files}件`);
    return `${out.join('\n')}\n`;
  }
  for (const file of diff.files) {
    out.push('');
    out.push(`${file.path}：明細 ${file.lines.length}件、集計 ${file.totals.length}件が変更`);
    for (const line of file.lines) {
      const where = [line.entity, line.fiscalYear === null ? null : `${line.fiscalYear}年度`]
        .filter((part) => part !== null)
        .join(' ');
      out.push(
        `  明細 ${line.id}（${line.row}行目${where === '' ? '' : `、${where}`}）：${line.changes.map((change) => describeFieldChange(labels, line, change)).join('、')}`,
      );
      for (const text of attributionTexts(diff, labels, line)) out.push(`    ← ${text}`);
    }
    for (const total of file.totals) {
      const group = [
        measureText(labels, total.measure),
        ...(total.component === null
          ? []
          : [componentText(labels, total.measure, total.component)]),
      ].join(' ');
      out.push(`  集計 ${total.entity} ${total.fiscalYear}年度 ${group}：${describeSums(total)}`);
      if (total.schedule !== null) out.push(`    ${describeSchedule(total.schedule)}`);
    }
  }
  out.push('');
  out.push('措置別の合計（全ファイル）：');
  if (diff.measures.length === 0)
    out.push('  変わらない（明細が移ったか、償還予定だけが変わった）');
  for (const measure of diff.measures)
    out.push(`  ${measureText(labels, measure.measure)}：${describeSums(measure)}`);
  out.push(
    `ファイル ${summary.files}件：変更あり ${summary.changedFiles}件、明細 ${summary.changedLines}件、集計 ${summary.changedTotals}件`,
  );
  return `${out.join('\n')}\n`;
}
