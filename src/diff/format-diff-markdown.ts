import { STATUS_LABELS } from '../schema/labels.js';
import { describeRuleChange, yenText } from './describe-rule-change.js';
import type { CorpusDiff, FileDiff } from './diff-corpus.js';
import { componentText, measureText, type DiffLabels } from './diff-labels.js';
import type { FieldChange, LineChange, YenDelta } from './diff-reports.js';
import { attributionTexts, describeSchedule, fieldValue } from './format-diff-text.js';
import { signedYen } from './format-yen.js';

/** Lets a CI job find and update its own earlier comment instead of adding a new one. */
export const MARKDOWN_MARKER = '<!-- kofuzei-diff -->';

/** GitHub refuses comments over 65,536 characters; stay well below. */
const MAX_LENGTH = 60_000;
const MAX_RULE_CHANGES = 50;
/** Room kept for the note that counts the files left out. */
const NOTE_ROOM = 200;

/** Table cells and list items: no pipe, newline or HTML may break out of them. */
function cell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function yenDelta(delta: YenDelta | null): string {
  if (delta === null) return '';
  if (delta.delta === '0') return yenText(delta.after);
  return `${yenText(delta.before)} → **${yenText(delta.after)}**（${signedYen(delta.delta)}円）`;
}

function fieldCell(
  labels: DiffLabels,
  line: LineChange,
  field: FieldChange['field'],
  fallback: string,
): string {
  const change = line.changes.find((candidate) => candidate.field === field);
  if (change === undefined) return fallback;
  const value = (text: string | null): string => cell(fieldValue(labels, line, field, text));
  const delta = change.delta === undefined ? '' : `（${signedYen(change.delta)}円）`;
  return `${value(change.before)} → **${value(change.after)}**${delta}`;
}

/** The note under a table that shows `shown` of its `count` rows. */
function leftOut(what: '明細' | '集計', count: number, shown: number): string {
  const head =
    shown === 0
      ? `変更のあった${what} ${count}件は`
      : `変更のあった${what} ${count}件のうち ${shown}件を表示。残りの ${count - shown}件は`;
  return `_${head}、コメントが長くなりすぎるため省略。すべては \`kofuzei diff --format json\` で。_`;
}

/**
 * One file's collapsible section with the first `rows` of its changed lines, then of its changed
 * totals (all by default), each table followed by a note of how many rows it leaves out.
 */
function fileDetails(
  diff: CorpusDiff,
  labels: DiffLabels,
  file: FileDiff,
  rows = file.lines.length + file.totals.length,
): string {
  const shown = Math.min(rows, file.lines.length);
  const totalsShown = Math.min(rows - shown, file.totals.length);
  // A bond column only where a bond changed: most measures have none.
  const lineBond = file.lines.some((line) =>
    line.changes.some((change) => change.field === 'bond'),
  );
  const totalBond = file.totals.some((total) => total.bond !== null);
  const totalSchedule = file.totals.some((total) => total.schedule !== null);
  const out: string[] = [];
  // One line: every line a person reads carries Japanese (the closing tag alone is markup).
  out.push(
    `<details><summary><code>${cell(file.path)}</code>：明細 ${file.lines.length}件、集計 ${file.totals.length}件が変更</summary>`,
  );
  // No table when none of the lines fits (the note below counts them all).
  if (shown > 0) {
    out.push('');
    out.push(
      `| 明細 | 団体 | 年度 | 判定 | 措置 | 構成要素 | 対象経費 | 措置額 |${lineBond ? ' 起債額 |' : ''} 原因の規則変更 |`,
    );
    out.push(
      `| --- | --- | --- | --- | --- | --- | ---: | ---: |${lineBond ? ' ---: |' : ''} --- |`,
    );
    for (const line of file.lines.slice(0, shown)) {
      const causes = attributionTexts(diff, labels, line).map(cell).join('<br>');
      const unchanged = (field: FieldChange['field'], value: string | null): string =>
        value === null ? '—' : cell(fieldValue(labels, line, field, value));
      const cells = [
        cell(line.id),
        line.entity ?? '',
        line.fiscalYear === null ? '' : `${line.fiscalYear}年度`,
        fieldCell(labels, line, 'status', STATUS_LABELS[line.status]),
        fieldCell(labels, line, 'measure', unchanged('measure', line.measure)),
        fieldCell(labels, line, 'component', unchanged('component', line.component)),
        fieldCell(labels, line, 'base', ''),
        fieldCell(labels, line, 'amount', ''),
        ...(lineBond ? [fieldCell(labels, line, 'bond', '')] : []),
        causes,
      ];
      out.push(`| ${cells.join(' | ')} |`);
    }
  }
  if (shown < file.lines.length) out.push('', leftOut('明細', file.lines.length, shown));
  if (totalsShown > 0) {
    out.push('');
    out.push(
      `| 集計（団体・年度・措置・構成要素） | 対象経費 | 措置額 |${totalBond ? ' 起債額 |' : ''}${totalSchedule ? ' 償還予定 |' : ''}`,
    );
    out.push(`| --- | ---: | ---: |${totalBond ? ' ---: |' : ''}${totalSchedule ? ' --- |' : ''}`);
    for (const total of file.totals.slice(0, totalsShown)) {
      const cells = [
        cell(
          [
            total.entity,
            `${total.fiscalYear}年度`,
            measureText(labels, total.measure),
            total.component === null ? '—' : componentText(labels, total.measure, total.component),
          ].join('・'),
        ),
        yenDelta(total.base),
        yenDelta(total.amount),
        ...(totalBond ? [yenDelta(total.bond)] : []),
        ...(totalSchedule
          ? [total.schedule === null ? '' : cell(describeSchedule(total.schedule))]
          : []),
      ];
      out.push(`| ${cells.join(' | ')} |`);
    }
  }
  if (totalsShown < file.totals.length)
    out.push('', leftOut('集計', file.totals.length, totalsShown));
  out.push('');
  out.push('</details>');
  return out.join('\n');
}

