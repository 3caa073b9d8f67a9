import type { CorpusDiff, FileDiff } from './diff-corpus.js';
import type { FieldChange, LineChange, YenDelta } from './diff-reports.js';
import { groupYen, signedYen } from './format-yen.js';

/** Lets a CI job find and update its own earlier comment instead of adding a new one. */
export const MARKDOWN_MARKER = '<!-- kofuzei-diff -->';

/** GitHub refuses comments over 65,536 characters; stay well below. */
const MAX_LENGTH = 60_000;
const MAX_RULE_CHANGES = 50;

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
  if (delta.delta === '0') return groupYen(delta.after);
  return `${groupYen(delta.before)} → **${groupYen(delta.after)}** (${signedYen(delta.delta)})`;
}

function fieldCell(line: LineChange, field: FieldChange['field'], fallback: string): string {
  const change = line.changes.find((candidate) => candidate.field === field);
  if (change === undefined) return fallback;
  const money = field === 'base' || field === 'amount' || field === 'bond';
  const value = (text: string | null): string =>
    text === null ? '—' : money ? groupYen(text) : cell(text);
  const delta = change.delta === undefined ? '' : ` (${signedYen(change.delta)})`;
  return `${value(change.before)} → **${value(change.after)}**${delta}`;
}

function fileDetails(file: FileDiff): string {
  // A bond column only where a bond changed: most measures have none.
  const lineBond = file.lines.some((line) =>
    line.changes.some((change) => change.field === 'bond'),
  );
  const totalBond = file.totals.some((total) => total.bond !== null);
  const out: string[] = [];
  out.push('<details>');
  out.push(
    `<summary><code>${cell(file.path)}</code>: ${file.lines.length} line(s), ${file.totals.length} total(s) changed</summary>`,
  );
  out.push('');
  out.push(
    `| line | entity | FY | status | measure | component | base | amount |${lineBond ? ' bond |' : ''} rule changes |`,
  );
  out.push(`| --- | --- | --- | --- | --- | --- | ---: | ---: |${lineBond ? ' ---: |' : ''} --- |`);
  for (const line of file.lines) {
    const causes = [...line.attribution, ...(line.note === null ? [] : [line.note])]
      .map(cell)
      .join('<br>');
    const cells = [
      cell(line.id),
      line.entity ?? '',
      line.fiscalYear === null ? '' : String(line.fiscalYear),
      fieldCell(line, 'status', line.status),
      fieldCell(line, 'measure', line.measure ?? '—'),
      fieldCell(line, 'component', line.component ?? '—'),
      fieldCell(line, 'base', ''),
      fieldCell(line, 'amount', ''),
      ...(lineBond ? [fieldCell(line, 'bond', '')] : []),
      causes,
    ];
    out.push(`| ${cells.join(' | ')} |`);
  }
  if (file.totals.length > 0) {
    out.push('');
    out.push(
      `| total (entity · FY · measure · component) | base | amount |${totalBond ? ' bond |' : ''}`,
    );
    out.push(`| --- | ---: | ---: |${totalBond ? ' ---: |' : ''}`);
    for (const total of file.totals) {
      const cells = [
        `${total.entity} · ${total.fiscalYear} · ${total.measure} · ${total.component ?? '—'}`,
        yenDelta(total.base),
        yenDelta(total.amount),
        ...(totalBond ? [yenDelta(total.bond)] : []),
      ];
      out.push(`| ${cells.join(' | ')} |`);
    }
  }
  out.push('');
  out.push('</details>');
  return out.join('\n');
}

/**
 * The diff as a pull-request comment: a heading, the rule changes, a table of totals by measure,
 * then one collapsible section per changed file with its changed lines and totals.
 */
export function formatDiffMarkdown(diff: CorpusDiff): string {
  const out: string[] = [MARKDOWN_MARKER, '## kofuzei diff', ''];
  const { summary } = diff;
  const side = (rules: string, version: string): string =>
    `${code(rules)} (${code(version.slice(0, 12))})`;
  const headline = diff.changed
    ? `**${summary.changedLines} line(s) changed in ${summary.changedFiles} of ${summary.files} file(s)**`
    : `**No change** in ${summary.files} file(s)`;
  out.push(
    `${headline} · rules ${side(diff.base.rules, diff.base.rulesVersion)} → ${side(diff.head.rules, diff.head.rulesVersion)}`,
  );
  if (diff.ruleChanges.length > 0) {
    out.push('', `### Rule changes (${diff.ruleChanges.length})`, '');
    for (const change of diff.ruleChanges.slice(0, MAX_RULE_CHANGES))
      out.push(`- ${cell(change.text)}`);
    if (diff.ruleChanges.length > MAX_RULE_CHANGES)
      out.push(`- … and ${diff.ruleChanges.length - MAX_RULE_CHANGES} more (see --format json)`);
  }
  if (!diff.changed) return `${out.join('\n')}\n`;
  out.push('', '### Totals by measure', '');
  if (diff.measures.length === 0) out.push('_No measure total changed (only lines moved)._');
  else {
    const bond = diff.measures.some((measure) => measure.bond !== null);
    out.push(`| measure | base | amount |${bond ? ' bond |' : ''}`);
    out.push(`| --- | ---: | ---: |${bond ? ' ---: |' : ''}`);
    for (const measure of diff.measures) {
      const cells = [
        code(measure.measure),
        yenDelta(measure.base),
        yenDelta(measure.amount),
        ...(bond ? [yenDelta(measure.bond)] : []),
      ];
      out.push(`| ${cells.join(' | ')} |`);
    }
  }
  out.push('', '### Changed files', '');
  let length = out.join('\n').length;
  for (const [index, file] of diff.files.entries()) {
    const details = fileDetails(file);
    if (length + details.length > MAX_LENGTH) {
      out.push(
        `_${diff.files.length - index} more changed file(s) not shown: the comment would be too long. Run \`kofuzei diff --format json\` for all of them._`,
      );
      break;
    }
    out.push(details, '');
    length += details.length + 1;
  }
  return `${out.join('\n').trimEnd()}\n`;
}