/**
 * The diff as a pull-request comment: a heading, the rule changes, a table of totals by measure,
 * then one collapsible section per changed file with its changed lines and totals.
 */
export function formatDiffMarkdown(diff: CorpusDiff, labels: DiffLabels): string {
  const out: string[] = [MARKDOWN_MARKER, '## kofuzei 差分（規則の変更と結果への影響）', ''];
  const { summary } = diff;
  const side = (rules: string, version: string): string =>
    `${code(rules)} (${code(version.slice(0, 12))})`;
  const headline = diff.changed
    ? `**ファイル ${summary.files}件のうち ${summary.changedFiles}件で明細 ${summary.changedLines}件、集計 ${summary.changedTotals}件が変更**`
    : `ファイル ${summary.files}件で**変更なし**`;
  out.push(
    `${headline}・規則 ${side(diff.base.rules, diff.base.rulesVersion)} → ${side(diff.head.rules, diff.head.rulesVersion)}`,
  );
  if (diff.ruleChanges.length > 0) {
    out.push('', `### 規則の変更（${diff.ruleChanges.length}件）`, '');
    for (const change of diff.ruleChanges.slice(0, MAX_RULE_CHANGES))
      out.push(`- ${cell(describeRuleChange(change, labels))}`);
    if (diff.ruleChanges.length > MAX_RULE_CHANGES)
      out.push(
        `- ほか ${diff.ruleChanges.length - MAX_RULE_CHANGES}件（すべては --format json で）`,
      );
  }
  if (!diff.changed) return `${out.join('\n')}\n`;
  out.push('', '### 措置別の合計', '');
  if (diff.measures.length === 0)
    out.push(
      '_措置の合計（対象経費・措置額・起債額）は変わらない（明細が移ったか、償還予定だけが変わった）。_',
    );
  else {
    const bond = diff.measures.some((measure) => measure.bond !== null);
    out.push(`| 措置 | 対象経費 | 措置額 |${bond ? ' 起債額 |' : ''}`);
    out.push(`| --- | ---: | ---: |${bond ? ' ---: |' : ''}`);
    for (const measure of diff.measures) {
      const cells = [
        cell(measureText(labels, measure.measure)),
        yenDelta(measure.base),
        yenDelta(measure.amount),
        ...(bond ? [yenDelta(measure.bond)] : []),
      ];
      out.push(`| ${cells.join(' | ')} |`);
    }
  }
  out.push('', '### 変更のあったファイル', '');
  let length = out.join('\n').length;
  for (const [index, file] of diff.files.entries()) {
    const details = fileDetails(diff, labels, file);
    // Room is kept for the note that would count the files after this one.
    const after = index === diff.files.length - 1 ? 0 : NOTE_ROOM;
    if (length + details.length + 2 + after <= MAX_LENGTH) {
      out.push(details, '');
      // The section and the empty line after it, each joined by a newline.
      length += details.length + 2;
      continue;
    }
    // The file that does not fit shows as many of its lines as fit (a first file of thousands of
    // changed lines used to leave the comment with no file at all), and the files after it are
    // counted.
    const partial = fittingDetails(diff, labels, file, MAX_LENGTH - length - NOTE_ROOM);
    if (partial !== null) out.push(partial, '');
    const left = diff.files.length - index - (partial === null ? 0 : 1);
    if (left > 0)
      out.push(
        `_ほか ${left}件の変更のあったファイルは、コメントが長くなりすぎるため省略。すべては \`kofuzei diff --format json\` で。_`,
      );
    break;
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The file's section with the most of its rows that fits in `room` characters; null if none does. */
function fittingDetails(
  diff: CorpusDiff,
  labels: DiffLabels,
  file: FileDiff,
  room: number,
): string | null {
  const none = fileDetails(diff, labels, file, 0);
  if (none.length + 2 > room) return null;
  // Binary search: the section grows with the rows it shows.
  let fits = 0;
  let tooMany = file.lines.length + file.totals.length;
  while (tooMany - fits > 1) {
    const middle = Math.floor((fits + tooMany) / 2);
    if (fileDetails(diff, labels, file, middle).length + 2 <= room) fits = middle;
    else tooMany = middle;
  }
  return fits === 0 ? none : fileDetails(diff, labels, file, fits);
}
